// init, show, vkey, canon.
#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <iostream>

#include "cli/cli.h"
#include "ledger/base64.h"
#include "ledger/canonical_json.h"

namespace sharetrail::cli {
namespace {

// Pretty JSON for people, two-space indent. Stored entries are canonical, so
// the parsed objects are already in canonical key order.
void PrettyPrint(std::ostream& os, const boost::json::value& v, int indent) {
  std::string pad(indent, ' ');
  if (v.is_object() && !v.get_object().empty()) {
    const auto& o = v.get_object();
    os << "{\n";
    size_t i = 0;
    for (const auto& [k, val] : o) {
      os << pad << "  " << boost::json::serialize(boost::json::string(k)) << ": ";
      PrettyPrint(os, val, indent + 2);
      os << (++i < o.size() ? ",\n" : "\n");
    }
    os << pad << "}";
  } else if (v.is_array() && !v.get_array().empty()) {
    os << "[\n";
    size_t i = 0;
    for (const auto& val : v.get_array()) {
      os << pad << "  ";
      PrettyPrint(os, val, indent + 2);
      os << (++i < v.get_array().size() ? ",\n" : "\n");
    }
    os << pad << "]";
  } else {
    os << boost::json::serialize(v);
  }
}

void Init(Globals& g, const std::string& origin) {
  if (g.ledger_dir.empty()) Fail(g, InvalidArgument("init needs --ledger DIR"));
  Status s = Ledger::Init(g.ledger_dir, origin);
  if (!s.ok()) Fail(g, s);
  auto ledger = OrFail(g, OpenLedger(g, true));
  if (g.json) {
    PrintJson(boost::json::object{
        {"ledger", g.ledger_dir}, {"origin", origin}, {"vkey", ledger->verifier().Vkey()}});
  } else {
    std::cout << "initialised ledger " << g.ledger_dir << "\norigin: " << origin
              << "\nverifier key: " << ledger->verifier().Vkey() << "\n";
  }
}

void Show(Globals& g, uint64_t seq, bool canonical) {
  auto ledger = OrFail(g, OpenLedger(g, true));
  std::string bytes = OrFail(g, ledger->EntryBytes(seq));
  if (canonical) {
    std::cout << bytes << std::flush;
    return;
  }
  auto entry = OrFail(g, ParseStrict(bytes));
  std::string leaf = Base64(LeafHash(bytes));
  if (g.json) {
    PrintJson(boost::json::object{{"entry", entry}, {"leaf_hash", leaf}});
  } else {
    PrettyPrint(std::cout, entry, 0);
    std::cout << "\nleaf hash: " << leaf << "\n";
  }
}

}  // namespace

void AddLedgerCommands(CLI::App& app, Globals& g) {
  struct Opts {
    std::string origin, path = "-";
    uint64_t seq = 0;
    bool canonical = false;
  };
  auto o = std::make_shared<Opts>();

  auto* init = app.add_subcommand("init", "Create a new ledger and its signing key");
  init->add_option("--origin", o->origin, "Checkpoint origin, e.g. ledger.ofsted.example/2026")
      ->required();
  init->callback([&g, o] { Init(g, o->origin); });

  auto* show = app.add_subcommand("show", "Show one entry");
  show->add_option("--seq", o->seq, "Entry sequence number")->required();
  show->add_flag("--canonical", o->canonical, "Print exactly the bytes that were hashed");
  show->callback([&g, o] { Show(g, o->seq, o->canonical); });

  app.add_subcommand("vkey", "Print the ledger's verifier key")->callback([&g] {
    auto ledger = OrFail(g, OpenLedger(g, true));
    if (g.json) {
      PrintJson(boost::json::object{{"vkey", ledger->verifier().Vkey()}});
    } else {
      std::cout << ledger->verifier().Vkey() << "\n";
    }
  });

  app.add_subcommand("canon", "Read JSON on stdin, print its RFC 8785 canonical form")
      ->callback(
          [&g] { std::cout << OrFail(g, CanonicalizeText(OrFail(g, ReadAll("-")))) << "\n"; });
}

}  // namespace sharetrail::cli
