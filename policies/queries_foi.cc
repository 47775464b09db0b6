// The FOI team's questions: what is due, what is late, who is not yet
// told, one request's story, and the year's figures (issue 6; seed 000 §15).
#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstdio>
#include <map>

#include "ledger/canonical_json.h"
#include "policies/foi.h"
#include "policies/index.h"
#include "policies/queries.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

Result<json::object> RequestRecord(const World& w, const std::string& id) {
  return w.Need(keys::Foi(id), "request", "information request", id);
}

json::object OpenRow(const json::object& rec) {
  return json::object{{"request", rec.at("request")},
                      {"party", rec.at("party")},
                      {"regime", rec.at("regime")},
                      {"received", rec.at("received")},
                      {"state", rec.at("state")},
                      {"due", rec.contains("due") ? rec.at("due") : json::value("")},
                      {"basis", rec.at("due_basis")}};
}

const std::vector<std::string> kOpenColumns = {"request",   "party", "regime", "received",
                                               "state",     "due",   "basis",  "working_days_left",
                                               "uninformed"};

}  // namespace

Result<Table> FoiDue(const Engine& e, const Snapshot& s, Date today, int within,
                     std::string_view party, bool late_only) {
  World w = e.MakeWorld(s);
  ST_ASSIGN_OR_RETURN(auto cal, w.Holidays());
  ST_ASSIGN_OR_RETURN(Date horizon, cal->AddWorkingDays(today, std::max(within, 0)));
  ST_ASSIGN_OR_RETURN(auto ids, IndexValues(s, "foi.open", party));
  Table t;
  t.columns = kOpenColumns;
  std::vector<json::object> rows;
  int64_t late = 0, stopped = 0;
  for (const std::string& id : ids) {
    ST_ASSIGN_OR_RETURN(json::object rec, RequestRecord(w, id));
    json::object row = OpenRow(rec);
    row["uninformed"] = static_cast<int64_t>(Uninformed(rec).size());
    if (!rec.contains("due")) {
      ++stopped;
      row["working_days_left"] = "";
      if (late_only) continue;
      rows.push_back(std::move(row));
      continue;
    }
    ST_ASSIGN_OR_RETURN(Date due, ParseDate(Str(rec, "due")));
    ST_ASSIGN_OR_RETURN(int left, cal->WorkingDaysBetween(today, due));
    row["working_days_left"] = left;
    if (due < today) ++late;
    if (late_only ? !(due < today) : due > horizon) continue;
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const json::object& a, const json::object& b) {
    return Str(a, "due") < Str(b, "due");
  });
  for (auto& r : rows) t.rows.push_back(std::move(r));
  t.summary = {{"today", today.ToString()}, {"late", late}, {"clock_stopped", stopped}};
  if (!late_only) t.summary["due_by"] = horizon.ToString();
  return t;
}

Result<Table> FoiUninformed(const Engine& e, const Snapshot& s, std::string_view party) {
  World w = e.MakeWorld(s);
  ST_ASSIGN_OR_RETURN(auto ids, IndexValues(s, "foi.uninformed", party));
  Table t;
  t.columns = {"request", "party", "received", "state", "inform", "agreement", "cite", "breach"};
  int64_t breaches = 0;
  for (const std::string& id : ids) {
    ST_ASSIGN_OR_RETURN(json::object rec, RequestRecord(w, id));
    for (const json::object* c : Uninformed(rec)) {
      // 000 §15: keep the other informed; answering first is a breach.
      bool breach = rec.contains("response");
      breaches += breach;
      t.rows.push_back(json::object{{"request", id},
                                    {"party", rec.at("party")},
                                    {"received", rec.at("received")},
                                    {"state", rec.at("state")},
                                    {"inform", c->at("party")},
                                    {"agreement", c->at("agreement")},
                                    {"cite", Cite::FromJson(c->at("cite").as_object()).Short()},
                                    {"breach", breach ? "answered before informing" : ""}});
    }
  }
  t.summary = {{"outstanding", static_cast<int64_t>(t.rows.size())}, {"breaches", breaches}};
  return t;
}

Result<Table> FoiShow(const Engine& e, const Snapshot& s, std::string_view request) {
  World w = e.MakeWorld(s);
  ST_ASSIGN_OR_RETURN(json::object rec, RequestRecord(w, std::string(request)));
  Table t;
  t.columns = {"seq", "time", "type", "actor", "detail"};
  std::vector<uint64_t> seqs;
  ST_RETURN_IF_ERROR(ScanIndex(s, "foi.req", request, [&](uint64_t seq, std::string_view) {
    seqs.push_back(seq);
    return true;
  }));
  for (uint64_t seq : seqs) {
    ST_ASSIGN_OR_RETURN(std::string_view bytes, s.EntryBytes(seq));
    ST_ASSIGN_OR_RETURN(json::value entry, ParseStrict(bytes));
    const json::object& o = entry.as_object();
    std::string type = Str(o, "type");
    json::object body = o.at("body").as_object();
    if (type == "refused") {
      const json::object& attempt = body.at("attempt").as_object();
      type = "refused " + Str(attempt, "type");
      body = attempt.at("body").as_object();
    }
    body.erase("decision");
    body.erase("request");
    t.rows.push_back(json::object{{"seq", seq},
                                  {"time", o.at("time")},
                                  {"type", type},
                                  {"actor", Str(o.at("actor").as_object(), "user")},
                                  {"detail", json::serialize(body)}});
  }
  // The record's derived facts go in the summary: deadline, who to tell.
  t.summary = OpenRow(rec);
  json::array inform;
  const json::object* informed = Member(rec, "informed");
  for (const auto& v : rec.at("inform").as_array()) {
    const json::object& c = v.as_object();
    bool done = informed != nullptr && informed->contains(Str(c, "party"));
    inform.push_back(json::value(Str(c, "party") + " (" + Str(c, "agreement") + ", " +
                                 Cite::FromJson(c.at("cite").as_object()).Short() +
                                 "): " + (done ? "informed" : "not yet informed")));
  }
  t.summary["inform"] = inform;
  if (rec.contains("linked")) {
    json::array linked;
    for (const auto& kv : rec.at("linked").as_object()) {
      ST_ASSIGN_OR_RETURN(json::object other, RequestRecord(w, std::string(kv.key())));
      linked.push_back(json::value(
          std::string(kv.key()) + " at " + Str(other, "party") + ": " + Str(other, "state") +
          (other.contains("due") ? ", due " + Str(other, "due") : std::string())));
    }
    t.summary["round_robin"] = linked;
  }
  if (rec.contains("response")) t.summary["response"] = rec.at("response");
  return t;
}

Result<Table> FoiStats(const Engine& e, const Snapshot& s, int year, std::string_view party) {
  World w = e.MakeWorld(s);
  ST_ASSIGN_OR_RETURN(auto ids, IndexValues(s, "foi.party", party));
  struct Tally {
    int64_t received = 0, answered = 0, on_time = 0, late = 0, open = 0, informed_first = 0,
            with_counterparties = 0;
    std::vector<int64_t> days;
  };
  std::map<std::string, Tally> by;
  const std::string y = std::to_string(year);
  for (const std::string& id : ids) {
    ST_ASSIGN_OR_RETURN(json::object rec, RequestRecord(w, id));
    if (Str(rec, "received").substr(0, 4) != y) continue;
    Tally& t = by[Str(rec, "party")];
    ++t.received;
    if (!rec.at("inform").as_array().empty()) ++t.with_counterparties;
    const json::value* r = rec.if_contains("response");
    if (r == nullptr) {
      ++t.open;
      continue;
    }
    const json::object& resp = r->as_object();
    if (Str(resp, "outcome") == "withdrawn") continue;
    ++t.answered;
    const json::value* on = resp.if_contains("on_time");
    (on && on->as_bool()) ? ++t.on_time : ++t.late;
    t.days.push_back(resp.at("working_days").as_int64());
    if (!rec.at("inform").as_array().empty() && resp.at("informed_first").as_bool()) {
      ++t.informed_first;
    }
  }
  Table out;
  out.columns = {"party",          "received",
                 "answered",       "on_time",
                 "on_time_pct",    "late",
                 "open",           "median_working_days",
                 "informed_first", "with_counterparties"};
  // Percentages and medians as text with one decimal place (the ICO's
  // published monitoring figures use one): the ledger's JSON has no floats.
  auto tenths = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", std::round(v * 10) / 10);
    return std::string(buf);
  };
  for (auto& [p, t] : by) {
    double median = 0;
    if (!t.days.empty()) {
      std::sort(t.days.begin(), t.days.end());
      size_t n = t.days.size();
      median = n % 2 ? t.days[n / 2] : (t.days[n / 2 - 1] + t.days[n / 2]) / 2.0;
    }
    out.rows.push_back(
        json::object{{"party", p},
                     {"received", t.received},
                     {"answered", t.answered},
                     {"on_time", t.on_time},
                     {"on_time_pct", t.answered ? tenths(100.0 * t.on_time / t.answered) : ""},
                     {"late", t.late},
                     {"open", t.open},
                     {"median_working_days", t.days.empty() ? "" : tenths(median)},
                     {"informed_first", t.informed_first},
                     {"with_counterparties", t.with_counterparties}});
  }
  out.summary = {{"year", year}, {"ico_benchmark_pct", 90}};
  return out;
}

}  // namespace sharetrail::policy
