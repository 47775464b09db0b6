// witness init: the key a node cosigns other parties' checkpoints with, and
// the witness policy check that verify and verify-bundle share.
#include <iostream>

#include "cli/cli.h"
#include "ledger/witness.h"
#include "ledger/witness_policy.h"

namespace sharetrail::cli {
namespace {

void Init(Globals& g, const std::string& dir, const std::string& name) {
  std::string vkey = OrFail(g, InitWitnessKey(dir, name));
  if (g.json) {
    PrintJson(boost::json::object{{"vkey", vkey}});
  } else {
    std::cout << "witness key: " << dir << "/witness.key\nwitness vkey: " << vkey << "\n";
  }
}

}  // namespace

WitnessPolicyResult CheckWitnessPolicy(const Globals& g, const std::string& policy_file,
                                       const std::string& note) {
  WitnessPolicy policy = OrFail(g, WitnessPolicy::Load(policy_file));
  PolicyCheck check = OrFail(g, policy.Check(note));
  WitnessPolicyResult r;
  r.satisfied = check.satisfied;
  boost::json::array cosigned;
  std::string who;
  for (const auto& w : check.cosigned) {
    cosigned.emplace_back(w);
    who += (who.empty() ? "" : ", ") + w;
  }
  r.json = {{"policy", policy_file},
            {"satisfied", check.satisfied},
            {"cosigned", cosigned},
            {"missing", check.missing}};
  r.text = "witness policy " + policy_file + ": " +
           (check.satisfied ? "quorum met" : "quorum NOT met") + "; cosigned by " +
           (who.empty() ? "no witness" : who) + "\n";
  if (!check.satisfied) r.text += "FAILED: witness policy: " + check.missing + "\n";
  return r;
}

void AddWitnessCommands(CLI::App& app, Globals& g) {
  struct Opts {
    std::string dir, name;
  };
  auto o = std::make_shared<Opts>();
  auto* witness = app.add_subcommand("witness", "Witness other parties' ledgers (C2SP)");
  witness->require_subcommand(1);
  auto* init = witness->add_subcommand(
      "init", "Create the witness key (witness.key, mode 0600) and print its vkey");
  init->add_option("--dir", o->dir, "The ledger directory")->required();
  init->add_option("--name", o->name, "The witness's key name, e.g. ofsted.example/witness")
      ->required();
  init->callback([&g, o] { Init(g, o->dir, o->name); });
}

}  // namespace sharetrail::cli
