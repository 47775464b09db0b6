// backup DIR, restore FROM: hot copies of the whole ledger directory
// (ledger/backup.h), each verified before it is reported done.
#include <iostream>
#include <optional>

#include "cli/cli.h"
#include "ledger/backup.h"
#include "ledger/base64.h"
#include "ledger/verify.h"

namespace sharetrail::cli {
namespace {

// Opens dir read-only under a fresh engine and verifies it; key, if given,
// is the one the checkpoints must be signed by.
struct Verified {
  std::unique_ptr<Ledger> ledger;
  VerifyReport report;
};
Result<Verified> OpenAndVerify(const Globals& g, const std::string& dir,
                               const std::optional<NoteVerifier>& key) {
  Globals other;
  other.ledger_dir = dir;
  other.json = g.json;
  Verified v;
  ST_ASSIGN_OR_RETURN(v.ledger, OpenLedger(other, true));
  VerifyOptions options;
  options.verifier = key;
  ST_ASSIGN_OR_RETURN(v.report, Verify(*v.ledger, options));
  return v;
}

void Print(const Globals& g, const char* verb, const std::string& dir, const Ledger& ledger,
           const VerifyReport& r) {
  std::string note = OrFail(g, ledger.SignedCheckpoint());
  if (g.json) {
    PrintJson(boost::json::object{{"ok", true},
                                  {"directory", dir},
                                  {"size", r.entries},
                                  {"root", Base64(r.root)},
                                  {"vkey", ledger.verifier().Vkey()},
                                  {"checkpoint", note}});
    return;
  }
  std::cout << verb << " " << dir << ": " << r.entries
            << " entries, verified\nroot: " << Base64(r.root)
            << "\nverifier key: " << ledger.verifier().Vkey() << "\ncheckpoint:\n"
            << note;
}

[[noreturn]] void Finding(const Globals& g, const VerifyReport& r, const std::string& what) {
  std::string problem =
      what + (r.bad_seq ? " at seq " + std::to_string(*r.bad_seq) : "") + ": " + r.problem;
  if (g.json) {
    boost::json::object o{{"ok", false}, {"problem", problem}};
    if (r.bad_seq) o["bad_seq"] = *r.bad_seq;
    PrintJson(o);
  } else {
    std::cout << "FAILED: " << problem << "\n";
  }
  throw Exit{kExitFinding};
}

void RunBackup(Globals& g, const std::string& dest) {
  auto live = OrFail(g, OpenLedger(g, true));
  Status s = Backup(*live, dest);
  if (!s.ok()) Fail(g, s);
  live.reset();
  // The copy is checked, not the live ledger: a backup is worth what a
  // restore of it would be.
  Verified v = OrFail(g, OpenAndVerify(g, dest, std::nullopt));
  if (!v.report.ok) Finding(g, v.report, "the backup in " + dest + " does not verify");
  Print(g, "backed up to", dest, *v.ledger, v.report);
}

void RunRestore(Globals& g, const std::string& from, const std::string& vkey) {
  if (g.ledger_dir.empty()) {
    Fail(g, InvalidArgument("restore needs --ledger DIR, the directory to restore into"));
  }
  // Bad input is refused before anything is written.
  std::optional<NoteVerifier> key;
  if (!vkey.empty()) {
    auto k = NoteVerifier::FromVkey(vkey);
    if (!k.ok()) Fail(g, InvalidArgument("--vkey: " + k.status().message()));
    key = std::move(*k);
  }
  Status s = StageRestore(from, g.ledger_dir);
  if (!s.ok()) Fail(g, s);
  // From here on the staging directory is ours: whatever goes wrong, it is
  // removed, so a failed restore leaves nothing behind to trip the next.
  auto discard = [&] {
    Status d = DiscardRestore(g.ledger_dir);
    if (!d.ok()) Fail(g, d);
  };
  auto verified = OpenAndVerify(g, StagingDir(g.ledger_dir), key);
  if (!verified.ok()) {
    discard();
    Fail(g, verified.status());
  }
  VerifyReport r = verified->report;
  verified->ledger.reset();  // closed before its directory is moved or removed
  if (!r.ok) {
    discard();
    Finding(g, r, "the backup in " + from + " does not verify; nothing restored");
  }
  s = CommitRestore(g.ledger_dir);
  if (!s.ok()) {
    discard();
    Fail(g, s);
  }
  auto restored = OrFail(g, OpenLedger(g, true));
  Print(g, "restored", g.ledger_dir, *restored, r);
}

}  // namespace

void AddBackupCommands(CLI::App& app, Globals& g) {
  struct Opts {
    std::string dir, from, vkey;
  };
  auto o = std::make_shared<Opts>();

  auto* backup = app.add_subcommand(
      "backup", "Copy the ledger (compacted) with its key, vault and accounts; safe while it runs");
  backup->add_option("DIR", o->dir, "Backup directory (absent or empty)")->required();
  backup->callback([&g, o] { RunBackup(g, o->dir); });

  auto* restore = app.add_subcommand(
      "restore", "Restore a backup into --ledger DIR (absent or empty), verified first");
  restore->add_option("FROM", o->from, "Backup directory")->required();
  restore->add_option("--vkey", o->vkey, "Verifier key the checkpoints must be signed by");
  restore->callback([&g, o] { RunRestore(g, o->from, o->vkey); });
}

}  // namespace sharetrail::cli
