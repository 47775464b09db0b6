// The checks behind each event kind, grouped by the agreement text they
// enforce. Each is registered for its event types in checks.cc; each cites
// its seed paragraph through the agreement file's rule or context.
#ifndef SHARETRAIL_POLICIES_RULES_RULES_H_
#define SHARETRAIL_POLICIES_RULES_RULES_H_

#include "policies/agreement.h"
#include "policies/proposal.h"
#include "policies/schema.h"

namespace sharetrail::policy {

// Helpers shared by the checks.
Result<std::shared_ptr<const Agreement>> NeedAgreement(const World& w, std::string_view id,
                                                       std::string_view field);
Result<boost::json::object> NeedItem(const World& w, std::string_view id, std::string_view field);
// True if `party` holds `item` (owns it or received it in a share).
Result<bool> HoldsItem(const World& w, std::string_view item, std::string_view party);
// Whether a context's from/to list admits the party (by id or "kind:<kind>").
bool Admits(const std::vector<std::string>& list, std::string_view party, std::string_view kind);
// InvalidArgument "<field>: \"id\" already exists" if key is a record.
Status MustBeNew(const World& w, const std::string& key, std::string_view field,
                 std::string_view id);
// The citation of party-scope refusals (a party acting on what is not its).
Cite ScopeCite();
// Under embargo: registered pre-publication and not yet published.
bool UnderEmbargo(const boost::json::object& item);

// directory.cc
Status CheckPartyRegistered(const Proposal& p, const World& w, Decision* d);
Status CheckUserRegistered(const Proposal& p, const World& w, Decision* d);
Status CheckAgreementDocument(const Proposal& p, const World& w, Decision* d);
Status CheckAgreementReviewed(const Proposal& p, const World& w, Decision* d);

// accounts.cc (users, credentials, tokens, scoped reads)
Status CheckRead(const Proposal& p, const World& w, Decision* d);
Status CheckUserDisabled(const Proposal& p, const World& w, Decision* d);
Status CheckCredentialSet(const Proposal& p, const World& w, Decision* d);
Status CheckTokenIssued(const Proposal& p, const World& w, Decision* d);
Status CheckTokenRevoked(const Proposal& p, const World& w, Decision* d);

// items.cc
Status CheckItemRegistered(const Proposal& p, const World& w, Decision* d);
Status CheckAccess(const Proposal& p, const World& w, Decision* d);
Status CheckPublication(const Proposal& p, const World& w, Decision* d);
Status CheckConsent(const Proposal& p, const World& w, Decision* d);
Status CheckOnwardDisclosure(const Proposal& p, const World& w, Decision* d);

// share.cc and share_rules.cc
Status CheckShare(const Proposal& p, const World& w, Decision* d);

// register.cc (seed 004)
Status CheckRegisterRequested(const Proposal& p, const World& w, Decision* d);
Status CheckStandingReconfirmed(const Proposal& p, const World& w, Decision* d);
Status CheckPurposeUse(const Proposal& p, const World& w, Decision* d);
// Whether seed 004's register rules bind items of this category.
Result<bool> IsRegisterCategory(const World& w, std::string_view category);
// The register rules a share of a register extract must satisfy, whatever
// agreement it is made under.
Status CheckRegisterShare(const Proposal& p, const World& w, Decision* d);
// The last day a standing request may be served (DESIGN.md §3 reading).
Date StandingRequestLastDay(Date confirmed, int lapse_months);
// The lapse period of standing requests the agreements set (12 months
// unless a standing_request rule says otherwise).
int StandingLapseMonths(const std::vector<std::shared_ptr<const Agreement>>& agreements);

// duties.cc (seeds 000 §14, 001 JTAI and provider, 002 §11–13)
Status CheckProviderNotified(const Proposal& p, const World& w, Decision* d);
Status CheckIncidentReported(const Proposal& p, const World& w, Decision* d);
Status CheckIncidentConsulted(const Proposal& p, const World& w, Decision* d);
Status CheckMatterRaised(const Proposal& p, const World& w, Decision* d);
Status CheckMatterAnswered(const Proposal& p, const World& w, Decision* d);
Status CheckJtaiRequested(const Proposal& p, const World& w, Decision* d);
Status CheckInspectionEnded(const Proposal& p, const World& w, Decision* d);
Status CheckJtaiRemoved(const Proposal& p, const World& w, Decision* d);

// receipts.cc (issue 12: nodes, and receipts between their logs)
Status CheckPeerRegistered(const Proposal& p, const World& w, Decision* d);
Status CheckShareReceived(const Proposal& p, const World& w, Decision* d);
Status CheckShareAcknowledged(const Proposal& p, const World& w, Decision* d);

// holds.cc (holds, retention and disposal; blockers in disposal.h)
Status CheckHoldPlaced(const Proposal& p, const World& w, Decision* d);
Status CheckHoldLifted(const Proposal& p, const World& w, Decision* d);
Status CheckRetentionTrigger(const Proposal& p, const World& w, Decision* d);
Status CheckDeletionRequested(const Proposal& p, const World& w, Decision* d);
Status CheckErasureRequested(const Proposal& p, const World& w, Decision* d);
Status CheckDispositionApproved(const Proposal& p, const World& w, Decision* d);
Status CheckDispositionDeclined(const Proposal& p, const World& w, Decision* d);
Status CheckDisposed(const Proposal& p, const World& w, Decision* d);
Status CheckPayloadStored(const Proposal& p, const World& w, Decision* d);
Status CheckPayloadShredded(const Proposal& p, const World& w, Decision* d);

// foi.cc (FOIA 2000, EIR 2004, UK GDPR art 12; seed 000 §15)
Status CheckFoiReceived(const Proposal& p, const World& w, Decision* d);
Status CheckFoiClarification(const Proposal& p, const World& w, Decision* d);
Status CheckFoiFee(const Proposal& p, const World& w, Decision* d);
Status CheckFoiExtended(const Proposal& p, const World& w, Decision* d);
Status CheckFoiInformed(const Proposal& p, const World& w, Decision* d);
Status CheckFoiConsultationAnswered(const Proposal& p, const World& w, Decision* d);
Status CheckFoiResponded(const Proposal& p, const World& w, Decision* d);
Status CheckFoiReview(const Proposal& p, const World& w, Decision* d);
Status CheckFoiComplaint(const Proposal& p, const World& w, Decision* d);

// calendar_import.cc: a new calendar moves open requests' deadlines.
struct MovedDeadline {
  std::string request, party;
  std::optional<Date> from, to;
};
// Every open request whose deadline differs under `cal`; InvalidArgument
// naming the request if `cal` does not cover its deadline.
Result<std::vector<MovedDeadline>> DeadlinesMovedBy(const World& w, const Calendar& cal);
Status CheckCalendarImported(const Proposal& p, const World& w, Decision* d);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_RULES_RULES_H_
