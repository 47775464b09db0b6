// import annex-a: the daily notifiable-incidents spreadsheet (seed 000 Annex
// A) as events. Every row is checked first (policies/annex_a.h) and every
// problem reported; if any row is bad nothing is appended. Otherwise each
// row becomes an item (its values stay off the chain: the item carries their
// digest), the file becomes the day's summary spreadsheet, and its sending
// to DfE is proposed as a share, which the engine decides like any other.
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <iostream>

#include "cli/cli.h"
#include "ledger/canonical_json.h"
#include "ledger/hash.h"
#include "policies/annex_a.h"
#include "policies/csv.h"
#include "policies/world.h"

namespace sharetrail::cli {
namespace {

namespace json = boost::json;

struct ImportOpts {
  std::string path, as, role, agreement = "ofsted-dfe-notifiable-incidents", decided_by,
                              method = "secure_platform", to = "dfe";
  bool unprotected = false, no_share = false;
};

// A bar on stderr, redrawn in place, only when stderr is a terminal.
class Progress {
 public:
  explicit Progress(size_t total) : total_(total), on_(isatty(STDERR_FILENO) == 1) {}
  void Step(size_t done, const char* what) {
    if (!on_ || total_ == 0) return;
    size_t width = 30, filled = done * width / total_;
    std::cerr << "\r" << what << " [" << std::string(filled, '#')
              << std::string(width - filled, ' ') << "] " << done << "/" << total_ << std::flush;
  }
  void Done() {
    if (on_) std::cerr << "\r" << std::string(72, ' ') << "\r" << std::flush;
  }

 private:
  size_t total_;
  bool on_;
};

// The item id for a row: the reference, lower-cased, "/" as "-".
std::string RowItem(const std::string& reference) {
  std::string id = "annex-a-row-";
  for (char c : reference) {
    id += c == '/' ? '-' : (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return id;
}

[[noreturn]] void Reject(const Globals& g, const std::string& path,
                         const std::vector<policy::RowError>& errors) {
  if (g.json) {
    json::array list;
    for (const auto& e : errors) {
      list.push_back(json::object{{"row", e.row}, {"column", e.column}, {"problem", e.problem}});
    }
    PrintJson(json::object{{"file", path}, {"imported", 0}, {"errors", std::move(list)}});
  } else {
    for (const auto& e : errors) std::cerr << path << ": " << e.ToString() << "\n";
    std::cerr << path << ": " << errors.size() << " problem" << (errors.size() == 1 ? "" : "s")
              << "; nothing was imported\n";
  }
  throw Exit{kExitUsage};
}

void Import(Globals& g, const ImportOpts& o) {
  std::string text = OrFail(g, ReadAll(o.path));
  auto records = policy::ParseCsv(text);
  if (!records.ok()) Fail(g, records.status().WithContext(o.path + ": "));
  auto ledger = OrFail(g, OpenLedger(g, false));
  std::vector<Event> events;
  size_t rows = 0;
  {
    auto snap = OrFail(g, ledger->Read());
    policy::World w = g.engine->MakeWorld(*snap);
    auto agreement = OrFail(g, w.FindAgreement(o.agreement));
    if (!agreement) {
      Fail(g, NotFound("agreement " + o.agreement + " is not on the ledger (run policy load)"));
    }
    policy::AnnexASpec spec = OrFail(g, policy::AnnexASpecOf(*agreement));
    auto user = OrFail(g, w.Record(policy::keys::User(o.as)));
    if (!user) Fail(g, InvalidArgument("--as " + o.as + ": no such user"));
    std::string party = policy::Str(*user, "party");
    // Rows and the spreadsheet alike: official-sensitive personal data about
    // safeguarding (000 §12), owned by the importer's party.
    auto item_body = [&](const std::string& id, const std::string& title, const char* kind,
                         const std::string& digest, json::array subjects, json::array fields) {
      return json::object{{"item", id},
                          {"title", title},
                          {"kind", kind},
                          {"owner", party},
                          {"category", "notifiable_incident_summary"},
                          {"classification", "official-sensitive"},
                          {"safeguarding", true},
                          {"personal_data", true},
                          {"agreement", o.agreement},
                          {"digest", digest},
                          {"subjects", std::move(subjects)},
                          {"fields", std::move(fields)}};
    };

    policy::AnnexAImport in = policy::ValidateAnnexA(*records, spec);
    Progress bar(in.rows.size());
    std::string file_digest = Sha256Hex(text);
    std::string sheet = "annex-a-spreadsheet-" + file_digest.substr(0, 16);
    if (OrFail(g, w.Exists(policy::keys::Item(sheet)))) {
      in.errors.push_back({1, "", "this file was imported before (item " + sheet + ")"});
    }
    json::object actor{{"user", o.as}};
    if (!o.role.empty()) actor["role"] = o.role;
    json::array subjects, columns;
    for (const std::string& c : in.columns) columns.push_back(json::value(c));
    for (size_t i = 0; i < in.rows.size(); ++i) {
      bar.Step(i + 1, "checking");
      const policy::AnnexARow& r = in.rows[i];
      // A row missing a required value is already reported.
      bool complete = true;
      for (const std::string& f : policy::AnnexARequiredFields()) {
        complete = complete && r.values.count(f) == 1;
      }
      if (!complete) continue;
      const std::string& ref = r.values.at("reference_number");
      std::string id = RowItem(ref);
      if (OrFail(g, w.Exists(policy::keys::Item(id)))) {
        in.errors.push_back({r.row, spec.labels.at("reference_number"),
                             "\"" + ref + "\" is already on the ledger as item " + id});
        continue;
      }
      json::object values;
      json::array fields;
      for (const auto& [f, v] : r.values) {
        values[f] = v;
        fields.push_back(json::value(f));
      }
      std::string subject = "subj-" + Sha256Hex("subject:annex-a:" + ref).substr(0, 10);
      if (subjects.size() < 1000) subjects.push_back(json::value(subject));
      json::object row = item_body(
          id, "Annex A row: notification " + ref + " from " + r.values.at("local_authority"),
          "spreadsheet_row", Sha256Hex(OrFail(g, Canonicalize(values))),
          json::array{json::value(subject)}, std::move(fields));
      row["evidence_date"] = r.values.at("date_notification_was_received");
      events.push_back(Event{actor, "item.registered", std::move(row)});
    }
    bar.Done();
    if (!in.ok()) Reject(g, o.path, in.errors);
    rows = in.rows.size();
    // The file's name only, and short: a title is at most 300 characters.
    std::string name = std::filesystem::path(o.path).filename().string().substr(0, 200);
    events.push_back(Event{
        actor, "item.registered",
        item_body(sheet, "Annex A spreadsheet " + name + " (" + std::to_string(rows) + " rows)",
                  "spreadsheet", file_digest, subjects, columns)});
    if (!o.no_share) {
      events.push_back(Event{actor,
                             "share",
                             {{"items", json::array{json::value(sheet)}},
                              {"to", o.to},
                              {"agreement", o.agreement},
                              {"purpose", "safeguarding"},
                              {"lawful_basis", "MOU Ofsted-DfE s12 and Annex A"},
                              {"necessity", "the daily summary of notifiable incidents (000 s12)"},
                              {"decided_by", o.decided_by.empty() ? o.as : o.decided_by},
                              {"method", o.method},
                              {"classification", "official-sensitive"},
                              {"password_protected", !o.unprotected},
                              {"fields", columns}}});
    }
  }
  if (isatty(STDERR_FILENO) == 1) std::cerr << "recording " << events.size() << " events\r";
  auto results = OrFail(g, ledger->AppendAll(events));
  Progress(0).Done();
  bool refused = false;
  json::array decisions;
  for (size_t i = 0; i < results.size(); ++i) {
    if (!results[i].ok())
      Fail(g, results[i].status().WithContext("event " + std::to_string(i + 1) + ": "));
    json::object out = json::parse(results[i]->outcome).as_object();
    bool was_refused = out.at("type") == "refused";
    refused = refused || was_refused;
    if (was_refused || events[i].type == "share") decisions.push_back(out);
  }
  if (g.json) {
    PrintJson(json::object{{"file", o.path},
                           {"imported", rows},
                           {"first_seq", results.front()->seq},
                           {"last_seq", results.back()->seq},
                           {"decisions", decisions}});
  } else {
    std::cout << "imported " << rows << " row" << (rows == 1 ? "" : "s") << " from " << o.path
              << " (seq " << results.front()->seq << " to " << results.back()->seq << ")\n";
    auto str = [](const json::value& v) { return std::string_view(v.as_string()); };
    for (const auto& d : decisions) {
      std::cout << "seq " << d.at("seq").as_int64() << ": " << str(d.at("decision").at("outcome"))
                << " " << str(d.at("proposed"))
                << (d.at("type") == "refused" ? " (recorded as refused)" : "") << "\n";
      for (const auto& f : d.at("decision").at("findings").as_array()) {
        std::cout << "  " << str(f.at("severity")) << " " << str(f.at("rule")) << ": "
                  << str(f.at("reason")) << "\n";
      }
    }
  }
  if (refused) throw Exit{kExitFinding};
}

}  // namespace

void AddImportCommands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ImportOpts>();
  auto* imp = app.add_subcommand("import", "Import records kept elsewhere as events");
  imp->require_subcommand(1);
  auto* a = imp->add_subcommand(
      "annex-a", "The daily notifiable-incidents spreadsheet (seed 000 Annex A headings), as CSV");
  a->add_option("file", o->path, "CSV file (RFC 4180; '-' for stdin)")->required();
  AddActorOptions(a, &o->as, &o->role);
  a->add_option("--agreement", o->agreement, "Agreement whose Annex A headings apply");
  a->add_option("--decided-by", o->decided_by, "Who decided to send it (default: --as)");
  a->add_option("--to", o->to, "Recipient party (default dfe)");
  a->add_option("--method", o->method, "How it was sent (default secure_platform)");
  a->add_flag("--unprotected", o->unprotected, "The spreadsheet was not password protected");
  a->add_flag("--no-share", o->no_share, "Register the rows and the spreadsheet only");
  a->callback([&g, o] { Import(g, *o); });
}

}  // namespace sharetrail::cli
