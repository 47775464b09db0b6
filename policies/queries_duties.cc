// Questions about duties: daily summaries, incidents, standing requests,
// uses beyond purpose, matters, reviews and JTAI removals.
#include <algorithm>
#include <map>

#include "ledger/canonical_json.h"
#include "policies/calendar.h"
#include "policies/index.h"
#include "policies/queries.h"
#include "policies/records.h"
#include "policies/rules/rules.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

Result<Date> DateField(const json::object& o, std::string_view key) {
  return ParseDate(Str(o, key));
}

}  // namespace

Result<Table> IncidentsDaily(const Engine& e, const Snapshot& s, Date day) {
  World w = e.MakeWorld(s);
  Table t;
  t.columns = {"seq", "time", "from", "to", "method", "password_protected", "items", "fields"};
  ST_ASSIGN_OR_RETURN(auto agreements, w.Agreements());
  std::string category = "notifiable_incident_summary", from, to;
  for (const auto& a : agreements) {
    for (const RuleSpec* r : a->Rules("daily_summary")) {
      category = r->String("category");
      from = r->String("from");
      to = r->String("to");
    }
  }
  std::vector<uint64_t> seqs;
  ST_RETURN_IF_ERROR(ScanIndex(s, "share.category", category + "/" + day.ToString(),
                               [&](uint64_t seq, std::string_view) {
                                 seqs.push_back(seq);
                                 return true;
                               }));
  for (uint64_t seq : seqs) {
    ST_ASSIGN_OR_RETURN(std::string_view bytes, s.EntryBytes(seq));
    ST_ASSIGN_OR_RETURN(json::value entry, ParseStrict(bytes));
    const json::object& body = entry.at("body").as_object();
    // Only the summary Ofsted sends DfE is the daily one (000 §12); DfE
    // passing it on to the SCR panel (§11) must not fill a day's gap.
    if ((!from.empty() && Str(entry.at("actor").as_object(), "party") != from) ||
        (!to.empty() && Str(body, "to") != to)) {
      continue;
    }
    // The fields carried: the share's own list, else the items' (the
    // fields_limited rule reads them the same way).
    json::array fields;
    if (body.contains("fields")) {
      fields = body.at("fields").as_array();
    } else {
      for (const std::string& item : List(body, "items")) {
        ST_ASSIGN_OR_RETURN(auto rec, w.Record(keys::Item(item)));
        for (const std::string& f : rec ? List(*rec, "fields") : std::vector<std::string>()) {
          if (std::find(fields.begin(), fields.end(), json::value(f)) == fields.end()) {
            fields.push_back(json::value(f));
          }
        }
      }
    }
    t.rows.push_back(json::object{{"seq", seq},
                                  {"time", entry.at("time")},
                                  {"from", entry.at("actor").at("party")},
                                  {"to", body.at("to")},
                                  {"method", body.at("method")},
                                  {"password_protected", Flag(body, "password_protected")},
                                  {"items", body.at("items")},
                                  {"fields", std::move(fields)}});
  }
  auto working = UkCalendar().IsWorkingDay(day);
  t.summary["date"] = day.ToString();
  t.summary["working_day"] = working.ok() ? (*working ? "yes" : "no") : "unknown";
  t.summary["summaries_sent"] = t.rows.size();
  if (working.ok() && *working && t.rows.empty()) {
    t.summary["gap"] = "no daily summary was sent on a working day (000 §12)";
  }
  return t;
}

Result<Table> ScrUpdates(const Engine& e, const Snapshot& s, Date on, int weeks) {
  World w = e.MakeWorld(s);
  std::string category = "scr_update", from = "dfe", to = "ofsted";
  ST_ASSIGN_OR_RETURN(auto agreements, w.Agreements());
  for (const auto& a : agreements) {
    for (const RuleSpec* r : a->Rules("weekly_update")) {
      category = r->String("category");
      from = r->String("from");
      to = r->String("to");
    }
  }
  Table t;
  t.columns = {"week_of", "updates", "seqs", "state"};
  int missing = 0;
  for (int k = weeks - 1; k >= 0; --k) {
    Date monday = AddDays(MondayOfWeek(on), -7 * k);
    json::array seqs;
    for (int d = 0; d < 7; ++d) {
      Date day = AddDays(monday, d);
      if (on < day) break;
      Status bad;
      ST_RETURN_IF_ERROR(ScanIndex(s, "share.category", category + "/" + day.ToString(),
                                   [&](uint64_t seq, std::string_view v) {
                                     auto sum = ParseStrict(v);
                                     if (sum.ok() && sum->is_object() &&
                                         Str(sum->as_object(), "from") == from &&
                                         Str(sum->as_object(), "to") == to) {
                                       seqs.push_back(seq);
                                     }
                                     return true;
                                   }));
    }
    bool current = k == 0;
    std::string state = !seqs.empty() ? "received" : current ? "due this week" : "missing";
    if (seqs.empty() && !current) ++missing;
    t.rows.push_back(json::object{{"week_of", monday.ToString()},
                                  {"updates", seqs.size()},
                                  {"seqs", seqs},
                                  {"state", state}});
  }
  t.summary["from"] = from;
  t.summary["to"] = to;
  t.summary["weeks_missing"] = missing;
  return t;
}

Result<Table> IncidentsOutstanding(const Snapshot& s) {
  Table t;
  t.columns = {"incident", "kind", "agreement", "by", "reported", "awaiting"};
  std::vector<std::pair<std::string, json::object>> incidents;
  ST_RETURN_IF_ERROR(EachRecord(s, "incident/", [&](std::string_view id, const json::object& r) {
    incidents.emplace_back(std::string(id), r);
  }));
  for (const auto& [id, r] : incidents) {
    // The record's consult list is empty unless the agreement's
    // incident_consultation rule covers the kind (000 §14; apply_duties.cc).
    json::array awaiting;
    auto done = List(r, "consulted");
    for (const std::string& p : List(r, "consult")) {
      if (!Contains(done, p)) awaiting.push_back(json::value(p));
    }
    if (awaiting.empty()) continue;
    t.rows.push_back(json::object{{"incident", id},
                                  {"kind", r.at("kind")},
                                  {"agreement", r.at("agreement")},
                                  {"by", r.at("by")},
                                  {"reported", r.at("reported")},
                                  {"awaiting", awaiting}});
  }
  return t;
}

Result<Table> StandingRequests(const Engine& e, const Snapshot& s, Date on, bool lapsed_only) {
  World w = e.MakeWorld(s);
  ST_ASSIGN_OR_RETURN(auto agreements, w.Agreements());
  const int months = StandingLapseMonths(agreements);
  Table t;
  t.columns = {"request", "party", "area", "created", "confirmed", "last_valid_day", "state"};
  Status bad;
  ST_RETURN_IF_ERROR(EachRecord(s, "request/", [&](std::string_view id, const json::object& r) {
    if (!Flag(r, "standing") || !bad.ok()) return;
    auto confirmed = DateField(r, "confirmed");
    if (!confirmed.ok()) {
      bad = confirmed.status();
      return;
    }
    Date last = StandingRequestLastDay(*confirmed, months);
    bool lapsed = last < on;
    if (lapsed_only && !lapsed) return;
    t.rows.push_back(json::object{{"request", id},
                                  {"party", r.at("party")},
                                  {"area", r.at("area")},
                                  {"created", r.at("created")},
                                  {"confirmed", r.at("confirmed")},
                                  {"last_valid_day", last.ToString()},
                                  {"state", lapsed ? "lapsed" : "active"}});
  }));
  ST_RETURN_IF_ERROR(bad);
  t.summary["as_of"] = on.ToString();
  return t;
}

Result<Table> PurposeExceptions(const Snapshot& s, int year) {
  Table t;
  t.columns = {"seq", "authorisation"};
  int64_t authorised = 0, unauthorised = 0;
  ST_RETURN_IF_ERROR(
      ScanIndex(s, "beyond-purpose", std::to_string(year), [&](uint64_t seq, std::string_view v) {
        (v == "authorised" ? authorised : unauthorised)++;
        t.rows.push_back(json::object{{"seq", seq}, {"authorisation", v}});
        return true;
      }));
  t.summary["year"] = year;
  t.summary["authorised"] = authorised;
  t.summary["unauthorised"] = unauthorised;
  t.summary["total"] = authorised + unauthorised;
  return t;
}

Result<Table> Matters(const Snapshot& s, bool awaiting, Date today) {
  Table t;
  t.columns = {"matter", "section", "from", "to", "raised", "state", "days_open"};
  Status bad;
  ST_RETURN_IF_ERROR(EachRecord(s, "matter/", [&](std::string_view id, const json::object& r) {
    bool answered = r.contains("answered");
    if (awaiting && answered) return;
    auto raised = DateField(r, "raised");
    if (!raised.ok()) {
      bad = raised.status();
      return;
    }
    // Seed 002 sets no deadline: open matters are awaiting, never overdue
    // (DESIGN.md §3).
    Date end = answered ? *ParseDate(Str(r, "answered_on")) : today;
    t.rows.push_back(json::object{{"matter", id},
                                  {"section", r.at("section")},
                                  {"from", r.at("from")},
                                  {"to", r.at("to")},
                                  {"raised", r.at("raised")},
                                  {"state", answered ? "answered" : "awaiting response"},
                                  {"days_open", DaysBetween(*raised, end)}});
  }));
  ST_RETURN_IF_ERROR(bad);
  return t;
}

Result<Table> Reviews(const Engine& e, const Snapshot& s, Date today, bool due_only) {
  World w = e.MakeWorld(s);
  Table t;
  t.columns = {"agreement", "version", "agreed", "last_review", "next_due", "state", "cite"};
  ST_ASSIGN_OR_RETURN(auto agreements, w.Agreements());
  for (const auto& a : agreements) {
    ST_ASSIGN_OR_RETURN(auto last, w.Record(keys::Review(a->id)));
    std::optional<Date> held;
    if (last) {
      ST_ASSIGN_OR_RETURN(held, DateField(*last, "date"));
    }
    auto [due, state] =
        ReviewPositionOn(*a, held, last && Str(*last, "outcome") == "terminated", today);
    if (due_only && (!due || today < AddDays(*due, -30))) continue;
    t.rows.push_back(
        json::object{{"agreement", a->id},
                     {"version", a->version},
                     {"agreed", a->agreed.ToString()},
                     {"last_review", last ? last->at("date") : json::value("")},
                     {"next_due", due ? json::value(due->ToString()) : json::value("")},
                     {"state", state},
                     {"cite", a->review.cite.Short()}});
  }
  return t;
}

Result<Table> JtaiOutstanding(const Snapshot& s) {
  Table t;
  t.columns = {"inspection", "request", "inspectorate", "agency", "ended"};
  std::map<std::string, std::string, std::less<>> ended;
  ST_RETURN_IF_ERROR(EachRecord(s, "inspection/", [&](std::string_view id, const json::object& r) {
    ended[std::string(id)] = Str(r, "ended");
  }));
  ST_RETURN_IF_ERROR(EachRecord(s, "jtai/", [&](std::string_view id, const json::object& r) {
    if (r.contains("removed")) return;
    std::string_view inspection = id.substr(0, id.find('/'));
    auto it = ended.find(inspection);
    if (it == ended.end()) return;  // still running: nothing is due yet
    t.rows.push_back(json::object{{"inspection", inspection},
                                  {"request", id.substr(id.find('/') + 1)},
                                  {"inspectorate", r.at("inspectorate")},
                                  {"agency", r.at("agency")},
                                  {"ended", it->second}});
  }));
  return t;
}

Result<Table> ProviderNotices(const Snapshot& s) {
  Table t;
  t.columns = {"item", "party", "provider", "since"};
  ST_RETURN_IF_ERROR(EachRecord(s, "provnotice/", [&](std::string_view id, const json::object& r) {
    t.rows.push_back(json::object{{"item", id.substr(id.find('/') + 1)},
                                  {"party", id.substr(0, id.find('/'))},
                                  {"provider", r.at("provider")},
                                  {"since", r.at("seq")}});
  }));
  return t;
}

}  // namespace sharetrail::policy
