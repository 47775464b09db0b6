// policy load, record (alias append), reindex: putting the agreements on the
// ledger and proposing events to the rule engine.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <iostream>

#include "cli/cli.h"
#include "ledger/canonical_json.h"
#include "policies/loader.h"
#include "policies/world.h"

namespace sharetrail::cli {
namespace {

namespace json = boost::json;

struct PolicyOpts {
  std::string dir = "policies", as, party, team, reason, role, path = "-";
  bool dry_run = false;
};

// One event per non-blank line: a full event, or {"type","body"} acted by --as.
std::vector<Event> ReadEvents(const Globals& g, const PolicyOpts& o) {
  std::string input = OrFail(g, ReadAll(o.path));
  std::vector<Event> events;
  size_t line_no = 0, start = 0;
  while (start < input.size()) {
    size_t end = input.find('\n', start);
    if (end == std::string::npos) end = input.size();
    std::string_view line(input.data() + start, end - start);
    start = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string where = o.path + ":" + std::to_string(line_no) + ": ";
    auto v = ParseStrict(line);
    if (!v.ok()) Fail(g, v.status().WithContext(where));
    if (v->is_object() && !v->as_object().contains("actor")) {
      if (o.as.empty())
        Fail(g, InvalidArgument(where + "no actor: give --as USER or an \"actor\""));
      json::object actor{{"user", o.as}};
      if (!o.role.empty()) actor["role"] = o.role;
      v->as_object()["actor"] = std::move(actor);
    }
    auto event = ParseEvent(json::serialize(*v));
    if (!event.ok()) Fail(g, event.status().WithContext(where));
    events.push_back(std::move(event).value());
  }
  if (events.empty()) Fail(g, InvalidArgument(o.path + ": no events (expected JSON Lines)"));
  return events;
}

void Record(Globals& g, const PolicyOpts& o) {
  std::vector<Event> events = ReadEvents(g, o);
  bool refused = false;
  if (o.dry_run) {
    auto ledger = OrFail(g, OpenLedger(g, true));
    auto snap = OrFail(g, ledger->Read());
    uint64_t size = OrFail(g, snap->Size());
    std::string now = FormatTime(static_cast<int64_t>(std::time(nullptr)) * 1000000);
    for (const Event& e : events) {
      auto d = OrFail(g, g.engine->Evaluate(*snap, Slot{size, now}, e));
      json::object o{{"seq", nullptr},
                     {"type", d.refused() ? "refused" : e.type},
                     {"proposed", e.type},
                     {"dry_run", true},
                     {"decision", d.ToJson()}};
      refused = PrintOutcome(g, json::serialize(o)) || refused;
    }
  } else {
    auto ledger = OrFail(g, OpenLedger(g, false));
    auto results = OrFail(g, ledger->AppendAll(events));
    for (size_t i = 0; i < results.size(); ++i) {
      if (!results[i].ok()) {
        Fail(g, results[i].status().WithContext("event " + std::to_string(i + 1) + ": "));
      }
      refused = PrintOutcome(g, results[i]->outcome) || refused;
    }
  }
  if (refused) throw Exit{kExitFinding};
}

// Registers what is missing and amends what changed; loading twice is a no-op.
void Load(Globals& g, const PolicyOpts& o) {
  if (o.as.empty()) Fail(g, InvalidArgument("policy load needs --as ADMIN"));
  auto events = OrFail(g, policy::PolicyEvents(o.dir, o.as));
  auto ledger = OrFail(g, OpenLedger(g, false));
  std::vector<Event> to_append;
  int parties = 0, agreements = 0, amended = 0;
  {
    auto snap = OrFail(g, ledger->Read());
    policy::World w = g.engine->MakeWorld(*snap);
    bool admin_known = OrFail(g, w.Exists(policy::keys::User(o.as)));
    for (Event& e : events) {
      if (e.type == "party.registered") {
        if (OrFail(g, w.Exists(policy::keys::Party(policy::Str(e.body, "party"))))) continue;
        ++parties;
        to_append.push_back(std::move(e));
        continue;
      }
      if (!admin_known) {
        if (o.party.empty() || o.team.empty()) {
          Fail(g, InvalidArgument("--as " + o.as +
                                  " is not a user yet: give --party and --team to "
                                  "register them as the first administrator"));
        }
        to_append.push_back(Event{{{"user", o.as}},
                                  "user.registered",
                                  {{"user", o.as},
                                   {"party", o.party},
                                   {"team", o.team},
                                   {"roles", json::array{"admin"}}}});
        admin_known = true;
      }
      const json::object& doc = e.body.at("agreement").as_object();
      auto existing = OrFail(g, w.Record(policy::keys::Agreement(policy::Str(doc, "id"))));
      if (!existing) {
        ++agreements;
        to_append.push_back(std::move(e));
      } else if (OrFail(g, Canonicalize(existing->at("doc"))) != OrFail(g, Canonicalize(doc))) {
        if (o.reason.empty()) {
          Fail(g, InvalidArgument("agreement " + policy::Str(doc, "id") +
                                  " changed: give --reason to record the amendment"));
        }
        e.type = "agreement.amended";
        e.body["reason"] = o.reason;
        ++amended;
        to_append.push_back(std::move(e));
      }
    }
  }
  bool refused = false;
  if (!to_append.empty()) {
    auto results = OrFail(g, ledger->AppendAll(to_append));
    for (auto& r : results) {
      if (!r.ok()) Fail(g, r.status());
      if (json::parse(r->outcome).at("type") == "refused") refused = PrintOutcome(g, r->outcome);
    }
  }
  if (g.json) {
    PrintJson(json::object{{"parties", parties}, {"agreements", agreements}, {"amended", amended}});
  } else {
    std::cout << "registered " << parties << " parties and " << agreements
              << " agreements; amended " << amended << "\n";
  }
  if (refused) throw Exit{kExitFinding};
}

}  // namespace

bool PrintOutcome(const Globals& g, const std::string& outcome) {
  json::object o = json::parse(outcome).as_object();
  if (g.json) {
    PrintJson(o);
  } else {
    const json::object& d = o.at("decision").as_object();
    auto str = [](const json::value& v) { return std::string_view(v.as_string()); };
    std::string where =
        o.at("seq").is_null() ? "dry run" : "seq " + std::to_string(o.at("seq").as_int64());
    std::cout << where << ": " << str(d.at("outcome")) << " " << str(o.at("proposed"))
              << (o.at("type") == "refused" && !o.at("seq").is_null() ? " (recorded as refused)"
                                                                      : "")
              << "\n";
    for (const auto& f : d.at("findings").as_array()) {
      const json::object& fo = f.as_object();
      std::cout << "  " << str(fo.at("severity")) << " " << str(fo.at("rule")) << " ("
                << policy::Cite::FromJson(fo.at("cite").as_object()).Short()
                << "): " << str(fo.at("reason")) << "\n";
    }
    for (const auto& ob : d.at("obligations").as_array()) {
      std::cout << "  must: " << str(ob.at("text")) << "\n";
    }
  }
  return o.at("type") == "refused";
}

void LoadPolicies(Globals& g, const std::string& dir, const std::string& as,
                  const std::string& party, const std::string& team) {
  PolicyOpts o;
  o.dir = dir;
  o.as = as;
  o.party = party;
  o.team = team;
  Load(g, o);
}

void RecordEvent(Globals& g, const std::string& as, const std::string& role,
                 const std::string& type, json::object body) {
  if (as.empty()) Fail(g, InvalidArgument("--as USER is required"));
  json::object actor{{"user", as}};
  if (!role.empty()) actor["role"] = role;
  auto ledger = OrFail(g, OpenLedger(g, false));
  auto r = OrFail(g, ledger->Append(Event{std::move(actor), type, std::move(body)}));
  if (PrintOutcome(g, r.outcome)) throw Exit{kExitFinding};
}

void AddPolicyCommands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<PolicyOpts>();
  auto* policy = app.add_subcommand("policy", "Put the agreements and parties on the ledger");
  policy->require_subcommand(1);
  auto* load =
      policy->add_subcommand("load", "Register parties and agreements; amend changed ones");
  load->add_option("--dir", o->dir, "Policy directory (parties.json, agreements/)");
  load->add_option("--as", o->as, "Administrator recording the load")->required();
  load->add_option("--party", o->party, "The administrator's party, if not yet registered");
  load->add_option("--team", o->team, "The administrator's team, if not yet registered");
  load->add_option("--reason", o->reason, "Why changed agreements are amended");
  load->callback([&g, o] { Load(g, *o); });

  for (const char* name : {"record", "append"}) {
    auto* rec = app.add_subcommand(
        name, std::string(name) == "record"
                  ? "Propose events (JSON Lines) to the rule engine; print each decision"
                  : "Same as record");
    rec->add_option("file", o->path, "Events, one JSON object per line ('-' for stdin)");
    rec->add_option("--as", o->as, "Acting user for events without an \"actor\"");
    rec->add_option("--role", o->role, "Role the user acts in (default: their first)");
    rec->add_flag("--dry-run", o->dry_run, "Decide without recording");
    rec->callback([&g, o] { Record(g, *o); });
  }

  app.add_subcommand("reindex", "Rebuild the derived state and indexes from the log")
      ->callback([&g] {
        auto ledger = OrFail(g, OpenLedger(g, false, /*reindex=*/true));
        uint64_t size = OrFail(g, ledger->Size());
        if (g.json) {
          PrintJson(json::object{{"reindexed", size}});
        } else {
          std::cout << "reindexed " << size << " entries\n";
        }
      });
}

}  // namespace sharetrail::cli
