// shared-with, provenance, refusals and may-disclose.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "ledger/base64.h"
#include "ledger/canonical_json.h"
#include "policies/index.h"
#include "policies/queries.h"
#include "policies/rules/onward.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

Result<json::object> ParseObject(std::string_view text, std::string_view what) {
  auto v = ParseStrict(text);
  if (!v.ok() || !v->is_object()) return Corruption(std::string(what) + " is not a JSON object");
  return std::move(v->as_object());
}

Result<json::object> EntryAt(const Snapshot& s, uint64_t seq) {
  ST_ASSIGN_OR_RETURN(std::string_view bytes, s.EntryBytes(seq));
  return ParseObject(bytes, "entry " + std::to_string(seq));
}

// Where a day-ordered scan starts: the later of the first day asked for and
// the day of the `after` entry (days never decrease along the log).
Result<std::string> StartDay(const Snapshot& s, const std::optional<Date>& from, const Page& page) {
  std::string start = from ? from->ToString() : "";
  if (page.after) {
    ST_ASSIGN_OR_RETURN(json::object e, EntryAt(s, *page.after));
    std::string day = Str(e, "time").substr(0, 10);
    if (day > start) start = day;
  }
  return start;
}

bool InPeriod(std::string_view time, const std::optional<Date>& from,
              const std::optional<Date>& to) {
  std::string day(time.substr(0, 10));
  return (!from || day >= from->ToString()) && (!to || day <= to->ToString());
}

// A page of no rows could never say where the next one starts (AddRow reads
// the last row's seq), so a limit of 0 is an error, not an empty answer.
Status CheckPage(const Page& page) {
  if (page.limit == 0) return InvalidArgument("limit: must be at least 1");
  return Status::Ok();
}

// Adds a row unless the page is full; false once full (next_after is set).
bool AddRow(Table* t, const Page& page, uint64_t seq, json::object row) {
  if (t->rows.size() >= page.limit) {
    t->next_after = t->rows.back().as_object().at("seq").as_uint64();
    return false;
  }
  row["seq"] = seq;
  t->rows.push_back(std::move(row));
  return true;
}

std::string FirstRefusal(const json::object& decision) {
  for (const auto& f : decision.at("findings").as_array()) {
    if (Str(f.as_object(), "severity") == "refuse") return Str(f.as_object(), "rule");
  }
  return "";
}

// Issue 12: where the recipient runs its own node, whether its log bears
// out the share. A row the recipient's node recorded from the sender's log
// says so; a share to a peer party is acknowledged or, flagged, not.
// The column is there only on a ledger that has peers, so every page of
// one answer has the same columns, and a single-node ledger has none.
Status AnnotateReceipts(const Snapshot& s, Table* t) {
  bool any_peer = false;
  ST_RETURN_IF_ERROR(s.Scan("peer/", "", [&](std::string_view, std::string_view) {
    any_peer = true;
    return false;
  }));
  if (!any_peer) return Status::Ok();
  t->columns.push_back("receipt");
  for (auto& v : t->rows) {
    json::object& row = v.as_object();
    if (const json::object* got = Member(row, "received")) {
      row["receipt"] =
          "received from " + Str(*got, "origin") + " #" + json::serialize(got->at("seq"));
      row.erase("received");
      continue;
    }
    ST_ASSIGN_OR_RETURN(auto peer, s.Get(keys::Peer(Str(row, "to"))));
    if (!peer) continue;
    ST_ASSIGN_OR_RETURN(auto ack, s.Get(keys::Ack(row.at("seq").as_uint64())));
    if (!ack) {
      row["receipt"] = "not acknowledged";
      continue;
    }
    ST_ASSIGN_OR_RETURN(json::object a, ParseObject(*ack, "acknowledgement record"));
    row["receipt"] = "acknowledged by " + Str(a, "peer") + " (" + Str(a, "origin") + " #" +
                     json::serialize(a.at("receipt")) + ")";
  }
  return Status::Ok();
}

}  // namespace

Result<Table> SharedWith(const Snapshot& s, const ShareFilter& f) {
  Table t;
  t.columns = {"seq", "time", "from", "to", "agreement", "purpose", "items", "categories"};
  std::string index, value;
  bool by_day = true;
  if (!f.item.empty()) {
    index = "share.item", value = f.item, by_day = false;
  } else if (!f.party.empty()) {
    index = "share.party", value = f.party;
  } else if (!f.agreement.empty()) {
    index = "share.agreement", value = f.agreement;
  } else if (!f.category.empty()) {
    index = "share.category", value = f.category;
  } else {
    return InvalidArgument("shared-with needs a party, agreement, item or category");
  }
  ST_RETURN_IF_ERROR(CheckPage(f.page));
  std::string from;
  if (by_day) {
    ST_ASSIGN_OR_RETURN(from, StartDay(s, f.from, f.page));
  }
  Status bad;
  std::string to_day = f.to ? f.to->ToString() : "";
  ST_RETURN_IF_ERROR(ScanIndex(
      s, index, value,
      [&](uint64_t seq, std::string_view v) {
        if (f.page.after && seq <= *f.page.after) return true;
        auto sum = ParseObject(v, "share index record");
        if (!sum.ok()) {
          bad = sum.status();
          return false;
        }
        std::string time = Str(*sum, "time");
        if (by_day && !to_day.empty() && time.substr(0, 10) > to_day) return false;
        if (!InPeriod(time, f.from, f.to)) return true;
        bool party_ok =
            f.party.empty() || Str(*sum, "from") == f.party || Str(*sum, "to") == f.party;
        if (!party_ok || (!f.agreement.empty() && Str(*sum, "agreement") != f.agreement) ||
            (!f.category.empty() && !Contains(List(*sum, "categories"), f.category)) ||
            (!f.item.empty() && !Contains(List(*sum, "items"), f.item))) {
          return true;
        }
        return AddRow(&t, f.page, seq, std::move(*sum));
      },
      from));
  ST_RETURN_IF_ERROR(bad);
  ST_RETURN_IF_ERROR(AnnotateReceipts(s, &t));
  return t;
}

Result<Table> ProvenanceWithProofs(const Ledger& ledger, const Snapshot& s, std::string_view item,
                                   const Page& page, bool proofs) {
  ST_ASSIGN_OR_RETURN(uint64_t size, s.Size());
  ST_ASSIGN_OR_RETURN(Table t, Provenance(s, item, page));
  ST_ASSIGN_OR_RETURN(Hash root, ledger.Root(size));
  size_t verified = 0;
  for (auto& row : t.rows) {
    uint64_t seq = row.as_object().at("seq").as_uint64();
    ST_ASSIGN_OR_RETURN(InclusionProof proof, ledger.ProveInclusion(seq, size));
    if (proof.Verify(root).ok()) ++verified;
    row.as_object()["leaf_hash"] = Base64(proof.leaf_hash);
    if (proofs) row.as_object()["proof"] = proof.ToJson();
  }
  t.columns.push_back("leaf_hash");
  t.summary["checkpoint_size"] = size;
  t.summary["root"] = Base64(root);
  t.summary["proofs_verified"] = std::to_string(verified) + "/" + std::to_string(t.rows.size());
  if (proofs) {
    ST_ASSIGN_OR_RETURN(t.summary["checkpoint"], ledger.SignedCheckpoint(size));
  }
  return t;
}

Result<Table> Provenance(const Snapshot& s, std::string_view item, const Page& page) {
  Table t;
  t.columns = {"seq", "time", "type", "user", "party", "outcome", "rule"};
  ST_RETURN_IF_ERROR(CheckPage(page));
  std::vector<uint64_t> seqs;
  ST_RETURN_IF_ERROR(ScanIndex(s, "item", item, [&](uint64_t seq, std::string_view) {
    if (!page.after || seq > *page.after) seqs.push_back(seq);
    return seqs.size() <= page.limit;
  }));
  if (seqs.empty()) {
    ST_ASSIGN_OR_RETURN(auto rec, s.Get("item/" + std::string(item)));
    if (!rec) return NotFound("no item \"" + std::string(item) + "\" on this ledger");
  }
  for (uint64_t seq : seqs) {
    ST_ASSIGN_OR_RETURN(json::object e, EntryAt(s, seq));
    const json::object& body = e.at("body").as_object();
    const json::object& actor = e.at("actor").as_object();
    const json::object& decision = body.at("decision").as_object();
    json::object row{
        {"time", e.at("time")},
        {"type", Str(e, "type") == "refused"
                     ? json::value("refused " + Str(body.at("attempt").as_object(), "type"))
                     : e.at("type")},
        {"user", Str(actor, "user")},
        {"party", Str(actor, "party")},
        {"outcome", decision.at("outcome")},
        {"rule", FirstRefusal(decision)}};
    if (!AddRow(&t, page, seq, std::move(row))) break;
  }
  return t;
}

Result<Table> Refusals(const Snapshot& s, const RefusalFilter& f) {
  Table t;
  t.columns = {"seq", "time", "user", "party", "attempt", "rule", "reason"};
  ST_RETURN_IF_ERROR(CheckPage(f.page));
  std::vector<uint64_t> seqs;
  // Without filters on the entries themselves, a page needs only one more
  // seq than it shows (to know there is a next page).
  const bool filtered = !f.party.empty() || f.from || f.to;
  auto collect = [&](uint64_t seq, std::string_view) {
    if (!f.page.after || seq > *f.page.after) seqs.push_back(seq);
    return filtered || seqs.size() <= f.page.limit;
  };
  if (!f.rule.empty()) {
    ST_RETURN_IF_ERROR(ScanIndex(s, "refusal", f.rule, collect));
  } else {
    ST_RETURN_IF_ERROR(ScanIndex(s, "type", "refused", collect));
  }
  for (uint64_t seq : seqs) {
    ST_ASSIGN_OR_RETURN(json::object e, EntryAt(s, seq));
    if (!InPeriod(Str(e, "time"), f.from, f.to)) continue;
    const json::object& actor = e.at("actor").as_object();
    if (!f.party.empty() && Str(actor, "party") != f.party) continue;
    const json::object& body = e.at("body").as_object();
    std::string rule, reason;
    for (const auto& finding : body.at("decision").at("findings").as_array()) {
      const json::object& fo = finding.as_object();
      if (Str(fo, "severity") != "refuse" || (!f.rule.empty() && Str(fo, "rule") != f.rule))
        continue;
      rule = Str(fo, "rule");
      reason = Str(fo, "reason");
      break;
    }
    json::object row{{"time", e.at("time")},
                     {"user", Str(actor, "user")},
                     {"party", Str(actor, "party")},
                     {"attempt", body.at("attempt").at("type")},
                     {"rule", rule},
                     {"reason", reason}};
    if (!AddRow(&t, f.page, seq, std::move(row))) break;
  }
  return t;
}

// The entry that published item: its record keeps only the date, and a
// "yes, it is public" answer must point at the entry it rests on.
Result<std::optional<uint64_t>> PublicationSeq(const Snapshot& s, std::string_view item) {
  std::vector<uint64_t> seqs;
  ST_RETURN_IF_ERROR(ScanIndex(s, "item", item, [&](uint64_t seq, std::string_view) {
    seqs.push_back(seq);
    return true;
  }));
  for (uint64_t seq : seqs) {
    ST_ASSIGN_OR_RETURN(json::object e, EntryAt(s, seq));
    if (Str(e, "type") == "publication") return std::optional<uint64_t>(seq);
  }
  return std::optional<uint64_t>();
}

Result<Table> MayDisclose(const Engine& e, const Snapshot& s, std::string_view item,
                          std::string_view by, std::string_view to, Date today) {
  World w = e.MakeWorld(s);
  ST_ASSIGN_OR_RETURN(json::object rec, NeedItem(w, item, "item"));
  rec["item"] = std::string(item);
  ST_RETURN_IF_ERROR(w.Need(keys::Party(by), "--by", "party", by).status());
  Table t;
  t.columns = {"answer", "rule", "reason", "cite", "evidence"};
  std::vector<uint64_t> evidence;
  ST_ASSIGN_OR_RETURN(auto held, w.Record(keys::Held(item, by)));
  Decision d;
  const std::string owner = Str(rec, "owner");
  if (!held) {
    d.Refuse("scope.party", DesignCite("§4", "may X disclose item Y to Z"),
             std::string(by) + " does not hold " + std::string(item));
  } else {
    evidence.push_back(held->at("seq").to_number<uint64_t>());
    // 001 "Process for sharing…" ¶1: under embargo the report stays within
    // the named teams of each party, so it may go back to its originator or
    // on to a party the agreement names teams for (the share rule then asks
    // for the marking), but to no one else.
    if (UnderEmbargo(rec) && Str(*held, "via") != "owner" && to != owner) {
      ST_ASSIGN_OR_RETURN(auto a, w.FindAgreement(Str(*held, "agreement")));
      if (!a || !a->named_teams.contains(std::string(to))) {
        d.Refuse("embargo.named-teams",
                 DesignCite("§3 rules table", "under embargo until published"),
                 std::string(item) + " is under pre-publication embargo until " + owner +
                     " publishes it");
      }
    }
    Proposal p;
    p.party = std::string(by);
    p.today = today;
    if (owner != to) ST_RETURN_IF_ERROR(DecideOnward(p, w, rec, by, "", &d));
    ST_ASSIGN_OR_RETURN(auto consent, w.Record(keys::Consent(item, by)));
    if (consent) evidence.push_back(consent->at("seq").to_number<uint64_t>());
    if (rec.contains("published")) {
      ST_ASSIGN_OR_RETURN(auto published, PublicationSeq(s, item));
      if (published) evidence.push_back(*published);
    }
  }
  std::sort(evidence.begin(), evidence.end());
  json::array evidence_seqs(evidence.begin(), evidence.end());
  json::object row{{"answer", d.refused() ? "no" : "yes"}, {"evidence", evidence_seqs}};
  if (const Finding* f = d.first_refusal()) {
    row["rule"] = f->rule;
    row["reason"] = f->reason;
    row["cite"] = f->cite.Short();
  } else {
    row["rule"] = "";
    row["reason"] = rec.contains("published") ? "published on " + Str(rec, "published") +
                                                    ": lawfully in the public domain"
                                              : std::string("no rule restricts it");
    row["cite"] = "";
  }
  t.rows.push_back(std::move(row));
  return t;
}

}  // namespace sharetrail::policy
