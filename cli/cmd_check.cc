// check inclusion / check consistency: verify proofs offline, as an outsider
// would, trusting only a verifier key obtained out of band. Needs no ledger.
#include <iostream>

#include "cli/cli.h"
#include "ledger/base64.h"
#include "ledger/canonical_json.h"

namespace sharetrail::cli {
namespace {

Result<Checkpoint> TrustedCheckpoint(const std::string& path, const NoteVerifier& verifier) {
  ST_ASSIGN_OR_RETURN(std::string note, ReadAll(path));
  auto opened = OpenNote(note, {verifier});
  if (!opened.ok()) return opened.status().WithContext(path + ": ");
  auto cp = Checkpoint::Parse(opened->text);
  if (!cp.ok()) return cp.status().WithContext(path + ": ");
  if (cp->origin != verifier.name()) {
    return InvalidArgument(path + ": origin \"" + cp->origin + "\" is not the key's \"" +
                           verifier.name() + "\"");
  }
  return cp;
}

void Report(Globals& g, const Status& s, const std::string& what) {
  if (g.json) {
    boost::json::object o{{"ok", s.ok()}};
    if (!s.ok()) o["problem"] = s.message();
    PrintJson(o);
  } else {
    std::cout << (s.ok() ? "ok: " + what : "FAILED: " + s.message()) << "\n";
  }
  if (!s.ok()) throw Exit{kExitFinding};
}

void CheckInclusion(Globals& g, const std::string& vkey, const std::string& proof_path,
                    const std::string& cp_path, const std::string& entry_path) {
  auto verifier = OrFail(g, NoteVerifier::FromVkey(vkey));
  auto trusted = TrustedCheckpoint(cp_path, verifier);
  if (!trusted.ok()) Report(g, trusted.status(), "");
  const Checkpoint& cp = *trusted;
  auto json = OrFail(g, ParseStrict(OrFail(g, ReadAll(proof_path))));
  auto proof = OrFail(g, InclusionProof::FromJson(json));
  Status s;
  if (proof.tree_size != cp.size) {
    s = InvalidArgument("proof is for tree size " + std::to_string(proof.tree_size) +
                        " but the checkpoint is for " + std::to_string(cp.size));
  } else if (!entry_path.empty() && LeafHash(OrFail(g, ReadAll(entry_path))) != proof.leaf_hash) {
    s = InvalidArgument(entry_path + " does not hash to the proof's leaf_hash");
  } else {
    s = proof.Verify(cp.root);
  }
  Report(g, s,
         "entry " + std::to_string(proof.leaf_index) + " is in the tree of size " +
             std::to_string(cp.size) + " signed by " + verifier.name());
}

void CheckConsistency(Globals& g, const std::string& vkey, const std::string& proof_path,
                      const std::string& old_path, const std::string& new_path) {
  auto verifier = OrFail(g, NoteVerifier::FromVkey(vkey));
  auto older_r = TrustedCheckpoint(old_path, verifier);
  if (!older_r.ok()) Report(g, older_r.status(), "");
  auto newer_r = TrustedCheckpoint(new_path, verifier);
  if (!newer_r.ok()) Report(g, newer_r.status(), "");
  const Checkpoint &older = *older_r, &newer = *newer_r;
  auto json = OrFail(g, ParseStrict(OrFail(g, ReadAll(proof_path))));
  auto proof = OrFail(g, ConsistencyProof::FromJson(json));
  Status s;
  if (proof.first != older.size || proof.second != newer.size) {
    s = InvalidArgument("proof is for sizes " + std::to_string(proof.first) + " -> " +
                        std::to_string(proof.second) + " but the checkpoints are " +
                        std::to_string(older.size) + " -> " + std::to_string(newer.size));
  } else {
    s = proof.Verify(older.root, newer.root);
  }
  Report(g, s,
         "the tree of size " + std::to_string(older.size) + " is a prefix of the tree of size " +
             std::to_string(newer.size));
}

}  // namespace

void AddCheckCommands(CLI::App& app, Globals& g) {
  struct Opts {
    std::string vkey, proof, checkpoint, entry, older, newer;
  };
  auto o = std::make_shared<Opts>();
  auto* check = app.add_subcommand("check", "Verify a proof offline against signed checkpoints");
  check->require_subcommand(1);

  auto* inc = check->add_subcommand("inclusion", "Check an inclusion proof");
  inc->add_option("--vkey", o->vkey, "Verifier key you trust")->required();
  inc->add_option("--proof", o->proof, "Inclusion proof JSON file")->required();
  inc->add_option("--checkpoint", o->checkpoint, "Signed checkpoint file")->required();
  inc->add_option("--entry", o->entry, "Canonical entry bytes (show --canonical)");
  inc->callback([&g, o] { CheckInclusion(g, o->vkey, o->proof, o->checkpoint, o->entry); });

  auto* con = check->add_subcommand("consistency", "Check a consistency proof");
  con->add_option("--vkey", o->vkey, "Verifier key you trust")->required();
  con->add_option("--proof", o->proof, "Consistency proof JSON file")->required();
  con->add_option("--old", o->older, "Earlier signed checkpoint file")->required();
  con->add_option("--new", o->newer, "Later signed checkpoint file")->required();
  con->callback([&g, o] { CheckConsistency(g, o->vkey, o->proof, o->older, o->newer); });
}

}  // namespace sharetrail::cli
