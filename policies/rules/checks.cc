// Which checks decide which event type, and the helpers they share.
#include "policies/rules/rules.h"

namespace sharetrail::policy {
namespace json = boost::json;

std::vector<Check> ChecksFor(std::string_view type) {
  struct Row {
    std::string_view type;
    std::vector<Check> checks;
  };
  static const std::vector<Row> kTable = {
      {"party.registered", {CheckPartyRegistered}},
      {"user.registered", {CheckUserRegistered}},
      {"agreement.registered", {CheckAgreementDocument}},
      {"agreement.amended", {CheckAgreementDocument}},
      {"agreement.reviewed", {CheckAgreementReviewed}},
      {"item.registered", {CheckItemRegistered}},
      {"share", {CheckShare}},
      {"peer.registered", {CheckPeerRegistered}},
      {"share.received", {CheckShareReceived}},
      {"share.acknowledged", {CheckShareAcknowledged}},
      {"access", {CheckAccess}},
      {"read", {CheckRead}},
      {"user.disabled", {CheckUserDisabled}},
      {"credential.set", {CheckCredentialSet}},
      {"token.issued", {CheckTokenIssued}},
      {"token.revoked", {CheckTokenRevoked}},
      {"publication", {CheckPublication}},
      {"consent.given", {CheckConsent}},
      {"consent.withdrawn", {CheckConsent}},
      {"disclosure.onward", {CheckOnwardDisclosure}},
      {"provider.notified", {CheckProviderNotified}},
      {"incident.reported", {CheckIncidentReported}},
      {"incident.consulted", {CheckIncidentConsulted}},
      {"register.requested", {CheckRegisterRequested}},
      {"standing_request.reconfirmed", {CheckStandingReconfirmed}},
      {"purpose.use", {CheckPurposeUse}},
      {"matter.raised", {CheckMatterRaised}},
      {"matter.answered", {CheckMatterAnswered}},
      {"jtai.requested", {CheckJtaiRequested}},
      {"inspection.ended", {CheckInspectionEnded}},
      {"jtai.removed", {CheckJtaiRemoved}},
      {"hold.placed", {CheckHoldPlaced}},
      {"hold.lifted", {CheckHoldLifted}},
      {"retention.trigger", {CheckRetentionTrigger}},
      {"deletion.requested", {CheckDeletionRequested}},
      {"erasure.requested", {CheckErasureRequested}},
      {"disposition.approved", {CheckDispositionApproved}},
      {"disposition.declined", {CheckDispositionDeclined}},
      {"disposed", {CheckDisposed}},
      {"payload.stored", {CheckPayloadStored}},
      {"payload.shredded", {CheckPayloadShredded}},
      {"calendar.imported", {CheckCalendarImported}},
      {"foi.received", {CheckFoiReceived}},
      {"foi.clarification-requested", {CheckFoiClarification}},
      {"foi.clarification-received", {CheckFoiClarification}},
      {"foi.fee-notified", {CheckFoiFee}},
      {"foi.fee-paid", {CheckFoiFee}},
      {"foi.extended", {CheckFoiExtended}},
      {"foi.informed", {CheckFoiInformed}},
      {"foi.consulted", {CheckFoiInformed}},
      {"foi.consultation-answered", {CheckFoiConsultationAnswered}},
      {"foi.responded", {CheckFoiResponded}},
      {"foi.review-requested", {CheckFoiReview}},
      {"foi.review-decided", {CheckFoiReview}},
      {"foi.ico-complaint", {CheckFoiComplaint}},
      {"foi.ico-decided", {CheckFoiComplaint}},
  };
  for (const Row& r : kTable) {
    if (r.type == type) return r.checks;
  }
  return {};
}

Result<std::shared_ptr<const Agreement>> NeedAgreement(const World& w, std::string_view id,
                                                       std::string_view field) {
  ST_ASSIGN_OR_RETURN(auto a, w.FindAgreement(id));
  if (!a) {
    return InvalidArgument(std::string(field) + ": unknown agreement \"" + std::string(id) + "\"");
  }
  return a;
}

Result<json::object> NeedItem(const World& w, std::string_view id, std::string_view field) {
  return w.Need(keys::Item(id), field, "item", id);
}

Result<bool> HoldsItem(const World& w, std::string_view item, std::string_view party) {
  return w.Exists(keys::Held(item, party));
}

bool Admits(const std::vector<std::string>& list, std::string_view party, std::string_view kind) {
  for (const std::string& s : list) {
    if (s == party || (s.starts_with("kind:") && std::string_view(s).substr(5) == kind)) {
      return true;
    }
  }
  return false;
}

Status MustBeNew(const World& w, const std::string& key, std::string_view field,
                 std::string_view id) {
  ST_ASSIGN_OR_RETURN(bool exists, w.Exists(key));
  if (exists) {
    return InvalidArgument(std::string(field) + ": \"" + std::string(id) + "\" already exists");
  }
  return Status::Ok();
}

Cite ScopeCite() { return DesignCite("Standards: check the party scope"); }

bool UnderEmbargo(const json::object& item) {
  return Flag(item, "pre_publication") && !item.contains("published");
}

}  // namespace sharetrail::policy
