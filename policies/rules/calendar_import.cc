// Importing a calendar (issue 6): GOV.UK's list changes when a one-off bank
// holiday is proclaimed, and every open request's deadline must follow it.
// The import is refused as malformed if it would leave a deadline
// uncomputable: a date beyond the data is an error, never a guess.
#include <boost/json/serialize.hpp>

#include "policies/foi.h"
#include "policies/index.h"
#include "policies/rules/rules.h"

namespace sharetrail::policy {
namespace json = boost::json;

Result<std::vector<MovedDeadline>> DeadlinesMovedBy(const World& w, const Calendar& cal) {
  ST_ASSIGN_OR_RETURN(auto open, IndexValues(w.state(), "foi.open", ""));
  std::vector<MovedDeadline> out;
  for (const std::string& id : open) {
    ST_ASSIGN_OR_RETURN(json::object rec, w.Need(keys::Foi(id), "foi.open", "request", id));
    auto due = DueOf(cal, rec);
    if (!due.ok()) {
      return InvalidArgument("body.calendar: cannot compute the deadline of request " + id + ": " +
                             due.status().message());
    }
    std::optional<Date> before;
    if (rec.contains("due")) before = *ParseDate(Str(rec, "due"));
    if (before == due->date) continue;
    out.push_back(MovedDeadline{id, Str(rec, "party"), before, due->date});
  }
  return out;
}

Status CheckCalendarImported(const Proposal& p, const World& w, Decision* d) {
  auto cal = Calendar::ParseGovukJson(json::serialize(p.body.at("calendar")));
  if (!cal.ok()) return InvalidArgument("body.calendar." + cal.status().message());
  ST_ASSIGN_OR_RETURN(auto moved, DeadlinesMovedBy(w, *cal));
  for (const MovedDeadline& m : moved) {
    d->Oblige("calendar.deadline-moved", m.request + " (" + m.party + "): due " +
                                             (m.from ? m.from->ToString() : "-") + " -> " +
                                             (m.to ? m.to->ToString() : "-"));
  }
  return Status::Ok();
}

}  // namespace sharetrail::policy
