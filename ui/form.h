// A GOV.UK form for any event kind, made from its body schema
// (policies/events.cc), and the way back: the posted fields as the event
// body. One form serves every kind, so a new kind needs no page of its own.
//
// Field names are "f.<field>"; a kEnums field is one checkbox per value,
// "f.<field>.<value>", because a form name may be given only once here.
#ifndef SHARETRAIL_UI_FORM_H_
#define SHARETRAIL_UI_FORM_H_

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "policies/events.h"
#include "ui/html.h"

namespace sharetrail::ui {

using FormValues = std::map<std::string, std::string>;

// The inputs for a kind's fields, filled from values; errors by input id.
std::string FieldsHtml(const policy::Schema& schema, const FormValues& values,
                       const std::vector<FieldError>& errors);
// The body the posted values describe. Every field that cannot be read
// (a missing required field, a count that is not a number, JSON that does
// not parse) is added to errors, all of them, not just the first.
boost::json::object BodyOf(const policy::Schema& schema, const FormValues& values,
                           std::vector<FieldError>* errors);
// The input id of a schema field, and of the field an API error names
// ("body.items[1]" -> the items input).
std::string InputId(std::string_view field);
std::string InputIdOfApiField(const std::string& api_field);
// "lawful_basis" -> "Lawful basis".
std::string LabelOf(std::string_view field);

}  // namespace sharetrail::ui

#endif  // SHARETRAIL_UI_FORM_H_
