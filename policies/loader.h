// Turns the policy files in the source tree (policies/parties.json and
// policies/agreements/*.json) into the events that register them, so the
// ledger, not the files, is what the engine decides against.
#ifndef SHARETRAIL_POLICIES_LOADER_H_
#define SHARETRAIL_POLICIES_LOADER_H_

#include <string>
#include <vector>

#include "ledger/entry.h"
#include "ledger/status.h"

namespace sharetrail::policy {

// party.registered for each party in the parties file (teams as {id: name}).
Result<std::vector<Event>> PartyEvents(const std::string& parties_json, const std::string& actor);
// agreement.registered for one agreement file.
Result<Event> AgreementEvent(const std::string& agreement_json, const std::string& actor);
// Everything in a policies directory: parties first, then agreements in
// file-name order. Errors name the file.
Result<std::vector<Event>> PolicyEvents(const std::string& dir, const std::string& actor);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_LOADER_H_
