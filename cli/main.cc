// sharetrail: the command-line tool. One subcommand per task; every command
// takes --json for machine-readable output.
#include <boost/json/serialize.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli.h"
#include "ledger/base64.h"
#include "ledger/canonical_json.h"

namespace sharetrail::cli {

[[noreturn]] void Fail(const Globals& g, const Status& s) {
  int code = (s.code() == Code::kInvalidArgument || s.code() == Code::kOutOfRange) ? kExitUsage
                                                                                   : kExitError;
  if (g.json) {
    boost::json::object err{{"code", CodeName(s.code())}, {"message", s.message()}};
    std::cerr << boost::json::serialize(boost::json::object{{"error", err}}) << "\n";
  } else {
    std::cerr << "sharetrail: " << s.ToString() << "\n";
  }
  throw Exit{code};
}

void AddActorOptions(CLI::App* c, std::string* as, std::string* role) {
  c->add_option("--as", *as, "Acting user")->required();
  c->add_option("--role", *role, "Role the user acts in (default: their first)");
}

void PrintJson(const boost::json::value& v) {
  auto canonical = Canonicalize(v);
  std::cout << (canonical.ok() ? *canonical : boost::json::serialize(v)) << "\n";
}

Result<std::string> ReadAll(const std::string& path) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return NotFound("cannot read " + path);
    ss << in.rdbuf();
  }
  return ss.str();
}

Result<std::unique_ptr<Ledger>> OpenLedger(const Globals& g, bool read_only, bool reindex) {
  if (g.ledger_dir.empty()) {
    return InvalidArgument("no ledger given: pass --ledger DIR or set SHARETRAIL_LEDGER");
  }
  LedgerOptions options;
  options.read_only = read_only;
  options.state_machine = g.engine;
  options.reindex = reindex;
  if (g.clock) options.clock = g.clock;
  return Ledger::Open(g.ledger_dir, options);
}

void FaultPoint(const char* name) {
  const char* want = std::getenv("SHARETRAIL_FAULT");
  if (want != nullptr && std::string_view(want) == name) {
    std::fflush(nullptr);
    std::raise(SIGKILL);
  }
}

bool AddProofs(const Globals& g, Ledger& ledger, Snapshot& snap, policy::Table* t) {
  uint64_t size = OrFail(g, snap.Size());
  Hash root = OrFail(g, ledger.Root(size));
  size_t verified = 0;
  for (auto& row : t->rows) {
    uint64_t seq = row.as_object().at("seq").as_uint64();
    InclusionProof proof = OrFail(g, ledger.ProveInclusion(seq, size));
    if (proof.Verify(root).ok()) ++verified;
    row.as_object()["leaf_hash"] = Base64(proof.leaf_hash);
    if (g.json) row.as_object()["proof"] = proof.ToJson();
  }
  t->columns.push_back("leaf_hash");
  t->summary["checkpoint_size"] = size;
  t->summary["root"] = Base64(root);
  t->summary["proofs_verified"] = std::to_string(verified) + "/" + std::to_string(t->rows.size());
  if (g.json) t->summary["checkpoint"] = OrFail(g, ledger.SignedCheckpoint(size));
  return verified == t->rows.size();
}

void PrintTable(const Globals& g, const policy::Table& t, bool csv) {
  if (g.json) {
    PrintJson(t.Json());
  } else if (csv) {
    std::cout << t.Csv();
  } else {
    std::cout << t.Text();
  }
}

Date Today() { return CivilFromDays(static_cast<int64_t>(std::time(nullptr)) / 86400); }

Date DateOr(const Globals& g, const std::string& text, const char* flag) {
  if (text.empty()) return Today();
  auto d = ParseDate(text);
  if (!d.ok()) Fail(g, d.status().WithContext(std::string(flag) + ": "));
  return *d;
}

}  // namespace sharetrail::cli

int main(int argc, char** argv) {
  using namespace sharetrail::cli;
  Globals g;
  if (const char* env = std::getenv("SHARETRAIL_LEDGER")) g.ledger_dir = env;
  CLI::App app{"sharetrail: a verifiable ledger of information shared between public bodies"};
  app.require_subcommand(1);
  app.add_option("--ledger", g.ledger_dir, "Ledger directory (default: $SHARETRAIL_LEDGER)");
  app.add_flag("--json", g.json, "Machine-readable JSON output");
  AddLedgerCommands(app, g);
  AddProofCommands(app, g);
  AddCheckCommands(app, g);
  AddBackupCommands(app, g);
  AddMirrorCommands(app, g);
  AddPolicyCommands(app, g);
  AddQueryCommands(app, g);
  AddHoldCommands(app, g);
  AddVaultCommands(app, g);
  AddFoiCommands(app, g);
  AddCalendarCommands(app, g);
  AddUserCommands(app, g);
  AddReportCommands(app, g);
  AddDemoCommands(app, g);
  AddImportCommands(app, g);
  AddPeerCommands(app, g);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  } catch (const Exit& e) {
    return e.code;
  }
  return 0;
}
