#include "policies/events.h"

#include <algorithm>

namespace sharetrail::policy {

const std::vector<std::string_view> kRoles = {
    "admin", "ig_officer", "foi_officer", "siro", "auditor", "staff",
    // named senior roles
    "chief_officer_of_police", "director_of_childrens_services", "senior_official",
    "chief_inspector",
    // a node's service account: records what it reads in peers' logs
    "node"};

const std::vector<std::string_view> kPartyKinds = {
    "inspectorate", "government_department", "commissioner", "police", "local_authority",
    "provider",     "other_public_body"};

const std::vector<std::string_view> kCategories = {"notifiable_incident_summary",
                                                   "notifiable_incident_notification",
                                                   "scr_update",
                                                   "inspection_report",
                                                   "concerns_letter",
                                                   "inspection_evidence",
                                                   "jtai_case_data",
                                                   "inspection_plan",
                                                   "registration_information",
                                                   "register_extract",
                                                   "matter_correspondence",
                                                   "advance_document",
                                                   "casework_summary",
                                                   "investigation_information"};

const std::vector<std::string_view> kClassifications = {"official", "official-sensitive", "secret",
                                                        "top-secret"};

namespace {

const std::vector<std::string_view> kPurposes = {
    "safeguarding",     "inspection",         "regulation", "respond_to_queries",
    "joint_inspection", "policy_development", "research",   "other"};
const std::vector<std::string_view> kMethods = {"secure_platform", "secure_email", "email",
                                                "secure_portal", "meeting"};
const std::vector<std::string_view> kAdmin = {"admin"};
const std::vector<std::string_view> kNode = {"node"};
const std::vector<std::string_view> kSystem = {kSystemRole};
const std::vector<std::string_view> kGovernance = {"siro", "ig_officer"};
// Information requests are the FOI team's, with IG and the SIRO behind it.
const std::vector<std::string_view> kFoi = {"foi_officer", "ig_officer", "siro"};
const std::vector<std::string_view> kRegimes = {"foia", "eir", "sar"};
// Kinds every role records, the auditor included: reading and signing in
// are what an auditor does (an `access` by an auditor is a read, not an act).
const std::vector<std::string_view>& Anyone() { return kRoles; }

std::vector<EventKind> Build() {
  using K = Kind;
  // Log evidence: a peer's entry with its proof and checkpoint (receipts.h).
  const std::vector<Field> kEvidence = {{"peer", K::kId, true},
                                        {"entry", K::kObject, true},
                                        {"proof", K::kObject, true},
                                        {"checkpoint", K::kText, true}};
  return {
      {{"party.registered",
        {{"party", K::kId, true},
         {"name", K::kName, true},
         {"kind", K::kEnum, true, kPartyKinds},
         {"teams", K::kObject, true}}},
       kAdmin},
      {{"user.registered",
        {{"user", K::kId, true},
         {"name", K::kName},
         {"party", K::kId, true},
         {"team", K::kId, true},
         {"roles", K::kEnums, true, kRoles}}},
       kAdmin},
      {{"agreement.registered", {{"agreement", K::kObject, true}}}, kAdmin},
      {{"agreement.amended", {{"agreement", K::kObject, true}, {"reason", K::kText, true}}},
       kAdmin},
      {{"agreement.reviewed",
        {{"agreement", K::kId, true},
         {"date", K::kDate, true},
         {"outcome", K::kEnum, true, {"continued", "amended", "terminated"}},
         {"notes", K::kText}}},
       kGovernance},
      {{"item.registered",
        {{"item", K::kId, true},
         {"title", K::kName, true},
         {"kind",
          K::kEnum,
          true,
          {"document", "report", "letter", "spreadsheet", "spreadsheet_row", "register_extract"}},
         {"owner", K::kId, true},
         {"category", K::kEnum, true, kCategories},
         {"classification", K::kEnum, true, kClassifications},
         {"safeguarding", K::kBool, true},
         {"personal_data", K::kBool, true},
         {"retention_class", K::kId},
         {"evidence_date", K::kDate},
         {"digest", K::kDigest, true},
         {"subjects", K::kIds},
         {"agreement", K::kId},
         {"pre_publication", K::kBool},
         {"provider", K::kId},
         {"inspection", K::kId},
         {"fields", K::kIds}}},
       {}},
      {{"share",
        {{"items", K::kIds, true},
         {"to", K::kId, true},
         {"to_team", K::kId},
         {"agreement", K::kId, true},
         {"purpose", K::kEnum, true, kPurposes},
         {"lawful_basis", K::kName, true},
         {"necessity", K::kText, true},
         {"fields", K::kIds},
         {"dpia", K::kName},
         {"decided_by", K::kId, true},
         {"method", K::kEnum, true, kMethods},
         {"classification", K::kEnum, false, kClassifications},
         {"handling", K::kText},
         {"marking", K::kName},
         {"password_protected", K::kBool},
         {"request", K::kId},
         {"urgent", K::kBool},
         {"occurred_at", K::kTime}}},
       {}},
      // Across nodes (receipts.h): who speaks for a party, and the receipts
      // each node records from the others' signed logs.
      {{"peer.registered",
        {{"party", K::kId, true},
         {"origin", K::kName, true},
         {"vkey", K::kName, true},
         {"url", K::kName}}},
       kAdmin},
      {{"share.received", kEvidence}, kNode},
      {{"share.acknowledged", kEvidence}, kNode},
      {{"access", {{"item", K::kId, true}, {"purpose", K::kName}}}, Anyone()},
      // A read of a list scoped to a party, proposed only when a user asks
      // for another party's list: the engine refuses it and so records it.
      {{"read", {{"resource", K::kName, true}, {"party", K::kId, true}}}, Anyone()},
      // Accounts (api/, cli/ user): ids only; secrets stay off the chain.
      {{"user.disabled", {{"user", K::kId, true}, {"reason", K::kText, true}}}, kAdmin},
      {{"credential.set", {{"user", K::kId, true}}}, Anyone()},
      {{"token.issued", {{"user", K::kId, true}, {"token", K::kId, true}}}, kAdmin},
      {{"token.revoked", {{"token", K::kId, true}, {"reason", K::kText}}}, kAdmin},
      {{"login.failed", {{"address", K::kName, true}, {"reason", K::kName, true}}}, Anyone()},
      // This node, as a C2SP tlog-witness for another party's log, refused
      // to cosign a validly signed checkpoint inconsistent with one it had
      // cosigned (a split view or a rewritten history): the evidence.
      {{"witness.refused",
        {{"origin", K::kName, true},
         {"old_size", K::kCount, true},
         {"size", K::kCount, true},
         {"root", K::kName, true},
         {"reason", K::kText, true},
         {"note", K::kText, true}}},
       kSystem},
      {{"publication", {{"item", K::kId, true}, {"date", K::kDate, true}, {"url", K::kName}}}, {}},
      {{"consent.given",
        {{"item", K::kId, true},
         {"to", K::kId, true},
         {"reference", K::kName, true},
         {"scope", K::kText}}},
       {}},
      {{"consent.withdrawn",
        {{"item", K::kId, true}, {"to", K::kId, true}, {"reason", K::kText, true}}},
       {}},
      {{"disclosure.onward",
        {{"item", K::kId, true},
         {"to", K::kName, true},
         {"ground", K::kEnum, true, {"public_domain", "legal_obligation", "written_consent"}},
         {"obligation_kind",
          K::kEnum,
          false,
          {"court_order", "statute", "information_request", "other"}},
         {"obligation_reference", K::kName},
         {"purpose", K::kName, true}}},
       {}},
      {{"provider.notified",
        {{"provider", K::kId, true},
         {"items", K::kIds},
         {"inspection", K::kId},
         {"summary", K::kText, true}}},
       {}},
      {{"incident.reported",
        {{"incident", K::kId, true},
         {"kind", K::kEnum, true, {"data_loss", "wrongful_disclosure", "other"}},
         {"agreement", K::kId, true},
         {"items", K::kIds},
         {"occurred_on", K::kDate},
         {"description", K::kText, true}}},
       {}},
      {{"incident.consulted",
        {{"incident", K::kId, true}, {"with", K::kId, true}, {"approach", K::kText, true}}},
       {}},
      {{"register.requested",
        {{"request", K::kId, true},
         {"area", K::kName, true},
         {"fields", K::kIds, true},
         {"purpose", K::kEnum, true, kPurposes},
         {"standing", K::kBool, true},
         {"secure_email", K::kName}}},
       {}},
      {{"standing_request.reconfirmed", {{"request", K::kId, true}}}, {}},
      {{"purpose.use",
        {{"request", K::kId, true},
         {"purpose", K::kName, true},
         {"description", K::kText, true},
         {"authorised_by", K::kId},
         {"authorisation_reference", K::kName}}},
       {}},
      {{"matter.raised",
        {{"matter", K::kId, true},
         {"section", K::kEnum, true, {"117", "119"}},
         {"to", K::kId, true},
         {"summary", K::kText, true}}},
       {}},
      {{"matter.answered",
        {{"matter", K::kId, true}, {"outcome", K::kText, true}, {"actions", K::kText}}},
       {}},
      {{"jtai.requested",
        {{"inspection", K::kId, true},
         {"request", K::kId, true},
         {"agency", K::kId, true},
         {"description", K::kText, true}}},
       {}},
      {{"inspection.ended", {{"inspection", K::kId, true}, {"date", K::kDate, true}}}, {}},
      {{"jtai.removed", {{"inspection", K::kId, true}, {"request", K::kId, true}}}, {}},
      {{"hold.placed",
        {{"hold", K::kId, true},
         {"scope", K::kEnum, true, {"item", "category", "party", "safeguarding"}},
         {"target", K::kId},
         {"authority",
          K::kEnum,
          true,
          {"iicsa", "litigation", "ico_investigation", "other_inquiry"}},
         {"reason", K::kText, true},
         {"reference", K::kName}}},
       kGovernance},
      {{"hold.lifted", {{"hold", K::kId, true}, {"reason", K::kText, true}}}, {"siro"}},
      // The trigger names come from the agreements' retention classes
      // (rules/holds.cc CheckRetentionTrigger), not from this table.
      {{"retention.trigger",
        {{"item", K::kId, true}, {"trigger", K::kId, true}, {"date", K::kDate, true}}},
       {}},
      {{"deletion.requested",
        {{"request", K::kId, true}, {"item", K::kId, true}, {"reason", K::kText, true}}},
       {}},
      // UK GDPR art 17: erase everything the party holds about a subject;
      // one deletion request per item, each decided like any other.
      {{"erasure.requested",
        {{"request", K::kId, true}, {"subject", K::kId, true}, {"reason", K::kText, true}}},
       {}},
      {{"disposition.approved", {{"request", K::kId, true}, {"note", K::kText}}}, kGovernance},
      {{"disposition.declined", {{"request", K::kId, true}, {"reason", K::kText, true}}},
       kGovernance},
      {{"payload.stored",
        {{"item", K::kId, true}, {"digest", K::kDigest, true}, {"size", K::kCount, true}}},
       {}},
      {{"payload.shredded", {{"item", K::kId, true}, {"request", K::kId, true}}}, {}},
      {{"disposed",
        {{"request", K::kId, true},
         {"method", K::kEnum, true, {"deleted", "destroyed", "crypto_shredded"}},
         {"certificate", K::kName}}},
       {}},
      // The bank holidays in force for every deadline, replacing the shipped
      // calendar (one-off holidays are proclaimed at short notice).
      {{"calendar.imported", {{"calendar", K::kObject, true}, {"source", K::kName, true}}}, kAdmin},
      // Information requests (issue 6): the requester is a reference only.
      {{"foi.received",
        {{"request", K::kId, true},
         {"regime", K::kEnum, true, kRegimes},
         {"received", K::kDate, true},
         {"requester", K::kName, true},
         {"items", K::kIds},
         {"categories", K::kEnums, false, kCategories},
         {"digest", K::kDigest},
         {"topic", K::kName}}},
       kFoi},
      {{"foi.clarification-requested",
        {{"request", K::kId, true}, {"date", K::kDate, true}, {"note", K::kText}}},
       kFoi},
      {{"foi.clarification-received", {{"request", K::kId, true}, {"date", K::kDate, true}}}, kFoi},
      {{"foi.fee-notified",
        {{"request", K::kId, true}, {"date", K::kDate, true}, {"amount", K::kName}}},
       kFoi},
      {{"foi.fee-paid", {{"request", K::kId, true}, {"date", K::kDate, true}}}, kFoi},
      {{"foi.extended",
        {{"request", K::kId, true},
         {"kind",
          K::kEnum,
          true,
          {"public_interest", "eir_complex", "sar_complex", "review_exceptional"}},
         {"due", K::kDate},
         {"reason", K::kText, true}}},
       kFoi},
      {{"foi.informed", {{"request", K::kId, true}, {"party", K::kId, true}, {"note", K::kText}}},
       kFoi},
      {{"foi.consulted",
        {{"request", K::kId, true}, {"party", K::kId, true}, {"question", K::kText, true}}},
       kFoi},
      {{"foi.consultation-answered",
        {{"request", K::kId, true}, {"party", K::kId, true}, {"answer", K::kText, true}}},
       kFoi},
      {{"foi.responded",
        {{"request", K::kId, true},
         {"date", K::kDate, true},
         {"outcome",
          K::kEnum,
          true,
          {"disclosed", "part_disclosed", "refused", "not_held", "ncnd", "withdrawn"}},
         {"exemptions", K::kNames}}},
       kFoi},
      {{"foi.review-requested", {{"request", K::kId, true}, {"date", K::kDate, true}}}, kFoi},
      {{"foi.review-decided",
        {{"request", K::kId, true},
         {"date", K::kDate, true},
         {"outcome", K::kEnum, true, {"upheld", "part_overturned", "overturned"}}}},
       kFoi},
      {{"foi.ico-complaint",
        {{"request", K::kId, true}, {"date", K::kDate, true}, {"reference", K::kName}}},
       kFoi},
      {{"foi.ico-decided",
        {{"request", K::kId, true},
         {"date", K::kDate, true},
         {"outcome",
          K::kEnum,
          true,
          {"complaint_upheld", "complaint_part_upheld", "complaint_not_upheld", "resolved",
           "withdrawn"}}}},
       kFoi},
  };
}

}  // namespace

const std::vector<EventKind>& AllKinds() {
  static const std::vector<EventKind> kinds = Build();
  return kinds;
}

bool MayPropose(const EventKind& kind, std::string_view role) {
  if (kind.roles.empty()) return role != "auditor" && role != kSystemRole;
  return std::find(kind.roles.begin(), kind.roles.end(), role) != kind.roles.end();
}

const EventKind* FindKind(std::string_view type) {
  for (const EventKind& k : AllKinds()) {
    if (k.schema.type == type) return &k;
  }
  return nullptr;
}

}  // namespace sharetrail::policy
