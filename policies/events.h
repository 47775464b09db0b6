// The catalogue of event kinds the engine knows (DESIGN.md §2): each kind's
// body schema and which roles may propose it. An event type not listed here
// is malformed input.
#ifndef SHARETRAIL_POLICIES_EVENTS_H_
#define SHARETRAIL_POLICIES_EVENTS_H_

#include <string_view>
#include <vector>

#include "policies/schema.h"

namespace sharetrail::policy {

// Roles a user may hold. The named senior roles are those the agreements
// require for particular acts (seed 004 "How requests should be made").
extern const std::vector<std::string_view> kRoles;
extern const std::vector<std::string_view> kPartyKinds;
extern const std::vector<std::string_view> kCategories;
// Government Security Classifications (Cabinet Office, 2014), as ids.
extern const std::vector<std::string_view> kClassifications;

// The node itself, recording what it observed rather than what a person
// did: the role no user can hold (kRoles lacks it), which may propose only
// the kinds that list it, under an actor name that is no directory user.
constexpr std::string_view kSystemRole = "system";
// The witness in sharetraild (api/routes_witness.cc) records refusals to
// cosign another party's inconsistent checkpoint as this actor.
constexpr std::string_view kWitnessActor = "witness";

struct EventKind {
  Schema schema;
  // Roles allowed to propose it; empty means any role but auditor.
  std::vector<std::string_view> roles;
};

const EventKind* FindKind(std::string_view type);
// Whether a user acting in `role` may propose the kind (DESIGN.md §2
// roles): one of its roles, or, if it names none, any role but auditor
// and the system role.
bool MayPropose(const EventKind& kind, std::string_view role);
const std::vector<EventKind>& AllKinds();

// The entry type of a recorded refusal; never proposed directly.
constexpr std::string_view kRefusedType = "refused";

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_EVENTS_H_
