// Shared plumbing for the sharetrail subcommands: global flags, output in
// text or --json, and error reporting. Each cmd_*.cc registers its commands.
#ifndef SHARETRAIL_CLI_CLI_H_
#define SHARETRAIL_CLI_CLI_H_

#include <CLI/CLI.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <memory>
#include <string>

#include "ledger/ledger.h"
#include "ledger/status.h"
#include "policies/date.h"
#include "policies/engine.h"
#include "policies/table.h"

namespace sharetrail::cli {

struct Globals {
  std::string ledger_dir;
  bool json = false;
  // The ledger's clock, if not the real one: only `demo --record` sets it,
  // to stamp a new demo ledger's events with the story's days.
  std::function<int64_t()> clock;
  // Every ledger the CLI opens is governed by the rule engine.
  std::shared_ptr<policy::Engine> engine = std::make_shared<policy::Engine>();
};

// Exit codes: 0 success, 1 a failure the command found (verify), 2 bad
// usage or input, 3 other errors (I/O, corruption, missing ledger).
constexpr int kExitFinding = 1;
constexpr int kExitUsage = 2;
constexpr int kExitError = 3;

// Thrown only inside command callbacks and turned into an exit code by main;
// library code never throws.
struct Exit {
  int code;
};

// Prints the status (as {"error":{...}} with --json) to stderr and exits.
[[noreturn]] void Fail(const Globals& g, const Status& s);
// The --as USER (required) and --role ROLE options of a command that acts.
void AddActorOptions(CLI::App* c, std::string* as, std::string* role);
// Prints one JSON value on its own line.
void PrintJson(const boost::json::value& v);
// The whole of a file, or of standard input for "-".
Result<std::string> ReadAll(const std::string& path);
// Opens --ledger DIR; read-only opens need no lock and no signing key.
// reindex rebuilds the derived state from the log first.
Result<std::unique_ptr<Ledger>> OpenLedger(const Globals& g, bool read_only, bool reindex = false);
// Prints a query answer as text, CSV or (with --json) JSON.
void PrintTable(const Globals& g, const policy::Table& t, bool csv);
// Today's UTC date.
Date Today();
// A date option, or today if empty.
Date DateOr(const Globals& g, const std::string& text, const char* flag);

template <typename T>
T OrFail(const Globals& g, Result<T> r) {
  if (!r.ok()) Fail(g, r.status());
  return std::move(r).value();
}

// Runs fn(ledger, snapshot) against one read snapshot and prints its table.
template <typename F>
void Query(Globals& g, bool csv, F fn) {
  auto ledger = OrFail(g, OpenLedger(g, true));
  auto snap = OrFail(g, ledger->Read());
  policy::Table t = OrFail(g, fn(*ledger, *snap));
  PrintTable(g, t, csv);
}

// Proves every row's entry (the row's "seq") included under the snapshot's
// size and checks each proof against the signed root: adds a leaf_hash
// column (and, with --json, the proof), and the checkpoint to the summary.
// Returns whether every proof verified.
bool AddProofs(const Globals& g, Ledger& ledger, Snapshot& snap, policy::Table* t);

void AddLedgerCommands(CLI::App& app, Globals& g);
void AddProofCommands(CLI::App& app, Globals& g);
void AddCheckCommands(CLI::App& app, Globals& g);
void AddBackupCommands(CLI::App& app, Globals& g);
void AddMirrorCommands(CLI::App& app, Globals& g);
void AddPolicyCommands(CLI::App& app, Globals& g);
void AddQueryCommands(CLI::App& app, Globals& g);
void AddHoldCommands(CLI::App& app, Globals& g);
void AddVaultCommands(CLI::App& app, Globals& g);
void AddFoiCommands(CLI::App& app, Globals& g);
// Crash-test hook: if SHARETRAIL_FAULT names this point, the process kills
// itself with SIGKILL here, as a power cut would, so tests can prove what
// recovery finds (tests/e2e/vault_test.cc). Points: "disposal.recorded",
// "vault.shredded".
void FaultPoint(const char* name);
void AddCalendarCommands(CLI::App& app, Globals& g);
void AddUserCommands(CLI::App& app, Globals& g);
// report annual, bundle, verify-bundle (issue 9).
void AddReportCommands(CLI::App& app, Globals& g);
// demo: a realistic year of events (issue 13; cli/demo_story.h).
void AddDemoCommands(CLI::App& app, Globals& g);
// import annex-a: the daily notifiable-incidents spreadsheet (issue 13).
void AddImportCommands(CLI::App& app, Globals& g);
// peer add|list|follow: nodes of other parties and receipts (issue 12).
void AddPeerCommands(CLI::App& app, Globals& g);
// Crypto-shreds the payloads of items whose last copy was disposed of and
// records it; removes vault remnants no entry acknowledges.
void RecoverVault(Globals& g, const std::string& as, const std::string& role);
// Subject access with contents: each payload still held of the subject's
// items is read through a recorded access and written to dir/<item>; prints
// one line per item (written, refused, or no longer held).
void SubjectContents(Globals& g, const std::string& subject, const std::string& dir,
                     const std::string& as, const std::string& role);
// Proposes one event as user `as` (in `role` if given), prints the decision,
// and exits 1 if it was refused.
void RecordEvent(Globals& g, const std::string& as, const std::string& role,
                 const std::string& type, boost::json::object body);
// Prints one decision (the engine's outcome JSON); true if it was a refusal.
bool PrintOutcome(const Globals& g, const std::string& outcome);
// policy load: registers the parties and agreements in dir as `as`.
void LoadPolicies(Globals& g, const std::string& dir, const std::string& as,
                  const std::string& party, const std::string& team);

}  // namespace sharetrail::cli

#endif  // SHARETRAIL_CLI_CLI_H_
