// The SIRO's annual report and evidence bundles (issue 9): report annual,
// bundle, verify-bundle. verify-bundle opens no ledger.
#include <iostream>

#include "cli/cli.h"
#include "ledger/archive.h"
#include "ledger/canonical_json.h"
#include "ledger/files.h"
#include "policies/bundle.h"
#include "policies/report.h"

namespace sharetrail::cli {
namespace {

namespace json = boost::json;

struct ReportOpts {
  policy::ReportScope scope;
  std::string format = "html", out, file, vkey, witness_policy;
};

void AddScope(CLI::App* c, ReportOpts* o) {
  c->add_option("--year", o->scope.year, "Calendar year")->required();
  c->add_option("--agreement", o->scope.agreement, "Only this agreement");
  c->add_option("--party", o->scope.party, "Only this party");
}

void WriteOut(const Globals& g, const std::string& path, const std::string& bytes) {
  if (path.empty() || path == "-") {
    std::cout << bytes;
    return;
  }
  // A report or bundle handed on must be whole: written to a temporary,
  // synced and renamed, so a crash leaves the old file or the new one.
  Status s = WriteDurably(ParentDir(path), path, bytes, 0644);
  if (!s.ok()) Fail(g, s);
}

void Annual(Globals& g, const ReportOpts& o) {
  auto ledger = OrFail(g, OpenLedger(g, true));
  auto snap = OrFail(g, ledger->Read());
  policy::Report r = OrFail(g, policy::AnnualReport(*g.engine, *ledger, *snap, o.scope));
  std::string out;
  if (o.format == "json" || g.json) {
    out = OrFail(g, Canonicalize(r.Json())) + "\n";
  } else if (o.format == "csv") {
    out = r.Csv();
  } else {
    out = r.Html("/api/v1/proof/inclusion?seq=", "");
  }
  WriteOut(g, o.out, out);
}

void Bundle(Globals& g, const ReportOpts& o) {
  auto ledger = OrFail(g, OpenLedger(g, true));
  auto snap = OrFail(g, ledger->Read());
  ArchiveFiles files = OrFail(g, policy::MakeBundle(*g.engine, *ledger, *snap, o.scope));
  // The archive's times are the year's end, so a bundle is a function of
  // the ledger and the scope alone.
  int64_t mtime = (DaysFromCivil(Date{o.scope.year, 12, 31}) + 1) * 86400 - 1;
  WriteOut(g, o.out, OrFail(g, WriteTarGz(files, mtime)));
  if (!o.out.empty() && o.out != "-") {
    std::cerr << "bundle: " << files.size() << " files, " << o.out << "\n";
  }
}

void VerifyBundleFile(Globals& g, const ReportOpts& o) {
  std::string bytes = OrFail(g, ReadAll(o.file));
  ArchiveFiles files = OrFail(g, ReadTarGz(bytes));
  std::optional<std::string> vkey;
  if (!o.vkey.empty()) vkey = o.vkey;
  policy::BundleVerdict v = policy::VerifyBundle(files, vkey);
  WitnessPolicyResult witnessed;
  // Only a bundle that verified has a checkpoint worth holding to a policy.
  if (auto cp = files.find("checkpoint.txt");
      !o.witness_policy.empty() && v.ok() && cp != files.end()) {
    witnessed = CheckWitnessPolicy(g, o.witness_policy, cp->second);
    if (!witnessed.satisfied) {
      v.problems.push_back("checkpoint.txt: witness policy: " +
                           std::string(witnessed.json.at("missing").as_string()));
    }
  }
  if (g.json) {
    json::array problems, notes;
    for (const auto& p : v.problems) problems.push_back(json::value(p));
    for (const auto& n : v.notes) notes.push_back(json::value(n));
    PrintJson(json::object{{"ok", v.ok()},
                           {"checkpoint_size", v.size},
                           {"entries", v.entries},
                           {"proofs_verified", v.proofs_verified},
                           {"figures_recomputed", v.figures_recomputed},
                           {"figures_engine", v.figures_engine},
                           {"problems", problems},
                           {"notes", notes},
                           {"witness_policy", witnessed.json}});
  } else {
    std::cout << "checkpoint size " << v.size << ": " << v.proofs_verified << "/" << v.entries
              << " inclusion proofs verified, " << v.figures_recomputed << " figures recomputed, "
              << v.figures_engine << " derived by the engine\n";
    for (const auto& n : v.notes) std::cout << "note: " << n << "\n";
    if (!o.witness_policy.empty() && witnessed.satisfied) std::cout << witnessed.text;
    for (const auto& p : v.problems) std::cout << "MISMATCH: " << p << "\n";
    std::cout << (v.ok() ? "bundle verified\n" : "bundle NOT verified\n");
  }
  if (!v.ok()) throw Exit{kExitFinding};
}

}  // namespace

void AddReportCommands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ReportOpts>();
  auto* report = app.add_subcommand("report", "Compliance reports");
  report->require_subcommand(1);
  auto* annual = report->add_subcommand("annual", "The SIRO's annual compliance report");
  AddScope(annual, o.get());
  annual->add_option("--format", o->format, "html, json or csv")
      ->check(CLI::IsMember({"html", "json", "csv"}));
  annual->add_option("-o,--output", o->out, "Write to this file (default: standard output)");
  annual->callback([&g, o] { Annual(g, *o); });

  auto* bundle = app.add_subcommand("bundle", "An evidence bundle anyone can verify offline");
  AddScope(bundle, o.get());
  bundle->add_option("-o,--output", o->out, "The .tar.gz to write")->required();
  bundle->callback([&g, o] { Bundle(g, *o); });

  auto* verify = app.add_subcommand("verify-bundle", "Verify an evidence bundle, offline");
  verify->add_option("file", o->file, "The bundle (.tar.gz)")->required();
  verify->add_option("--vkey", o->vkey,
                     "The verifier key you trust (without it, only the bundle's own key)");
  verify->add_option("--witness-policy", o->witness_policy,
                     "Also require the bundle's checkpoint to meet this witness policy");
  verify->callback([&g, o] { VerifyBundleFile(g, *o); });
}

}  // namespace sharetrail::cli
