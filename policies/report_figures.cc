// The report's counted figures as a pure function of decoded entries, so an
// evidence bundle's verifier recomputes them from the bundled bytes alone
// (report.h invariants). Reads nothing but its arguments.
#include <algorithm>
#include <tuple>

#include "policies/agreement.h"
#include "policies/date.h"
#include "policies/report.h"
#include "policies/rules/rules.h"
#include "policies/world.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

using Key = std::tuple<std::string, std::string, std::string, std::string>;

const json::object& Obj(const json::object& o, std::string_view key) {
  static const json::object kEmpty;
  const json::value* v = o.if_contains(key);
  return v && v->is_object() ? v->as_object() : kEmpty;
}
const json::array& Arr(const json::object& o, std::string_view key) {
  static const json::array kEmpty;
  const json::value* v = o.if_contains(key);
  return v && v->is_array() ? v->as_array() : kEmpty;
}

// The body the actor proposed: a refused entry's attempt, else the body.
const json::object& ProposedBody(const json::object& e) {
  const json::object& body = Obj(e, "body");
  return Str(e, "type") == "refused" ? Obj(Obj(body, "attempt"), "body") : body;
}
const json::object& DecisionOf(const json::object& e) { return Obj(Obj(e, "body"), "decision"); }

// The agreement an entry is under: the one its body names, else the only
// one its decision applied, else none.
std::string AgreementOf(const json::object& e) {
  std::string named = Str(ProposedBody(e), "agreement");
  if (!named.empty()) return named;
  const json::array& applied = Arr(DecisionOf(e), "agreements");
  return applied.size() == 1 && applied[0].is_object() ? Str(applied[0].as_object(), "id") : "";
}
std::string PartyOf(const json::object& e) { return Str(Obj(e, "actor"), "party"); }
std::string DayOf(const json::object& e) { return Str(e, "time").substr(0, 10); }

bool HasFinding(const json::object& decision, std::string_view rule, std::string_view list) {
  for (const auto& f : Arr(decision, list)) {
    if (f.is_object() && Str(f.as_object(), "rule") == rule) return true;
  }
  return false;
}
std::string FirstRefusalRule(const json::object& decision) {
  for (const auto& f : Arr(decision, "findings")) {
    if (f.is_object() && Str(f.as_object(), "severity") == "refuse") {
      return Str(f.as_object(), "rule");
    }
  }
  return "";
}

class Tally {
 public:
  Tally(const ReportScope& scope) : scope_(scope) {}
  // Counts seq under the figure if the figure is in scope. `party` "" is a
  // figure across parties: in scope when one of `involves` is.
  bool Add(const std::string& section, const std::string& agreement, const std::string& party,
           const std::string& metric, uint64_t seq, std::vector<std::string> involves = {}) {
    if (!scope_.agreement.empty() && agreement != scope_.agreement) return false;
    if (!scope_.party.empty()) {
      if (involves.empty()) involves.push_back(party);
      if (!Contains(involves, scope_.party)) return false;
      if (!party.empty() && party != scope_.party) return false;
    }
    counts_[{section, agreement, party, metric}].insert(seq);
    counted_.insert(seq);
    return true;
  }
  const std::map<Key, std::set<uint64_t>>& counts() const { return counts_; }
  const std::set<uint64_t>& counted() const { return counted_; }

 private:
  const ReportScope& scope_;
  std::map<Key, std::set<uint64_t>> counts_;
  std::set<uint64_t> counted_;
};

// What the main pass looks up across entries.
struct Lookups {
  std::map<std::string, std::pair<std::string, uint64_t>> item_category;  // item -> (cat, seq)
  std::map<std::string, std::pair<std::string, uint64_t>> hold_lifted;    // hold -> (day, seq)
  std::map<std::string, uint64_t> foi_response;                           // request -> seq
  std::map<std::string, std::vector<uint64_t>> reconfirmed;               // request -> seqs
  std::map<std::string, std::pair<std::string, uint64_t>> incident;       // id -> (agreement, seq)
  std::map<std::string, std::vector<uint64_t>> agreement;  // id -> registered/amended/reviewed
};

Lookups Index(const DecodedEntries& entries) {
  Lookups l;
  for (const auto& [seq, e] : entries) {
    const std::string type = Str(e, "type");
    const json::object& b = Obj(e, "body");
    if (type == "item.registered") {
      l.item_category.emplace(Str(b, "item"), std::make_pair(Str(b, "category"), seq));
    } else if (type == "hold.lifted") {
      l.hold_lifted.emplace(Str(b, "hold"), std::make_pair(DayOf(e), seq));
    } else if (type == "foi.responded") {
      l.foi_response.emplace(Str(b, "request"), seq);
    } else if (type == "standing_request.reconfirmed") {
      l.reconfirmed[Str(b, "request")].push_back(seq);
    } else if (type == "incident.reported") {
      l.incident.emplace(Str(b, "incident"), std::make_pair(Str(b, "agreement"), seq));
    } else if (type == "agreement.registered" || type == "agreement.amended") {
      l.agreement[Str(Obj(b, "agreement"), "id")].push_back(seq);
    } else if (type == "agreement.reviewed") {
      l.agreement[Str(b, "agreement")].push_back(seq);
    }
  }
  return l;
}

struct Pass {
  const DecodedEntries& entries;
  const ReportScope& scope;
  const ReportParams& params;
  Lookups l;
  Tally t;
  std::set<uint64_t> consulted;
  std::string year;

  bool InYear(std::string_view day) const { return day.substr(0, 4) == year; }

  void Share(uint64_t seq, const json::object& e) {
    const json::object& b = Obj(e, "body");
    const std::string a = Str(b, "agreement"), from = PartyOf(e), to = Str(b, "to");
    const std::string basis = Str(b, "lawful_basis");
    std::set<std::string> cats;
    std::vector<uint64_t> item_seqs;
    for (const std::string& item : List(b, "items")) {
      auto it = l.item_category.find(item);
      cats.insert(it == l.item_category.end() ? "unrecorded" : it->second.first);
      if (it != l.item_category.end()) item_seqs.push_back(it->second.second);
    }
    bool any = false;
    for (const auto& [party, dir] : {std::pair{from, "made"}, std::pair{to, "received"}}) {
      std::string d = dir;
      if (!t.Add("shares", a, party, d, seq)) continue;
      any = true;
      t.Add("shares", a, party, d + ".basis." + basis, seq);
      for (const auto& c : cats) t.Add("shares", a, party, d + ".category." + c, seq);
    }
    t.Add("shares", a, "", "month." + DayOf(e).substr(0, 7), seq, {from, to});
    if (any) consulted.insert(item_seqs.begin(), item_seqs.end());
  }

  void Refused(uint64_t seq, const json::object& e) {
    const std::string a = AgreementOf(e), p = PartyOf(e);
    const json::object& d = DecisionOf(e);
    const std::string rule = FirstRefusalRule(d);
    t.Add("refusals", a, p, "total", seq);
    t.Add("refusals", a, p, "rule." + rule, seq);
    const std::string attempt = Str(Obj(Obj(e, "body"), "attempt"), "type");
    if (attempt == "deletion.requested" || attempt == "disposition.approved" ||
        attempt == "disposed") {
      t.Add("deletion", a, p, "refused", seq);
    }
    // Seed 004 with the DESIGN.md §3 reading: the public count includes
    // uses refused as unauthorised.
    if (attempt == "purpose.use" && HasFinding(d, "purpose.unauthorised", "findings")) {
      t.Add("purpose", a, p, "unauthorised", seq);
      t.Add("purpose", a, p, "public_count", seq);
    }
  }

  void HoldPlaced(uint64_t seq, const json::object& e) {
    const std::string a = AgreementOf(e), p = PartyOf(e), day = DayOf(e);
    if (InYear(day)) t.Add("holds", a, p, "placed", seq);
    if (day.substr(0, 4) > year) return;
    auto lifted = l.hold_lifted.find(Str(Obj(e, "body"), "hold"));
    if (lifted != l.hold_lifted.end() && lifted->second.first.substr(0, 4) <= year) {
      if (!scope.party.empty() || !scope.agreement.empty()) consulted.insert(lifted->second.second);
      return;
    }
    t.Add("holds", a, p, "in_force_at_year_end", seq);
  }

  void FoiReceived(uint64_t seq, const json::object& e) {
    const json::object& b = Obj(e, "body");
    if (!InYear(Str(b, "received"))) return;
    const std::string p = PartyOf(e);
    if (!t.Add("foi", "", p, "received", seq)) return;
    t.Add("foi", "", p, "received." + Str(b, "regime"), seq);
    const bool counterparties = HasFinding(DecisionOf(e), "foi.inform", "obligations");
    if (counterparties) t.Add("foi", "", p, "with_counterparties", seq);
    auto r = l.foi_response.find(Str(b, "request"));
    if (r == l.foi_response.end()) {
      t.Add("foi", "", p, "open", seq);
      return;
    }
    const json::object& resp = entries.at(r->second);
    if (Str(Obj(resp, "body"), "outcome") == "withdrawn") {
      consulted.insert(r->second);
      return;
    }
    const json::object& d = DecisionOf(resp);
    t.Add("foi", "", p, "answered", r->second);
    t.Add("foi", "", p, HasFinding(d, "foi.late", "findings") ? "late" : "on_time", r->second);
    if (counterparties && !HasFinding(d, "foi.inform-before-response", "findings")) {
      t.Add("foi", "", p, "informed_first", r->second);
    }
  }

  // Seed 004: a standing request lapses the day after its last valid day
  // unless reconfirmed by then; counted in the year it lapses.
  Status Standing(uint64_t seq, const json::object& e) {
    if (!Flag(Obj(e, "body"), "standing") || DayOf(e).substr(0, 4) > year) return Status::Ok();
    ST_ASSIGN_OR_RETURN(Date confirmed, ParseDate(DayOf(e)));
    std::vector<uint64_t> used;
    for (uint64_t r : l.reconfirmed[Str(Obj(e, "body"), "request")]) {
      ST_ASSIGN_OR_RETURN(Date day, ParseDate(DayOf(entries.at(r))));
      if (day.year > scope.year) break;
      if (day <= StandingRequestLastDay(confirmed, params.standing_lapse_months)) {
        confirmed = day;
        used.push_back(r);
      }
    }
    Date lapse = AddDays(StandingRequestLastDay(confirmed, params.standing_lapse_months), 1);
    if (lapse.year == scope.year && t.Add("standing", AgreementOf(e), PartyOf(e), "lapsed", seq)) {
      consulted.insert(used.begin(), used.end());
    }
    return Status::Ok();
  }

  Status One(uint64_t seq, const json::object& e) {
    const std::string type = Str(e, "type");
    const std::string a = AgreementOf(e), p = PartyOf(e);
    const bool in_year = InYear(DayOf(e));
    const json::object& b = Obj(e, "body");
    if (type == "hold.placed") HoldPlaced(seq, e);
    if (type == "foi.received") FoiReceived(seq, e);
    if (type == "register.requested") return Standing(seq, e);
    if (!in_year) return Status::Ok();
    if (type == "share") Share(seq, e);
    if (type == "refused") Refused(seq, e);
    if (type == "disclosure.onward") {
      t.Add("onward", a, p, "total", seq);
      t.Add("onward", a, p, "ground." + Str(b, "ground"), seq);
    }
    if (type == "hold.lifted") t.Add("holds", a, p, "lifted", seq);
    if (type == "deletion.requested") t.Add("deletion", a, p, "requested", seq);
    if (type == "disposition.declined") t.Add("deletion", a, p, "declined", seq);
    if (type == "disposed") t.Add("deletion", a, p, "disposals", seq);
    if (type == "incident.reported") t.Add("incidents", a, p, "reported", seq);
    if (type == "incident.consulted") {
      auto it = l.incident.find(Str(b, "incident"));
      std::string ia = it == l.incident.end() ? a : it->second.first;
      if (t.Add("incidents", ia, p, "consultations", seq) && it != l.incident.end()) {
        consulted.insert(it->second.second);
      }
    }
    if (type == "standing_request.reconfirmed") t.Add("standing", a, p, "reconfirmed", seq);
    if (type == "purpose.use") {
      t.Add("purpose", a, p, "authorised", seq);
      t.Add("purpose", a, p, "public_count", seq);
    }
    if (type == "agreement.reviewed") t.Add("reviews", Str(b, "agreement"), p, "held", seq);
    return Status::Ok();
  }

  // Each agreement's review position at the end of the year, from its
  // entries up to then: the text in force and the last review held (the
  // latest by date, as apply.cc keeps it). Across parties only.
  Status ReviewStates(std::map<Key, Figure>* figs) const {
    if (!scope.party.empty()) return Status::Ok();
    for (const auto& [id, seqs] : l.agreement) {
      if (!scope.agreement.empty() && id != scope.agreement) continue;
      const json::object* doc = nullptr;
      std::string held;
      bool terminated = false;
      std::vector<uint64_t> used;
      for (uint64_t seq : seqs) {
        const json::object& e = entries.at(seq);
        if (DayOf(e).substr(0, 4) > year) break;
        used.push_back(seq);
        const json::object& b = Obj(e, "body");
        if (Str(e, "type") != "agreement.reviewed") {
          doc = &Obj(b, "agreement");
        } else if (Str(b, "date") >= held) {
          held = Str(b, "date");
          terminated = Str(b, "outcome") == "terminated";
        }
      }
      if (doc == nullptr) continue;
      ST_ASSIGN_OR_RETURN(Agreement a, ParseAgreement(*doc));
      std::optional<Date> last;
      if (!held.empty()) {
        ST_ASSIGN_OR_RETURN(last, ParseDate(held));
      }
      ReviewPosition pos = ReviewPositionOn(a, last, terminated, Date{scope.year, 12, 31});
      (*figs)[{"reviews", id, "", "state_at_year_end"}] =
          Figure{"reviews", id, "", "state_at_year_end", json::value(pos.state), used, "state"};
    }
    return Status::Ok();
  }
};

std::string RefusalExample(const json::object& e) {
  const json::object& actor = Obj(e, "actor");
  std::string reason;
  for (const auto& f : Arr(DecisionOf(e), "findings")) {
    if (f.is_object() && Str(f.as_object(), "severity") == "refuse") {
      reason = Str(f.as_object(), "reason");
      break;
    }
  }
  return Str(actor, "user") + " (" + Str(actor, "party") + ") proposed " +
         Str(Obj(Obj(e, "body"), "attempt"), "type") + ": " + reason;
}

// The median of the working days each answer took (FoiStats' figure), in
// tenths like the ICO's published figures, from what each answer's decision
// recorded (decision.facts.working_days). nullopt if an answer recorded
// none (entries decided before the engine noted it).
std::optional<std::string> MedianWorkingDays(const DecodedEntries& entries,
                                             const std::set<uint64_t>& answered) {
  std::vector<int64_t> days;
  for (uint64_t seq : answered) {
    const json::value* v = Obj(DecisionOf(entries.at(seq)), "facts").if_contains("working_days");
    if (v == nullptr || !v->is_int64() || v->as_int64() < 0) return std::nullopt;
    days.push_back(v->as_int64());
  }
  if (days.empty()) return std::nullopt;
  std::sort(days.begin(), days.end());
  const size_t n = days.size();
  return n % 2 ? Tenths(days[n / 2], 1) : Tenths(days[n / 2 - 1] + days[n / 2], 2);
}

}  // namespace

std::string Figure::Name() const { return section + "/" + agreement + "/" + party + "/" + metric; }

std::string Tenths(int64_t numerator, int64_t denominator) {
  if (denominator <= 0) return "";
  // round(10 * n / d), half up, in integers: floor((20n + d) / 2d).
  int64_t tenths = (numerator * 20 + denominator) / (2 * denominator);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

Result<CountedResult> CountedFigures(const DecodedEntries& entries, const ReportScope& scope,
                                     const ReportParams& params) {
  Pass pass{entries, scope, params, Index(entries), Tally(scope), {}, std::to_string(scope.year)};
  for (const auto& [seq, e] : entries) {
    ST_RETURN_IF_ERROR(pass.One(seq, e).WithContext("seq " + std::to_string(seq) + ": "));
  }
  CountedResult out;
  std::map<Key, Figure> figs;
  for (const auto& [key, seqs] : pass.t.counts()) {
    const auto& [section, agreement, party, metric] = key;
    figs[key] = Figure{section,
                       agreement,
                       party,
                       metric,
                       static_cast<int64_t>(seqs.size()),
                       {seqs.begin(), seqs.end()},
                       "count"};
  }
  // FOI on time, as a percentage of those answered (the ICO's measure).
  for (const auto& [key, answered] : pass.t.counts()) {
    const auto& [section, agreement, party, metric] = key;
    if (section != "foi" || metric != "answered") continue;
    auto on = pass.t.counts().find({section, agreement, party, "on_time"});
    int64_t on_time = on == pass.t.counts().end() ? 0 : static_cast<int64_t>(on->second.size());
    figs[{section, agreement, party, "on_time_pct"}] =
        Figure{section,
               agreement,
               party,
               "on_time_pct",
               json::value(Tenths(100 * on_time, static_cast<int64_t>(answered.size()))),
               {answered.begin(), answered.end()},
               "ratio"};
    if (auto median = MedianWorkingDays(entries, answered)) {
      figs[{section, agreement, party, "median_working_days"}] =
          Figure{section,
                 agreement,
                 party,
                 "median_working_days",
                 json::value(*median),
                 {answered.begin(), answered.end()},
                 "median"};
    }
  }
  ST_RETURN_IF_ERROR(pass.ReviewStates(&figs));
  for (auto& [key, f] : figs) {
    if (f.section == "refusals" && f.metric.starts_with("rule.") && !f.seqs.empty()) {
      out.examples.push_back(
          {f.Name(), f.seqs.front(), RefusalExample(entries.at(f.seqs.front()))});
    }
    out.figures.push_back(std::move(f));
  }
  for (uint64_t seq : pass.consulted) {
    if (!pass.t.counted().contains(seq)) out.consulted.insert(seq);
  }
  return out;
}

}  // namespace sharetrail::policy
