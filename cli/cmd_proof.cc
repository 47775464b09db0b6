// checkpoint, prove inclusion, prove consistency, verify.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "ledger/base64.h"
#include "ledger/cosigned_store.h"
#include "ledger/salvage.h"
#include "ledger/verify.h"
#include "policies/queries.h"

namespace sharetrail::cli {
namespace {

void ShowCheckpoint(Globals& g, std::optional<uint64_t> size) {
  auto ledger = OrFail(g, OpenLedger(g, true));
  std::string note = OrFail(g, ledger->SignedCheckpoint(size));
  if (!g.json) {
    std::cout << note;
    return;
  }
  auto opened = OrFail(g, OpenNote(note, {ledger->verifier()}));
  auto cp = OrFail(g, Checkpoint::Parse(opened.text));
  PrintJson(boost::json::object{
      {"origin", cp.origin}, {"size", cp.size}, {"root", Base64(cp.root)}, {"note", note}});
}

void ProveInclusion(Globals& g, uint64_t seq, std::optional<uint64_t> size) {
  auto ledger = OrFail(g, OpenLedger(g, true));
  PrintJson(OrFail(g, ledger->ProveInclusion(seq, size)).ToJson());
}

void ProveConsistency(Globals& g, uint64_t from, uint64_t to) {
  auto ledger = OrFail(g, OpenLedger(g, true));
  PrintJson(OrFail(g, ledger->ProveConsistency(from, to)).ToJson());
}

// A store too damaged to open (truncated, mangled meta) is a finding like
// any other, for cron's sake: exit 1, not 3. What survives is read from its
// pages directly, to name the first bad seq.
[[noreturn]] void ReportUnopenable(Globals& g, const Status& why) {
  std::string problem = why.message();
  std::optional<uint64_t> bad_seq;
  boost::json::object salvage;
  auto scan = SalvageEntries(g.ledger_dir);
  if (scan.ok()) {
    problem += "; " + scan->summary;
    bad_seq = scan->first_bad;
    salvage = {{"leaf_pages", scan->pages.leaf_pages},
               {"entries_found", scan->entries_found},
               {"intact", scan->intact}};
    if (scan->expected) salvage["expected"] = *scan->expected;
  } else {
    problem += "; its pages could not be scanned either: " + scan.status().message();
  }
  if (g.json) {
    boost::json::object o{{"ok", false}, {"problem", problem}};
    if (bad_seq) o["bad_seq"] = *bad_seq;
    if (!salvage.empty()) o["salvage"] = std::move(salvage);
    PrintJson(o);
  } else {
    std::cout << "FAILED";
    if (bad_seq) std::cout << " at seq " << *bad_seq;
    std::cout << ": " << problem << "\n";
  }
  throw Exit{kExitFinding};
}

void RunVerify(Globals& g, const std::string& vkey, bool deep,
               const std::vector<std::string>& against, const std::string& witness_policy,
               const std::string& checkpoint_file) {
  auto opened = OpenLedger(g, true);
  if (!opened.ok() && opened.status().code() == Code::kCorruption) {
    ReportUnopenable(g, opened.status());
  }
  auto ledger = OrFail(g, std::move(opened));
  VerifyOptions options;
  options.deep = deep;
  for (const std::string& path : against)
    options.kept_checkpoints.push_back(OrFail(g, ReadAll(path)));
  // The checkpoint held to the witness policy: the given one (checked
  // against the ledger like --against), or the latest with the kept
  // cosignatures.
  std::string cosigned;
  if (!checkpoint_file.empty()) {
    cosigned = OrFail(g, ReadAll(checkpoint_file));
    options.kept_checkpoints.push_back(cosigned);
  } else if (!witness_policy.empty()) {
    cosigned = OrFail(g, AddKeptCosignatures(ledger->dir(), OrFail(g, ledger->SignedCheckpoint())));
  }
  if (!vkey.empty()) options.verifier = OrFail(g, NoteVerifier::FromVkey(vkey));
  bool tty = isatty(STDERR_FILENO);
  if (tty) {
    options.progress = [](uint64_t done, uint64_t total) {
      std::fprintf(stderr, "\rverifying: %llu / %llu entries (%3.0f%%)",
                   static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                   total ? 100.0 * done / total : 100.0);
      if (done == total) std::fprintf(stderr, "\n");
    };
  }
  VerifyReport r = OrFail(g, Verify(*ledger, options));
  // Not a fault in the log: a disposal whose crypto-shredding a crash
  // interrupted. Named so the operator can finish it.
  policy::Table pending;
  if (r.ok) {
    auto snap = OrFail(g, ledger->Read());
    pending = OrFail(g, policy::PendingShreds(*snap));
  }
  WitnessPolicyResult witnessed;
  if (r.ok && !witness_policy.empty()) witnessed = CheckWitnessPolicy(g, witness_policy, cosigned);
  if (g.json) {
    boost::json::object o{{"ok", r.ok},
                          {"entries", r.entries},
                          {"nodes", r.nodes},
                          {"checkpoints", r.checkpoints},
                          {"state_records", r.state_records}};
    if (r.ok) o["root"] = Base64(r.root);
    if (r.bad_seq) o["bad_seq"] = *r.bad_seq;
    if (!r.ok) o["problem"] = r.problem;
    if (!pending.rows.empty()) o["pending_shreds"] = pending.rows;
    if (r.ok && !witness_policy.empty()) {
      o["witness_policy"] = witnessed.json;
      o["ok"] = witnessed.satisfied;
    }
    PrintJson(o);
  } else if (r.ok) {
    std::cout << "ok: " << r.entries << " entries, " << r.nodes << " tree nodes, " << r.checkpoints
              << " signed checkpoints, " << r.state_records
              << " derived records verified\nroot: " << Base64(r.root) << "\n";
    for (const auto& row : pending.rows) {
      std::cout << "note: " << policy::CellText(row.at("item")) << " was disposed of at seq "
                << policy::CellText(row.at("disposed_seq"))
                << " but its payload's crypto-shredding is not yet recorded (interrupted?): run "
                   "sharetrail vault recover --as USER\n";
    }
    std::cout << witnessed.text;
  } else {
    if (tty) std::fprintf(stderr, "\n");
    std::cout << "FAILED";
    if (r.bad_seq) std::cout << " at seq " << *r.bad_seq;
    std::cout << ": " << r.problem << "\n";
  }
  if (!r.ok || (!witness_policy.empty() && !witnessed.satisfied)) throw Exit{kExitFinding};
}

}  // namespace

void AddProofCommands(CLI::App& app, Globals& g) {
  struct Opts {
    std::optional<uint64_t> size;
    uint64_t seq = 0, from = 0, to = 0;
    std::string vkey;
    std::vector<std::string> against;
    std::string witness_policy, checkpoint;
    bool deep = false;
  };
  auto o = std::make_shared<Opts>();

  auto* cp = app.add_subcommand("checkpoint", "Print the signed checkpoint (C2SP signed note)");
  cp->add_option("--size", o->size, "Tree size (default: latest)");
  cp->callback([&g, o] { ShowCheckpoint(g, o->size); });

  auto* prove = app.add_subcommand("prove", "Print an inclusion or consistency proof (JSON)");
  prove->require_subcommand(1);
  auto* inc = prove->add_subcommand("inclusion", "Proof that entry --seq is in the tree");
  inc->add_option("--seq", o->seq, "Entry sequence number")->required();
  inc->add_option("--size", o->size, "Tree size (default: latest)");
  inc->callback([&g, o] { ProveInclusion(g, o->seq, o->size); });
  auto* con = prove->add_subcommand("consistency", "Proof that tree --from is a prefix of --to");
  con->add_option("--from", o->from, "Earlier tree size")->required();
  con->add_option("--to", o->to, "Later tree size")->required();
  con->callback([&g, o] { ProveConsistency(g, o->from, o->to); });

  auto* verify = app.add_subcommand("verify", "Recompute and check the whole ledger");
  verify->add_option("--vkey", o->vkey, "Verifier key to trust (default: the ledger's own)");
  verify->add_flag("--deep", o->deep, "Also parse and schema-check every entry");
  verify->add_option("--against", o->against,
                     "A signed checkpoint you kept (repeatable): the ledger must still extend it "
                     "(catches a rollback to an older copy)");
  verify->add_option("--witness-policy", o->witness_policy,
                     "Also require the checkpoint's cosignatures to meet this witness policy");
  verify
      ->add_option("--checkpoint", o->checkpoint,
                   "The cosigned checkpoint to hold to the policy (default: the latest with "
                   "the cosignatures kept in the ledger directory)")
      ->needs("--witness-policy");
  verify->callback(
      [&g, o] { RunVerify(g, o->vkey, o->deep, o->against, o->witness_policy, o->checkpoint); });
}

}  // namespace sharetrail::cli
