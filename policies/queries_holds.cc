// may-delete, holds, disposition review, disposals.
#include "ledger/canonical_json.h"
#include "policies/index.h"
#include "policies/queries.h"
#include "policies/records.h"
#include "policies/rules/disposal.h"

namespace sharetrail::policy {
namespace json = boost::json;

Result<Table> MayDelete(const Engine& e, const Snapshot& s, std::string_view item,
                        std::string_view party, Date today) {
  World w = e.MakeWorld(s);
  ST_ASSIGN_OR_RETURN(json::object rec, NeedItem(w, item, "item"));
  rec["item"] = std::string(item);
  ST_RETURN_IF_ERROR(w.Need(keys::Party(party), "--by", "party", party).status());
  Decision d;
  ST_ASSIGN_OR_RETURN(bool holds, HoldsItem(w, item, party));
  if (!holds) {
    d.Refuse("scope.party", DesignCite("§4", "may item Y be deleted"),
             std::string(party) + " holds no copy of " + std::string(item));
  } else {
    ST_RETURN_IF_ERROR(CheckDisposalBlockers(w, rec, party, today, &d));
  }
  ST_ASSIGN_OR_RETURN(Retention r, RetentionOf(w, rec));
  Table t;
  t.columns = {"answer", "rule", "reason", "cite"};
  ST_ASSIGN_OR_RETURN(std::vector<json::object> holds_now, HoldsCovering(w, rec));
  std::string hold_names;
  for (const json::object& h : holds_now) {
    hold_names +=
        (hold_names.empty() ? "" : ", ") + Str(h, "hold") + " (" + Str(h, "authority") + ")";
  }
  std::string answer = "yes";
  if (const Finding* f = d.first_refusal()) {
    answer = f->rule.starts_with("hold.") && !hold_names.empty() ? "no: hold " + hold_names
             : f->rule.starts_with("hold.")                      ? "no: retention review owed"
             : f->rule == "retention.minimum"    ? "no: retention until " + r.until->ToString()
             : f->rule.starts_with("retention.") ? "no: retention not yet started"
                                                 : "no";
  }
  for (const Finding& f : d.findings()) {
    t.rows.push_back(json::object{
        {"answer", answer}, {"rule", f.rule}, {"reason", f.reason}, {"cite", f.cite.Short()}});
  }
  if (t.rows.empty()) {
    t.rows.push_back(json::object{
        {"answer", answer},
        {"rule", ""},
        {"reason", "no hold covers it and its retention minimum ended on " + r.until->ToString()},
        {"cite", r.cite.Short()}});
  }
  t.summary["item"] = std::string(item);
  t.summary["retention_class"] = r.klass;
  t.summary["retention_until"] = r.until ? r.until->ToString() : "";
  return t;
}

Result<Table> Holds(const Snapshot& s, bool all) {
  Table t;
  t.columns = {"hold", "authority", "scope", "target", "placed", "by", "state"};
  ST_RETURN_IF_ERROR(EachRecord(s, "hold/", [&](std::string_view id, json::object h) {
    bool lifted = h.contains("lifted");
    if (lifted && !all) return;
    t.rows.push_back(json::object{
        {"hold", id},
        {"authority", h.at("authority")},
        {"scope", h.at("scope")},
        {"target", Str(h, "target")},
        {"placed", h.at("placed")},
        {"by", h.at("by")},
        {"state", lifted ? "lifted " + Str(h.at("lifted").as_object(), "date") : "in force"}});
  }));
  return t;
}

Result<Table> DispositionReview(const Engine& e, const Snapshot& s, Date today) {
  World w = e.MakeWorld(s);
  Table t;
  t.columns = {"request", "item", "party", "requested", "state", "next"};
  std::vector<std::pair<std::string, json::object>> reqs;
  ST_RETURN_IF_ERROR(EachRecord(s, "delreq/", [&](std::string_view id, json::object r) {
    reqs.emplace_back(std::string(id), std::move(r));
  }));
  for (auto& [id, r] : reqs) {
    std::string state = Str(r, "state"), next;
    if (state == "pending" || state == "approved") {
      // Another request may have disposed of the copy already; approving or
      // disposing under this one would then be refused.
      ST_ASSIGN_OR_RETURN(bool holds_copy, HoldsItem(w, Str(r, "item"), Str(r, "party")));
      next = !holds_copy          ? "none: the copy was disposed of under another request"
             : state == "pending" ? "approve or decline (disposition review)"
                                  : "dispose";
    } else if (state == "refused") {
      // A request refused because of a hold returns when no hold covers the
      // item any more; the requester then asks again.
      bool by_hold = false;
      for (const std::string& rule : List(r, "refused_by"))
        by_hold = by_hold || rule.starts_with("hold.");
      if (!by_hold) continue;
      // Dealt with once the party has asked again (a later request carries
      // the matter) or no longer holds a copy.
      bool asked_again = false;
      for (const auto& [other, o] : reqs) {
        asked_again = asked_again ||
                      (Str(o, "item") == Str(r, "item") && Str(o, "party") == Str(r, "party") &&
                       o.at("seq").to_number<uint64_t>() > r.at("seq").to_number<uint64_t>());
      }
      if (asked_again) continue;
      ST_ASSIGN_OR_RETURN(bool holds_copy, HoldsItem(w, Str(r, "item"), Str(r, "party")));
      if (!holds_copy) continue;
      ST_ASSIGN_OR_RETURN(auto item, w.Record(keys::Item(Str(r, "item"))));
      if (!item) continue;
      (*item)["item"] = Str(r, "item");
      ST_ASSIGN_OR_RETURN(auto holds, HoldsCovering(w, *item));
      if (!holds.empty()) continue;
      Decision d;
      ST_RETURN_IF_ERROR(CheckDisposalBlockers(w, *item, Str(r, "party"), today, &d));
      const Finding* f = d.first_refusal();
      next = f ? "hold lifted; still blocked: " + f->reason : "hold lifted; request again";
      state = "refused (hold since lifted)";
    } else {
      continue;
    }
    t.rows.push_back(json::object{{"request", id},
                                  {"item", r.at("item")},
                                  {"party", r.at("party")},
                                  {"requested", r.at("requested")},
                                  {"state", state},
                                  {"next", next}});
  }
  return t;
}

Result<Table> PendingShreds(const Snapshot& s) {
  Table t;
  t.columns = {"item", "request", "party", "disposed_seq"};
  std::vector<std::pair<std::string, json::object>> reqs;
  ST_RETURN_IF_ERROR(EachRecord(s, "delreq/", [&](std::string_view id, json::object r) {
    if (Str(r, "state") == "disposed" && !r.contains("shredded")) {
      reqs.emplace_back(std::string(id), std::move(r));
    }
  }));
  for (auto& [id, r] : reqs) {
    std::string item = Str(r, "item");
    ST_ASSIGN_OR_RETURN(auto raw, s.Get(keys::Item(item)));
    if (!raw) continue;
    ST_ASSIGN_OR_RETURN(json::value rec, ParseStrict(*raw));
    const json::value* payload = rec.as_object().if_contains("payload");
    if (payload == nullptr || payload->as_object().contains("shredded")) continue;
    bool any_holder = false;
    ST_RETURN_IF_ERROR(s.Scan(keys::Held(item, ""), "", [&](std::string_view, std::string_view) {
      any_holder = true;
      return false;
    }));
    if (any_holder) continue;
    t.rows.push_back(json::object{{"item", item},
                                  {"request", id},
                                  {"party", r.at("party")},
                                  {"disposed_seq", r.at("disposed").at("seq")}});
  }
  return t;
}

Result<Table> SubjectAccess(const Snapshot& s, std::string_view subject) {
  Table t;
  t.columns = {"item", "seq", "time", "type", "party", "outcome"};
  std::vector<uint64_t> registrations;
  ST_RETURN_IF_ERROR(ScanIndex(s, "subject", subject, [&](uint64_t seq, std::string_view) {
    registrations.push_back(seq);
    return true;
  }));
  int payloads = 0;
  for (uint64_t reg : registrations) {
    ST_ASSIGN_OR_RETURN(std::string_view bytes, s.EntryBytes(reg));
    ST_ASSIGN_OR_RETURN(json::value e, ParseStrict(bytes));
    std::string item = Str(e.at("body").as_object(), "item");
    ST_ASSIGN_OR_RETURN(auto raw, s.Get(keys::Item(item)));
    if (raw) {
      ST_ASSIGN_OR_RETURN(json::value rec, ParseStrict(*raw));
      const json::value* p = rec.as_object().if_contains("payload");
      if (p != nullptr && !p->as_object().contains("shredded")) ++payloads;
    }
    std::vector<uint64_t> seqs;
    ST_RETURN_IF_ERROR(ScanIndex(s, "item", item, [&](uint64_t seq, std::string_view) {
      seqs.push_back(seq);
      return true;
    }));
    for (uint64_t seq : seqs) {
      ST_ASSIGN_OR_RETURN(std::string_view eb, s.EntryBytes(seq));
      ST_ASSIGN_OR_RETURN(json::value ev, ParseStrict(eb));
      const json::object& body = ev.at("body").as_object();
      std::string type = Str(ev.as_object(), "type");
      if (type == "refused") type = "refused " + Str(body.at("attempt").as_object(), "type");
      t.rows.push_back(json::object{{"item", item},
                                    {"seq", seq},
                                    {"time", ev.at("time")},
                                    {"type", type},
                                    {"party", ev.at("actor").at("party")},
                                    {"outcome", body.at("decision").at("outcome")}});
    }
  }
  t.summary["subject"] = std::string(subject);
  t.summary["items"] = registrations.size();
  t.summary["payloads_held"] = payloads;
  return t;
}

Result<Table> Disposals(const Snapshot& s, int year) {
  Table t;
  t.columns = {"seq", "time", "item", "party", "request", "method", "approved_by"};
  std::vector<uint64_t> seqs;
  ST_RETURN_IF_ERROR(
      ScanIndex(s, "disposal", std::to_string(year), [&](uint64_t seq, std::string_view) {
        seqs.push_back(seq);
        return true;
      }));
  for (uint64_t seq : seqs) {
    ST_ASSIGN_OR_RETURN(std::string_view bytes, s.EntryBytes(seq));
    ST_ASSIGN_OR_RETURN(json::value e, ParseStrict(bytes));
    const json::object& b = e.at("body").as_object();
    ST_ASSIGN_OR_RETURN(auto raw, s.Get(keys::DeletionRequest(Str(b, "request"))));
    json::object req;
    if (raw) {
      ST_ASSIGN_OR_RETURN(json::value v, ParseStrict(*raw));
      req = v.as_object();
    }
    t.rows.push_back(
        json::object{{"seq", seq},
                     {"time", e.at("time")},
                     {"item", Str(req, "item")},
                     {"party", e.at("actor").at("party")},
                     {"request", b.at("request")},
                     {"method", b.at("method")},
                     {"approved_by",
                      req.contains("approved") ? Str(req.at("approved").as_object(), "by") : ""}});
  }
  t.summary["year"] = year;
  t.summary["disposals"] = t.rows.size();
  return t;
}

}  // namespace sharetrail::policy
