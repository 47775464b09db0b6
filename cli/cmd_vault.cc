// vault put|get|recover: payloads kept encrypted outside the chain, read
// only through a recorded access, and crypto-shredded when the last copy is
// lawfully disposed of.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/cli.h"
#include "ledger/hash.h"
#include "ledger/vault.h"
#include "policies/queries.h"
#include "policies/shred.h"
#include "policies/world.h"

namespace sharetrail::cli {
namespace {

namespace json = boost::json;

struct VaultOpts {
  std::string as, role, item, file, out;
};

json::object Actor(const std::string& as, const std::string& role) {
  json::object a{{"user", as}};
  if (!role.empty()) a["role"] = role;
  return a;
}

// Appends one event and returns its outcome; malformed input fails.
json::object Propose(const Globals& g, Ledger& l, const VaultOpts& o, const std::string& type,
                     json::object body) {
  auto r = OrFail(g, l.Append(Event{Actor(o.as, o.role), type, std::move(body)}));
  return json::parse(r.outcome).as_object();
}

bool Refused(const json::object& outcome) { return outcome.at("type") == "refused"; }

void Put(Globals& g, const VaultOpts& o) {
  std::string bytes = OrFail(g, ReadAll(o.file));
  auto ledger = OrFail(g, OpenLedger(g, false));
  auto vault = OrFail(g, Vault::Open(g.ledger_dir));
  // Sealed and durable before the entry that acknowledges it; withdrawn if
  // the entry is refused or fails.
  Status put = vault->Put(o.item, bytes);
  if (!put.ok()) Fail(g, put);
  auto r = ledger->Append(Event{Actor(o.as, o.role),
                                "payload.stored",
                                {{"item", o.item},
                                 {"digest", Sha256Hex(bytes)},
                                 {"size", static_cast<int64_t>(bytes.size())}}});
  if (!r.ok() || Refused(json::parse(r->outcome).as_object())) {
    (void)vault->Shred(o.item);
    if (!r.ok()) Fail(g, r.status());
  }
  json::object outcome = json::parse(r->outcome).as_object();
  if (g.json) {
    PrintJson(outcome);
  } else {
    std::cout << "seq " << outcome.at("seq").as_int64() << ": "
              << std::string_view(outcome.at("decision").at("outcome").as_string()) << " "
              << (Refused(outcome) ? "(payload withdrawn)"
                                   : "stored " + std::to_string(bytes.size()) + " bytes, sealed")
              << "\n";
  }
  if (Refused(outcome)) throw Exit{kExitFinding};
}

void Get(Globals& g, const VaultOpts& o) {
  auto ledger = OrFail(g, OpenLedger(g, false));
  auto vault = OrFail(g, Vault::Open(g.ledger_dir));
  // Reading a payload is an access like any other: decided and recorded.
  json::object outcome =
      Propose(g, *ledger, o, "access", {{"item", o.item}, {"purpose", "read the stored payload"}});
  if (Refused(outcome)) {
    std::cerr << "sharetrail: access refused and recorded at seq " << outcome.at("seq").as_int64()
              << "\n";
    throw Exit{kExitFinding};
  }
  std::string payload = OrFail(g, vault->Get(o.item));
  if (o.out.empty() || o.out == "-") {
    std::cout << payload << std::flush;
  } else {
    std::ofstream(o.out, std::ios::binary) << payload;
  }
}

}  // namespace

void RecoverVault(Globals& g, const std::string& as, const std::string& role) {
  auto ledger = OrFail(g, OpenLedger(g, false));
  auto vault = OrFail(g, Vault::Open(g.ledger_dir));
  auto shredded = OrFail(g, policy::ShredPending(*ledger, *vault, Actor(as, role),
                                                 [] { FaultPoint("vault.shredded"); }));
  for (const policy::Shredded& s : shredded) {
    std::cout << "seq " << s.recorded.seq << ": payload of " << s.item
              << (s.refused ? " shredded, but recording it was refused" : " crypto-shredded")
              << "\n";
  }
  // Remnants of payloads the ledger never acknowledged (a crash between the
  // vault write and its entry): no entry refers to them, so they go.
  auto snap = OrFail(g, ledger->Read());
  for (const std::string& id : OrFail(g, vault->List())) {
    auto raw = OrFail(g, snap->Get(policy::keys::Item(id)));
    bool acknowledged = false;
    if (raw) {
      auto rec = json::parse(*raw).as_object();
      acknowledged = rec.contains("payload") && !rec.at("payload").as_object().contains("shredded");
    }
    if (!acknowledged) {
      Status s = vault->Shred(id);
      if (!s.ok()) Fail(g, s);
      std::cout << "removed unacknowledged vault remnant " << id << "\n";
    }
  }
}

void SubjectContents(Globals& g, const std::string& subject, const std::string& dir,
                     const std::string& as, const std::string& role) {
  auto ledger = OrFail(g, OpenLedger(g, false));
  auto vault = OrFail(g, Vault::Open(g.ledger_dir));
  std::vector<std::string> items;
  {
    auto snap = OrFail(g, ledger->Read());
    policy::Table t = OrFail(g, policy::SubjectAccess(*snap, subject));
    for (const auto& row : t.rows) {
      std::string item(row.at("item").as_string());
      if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) Fail(g, IOError(dir + ": " + ec.message()));
  VaultOpts o{as, role, "", "", ""};
  for (const std::string& item : items) {
    auto snap = OrFail(g, ledger->Read());
    auto raw = OrFail(g, snap->Get(policy::keys::Item(item)));
    json::object rec = raw ? json::parse(*raw).as_object() : json::object();
    const json::value* p = rec.if_contains("payload");
    if (p == nullptr || p->as_object().contains("shredded")) {
      std::cout << item << ": no payload held\n";
      continue;
    }
    // Reading it for the subject is an access like any other: decided and
    // recorded, and refused where the reader's party holds no copy.
    json::object outcome =
        Propose(g, *ledger, o, "access", {{"item", item}, {"purpose", "subject access request"}});
    if (Refused(outcome)) {
      std::cout << item << ": access refused and recorded at seq " << outcome.at("seq").as_int64()
                << "\n";
      continue;
    }
    std::string payload = OrFail(g, vault->Get(item));
    std::string path = dir + "/" + item;
    std::ofstream(path, std::ios::binary) << payload;
    std::cout << item << ": " << payload.size() << " bytes written to " << path << "\n";
  }
}

void AddVaultCommands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<VaultOpts>();
  auto* vault = app.add_subcommand("vault", "Encrypted payloads kept outside the chain");
  vault->require_subcommand(1);
  auto actor = [o](CLI::App* c) {
    c->add_option("--as", o->as, "Acting user")->required();
    c->add_option("--role", o->role, "Role the user acts in");
  };
  auto* put = vault->add_subcommand(
      "put", "Store an item's payload (its SHA-256 must be the item's digest)");
  actor(put);
  put->add_option("item", o->item, "Item id")->required();
  put->add_option("file", o->file, "Payload file ('-' for stdin)")->required();
  put->callback([&g, o] { Put(g, *o); });
  auto* get = vault->add_subcommand("get", "Read an item's payload (a recorded access)");
  actor(get);
  get->add_option("item", o->item, "Item id")->required();
  get->add_option("-o,--out", o->out, "Write to this file (default stdout)");
  get->callback([&g, o] { Get(g, *o); });
  auto* recover =
      vault->add_subcommand("recover", "Finish crypto-shredding interrupted by a crash");
  actor(recover);
  recover->callback([&g, o] { RecoverVault(g, o->as, o->role); });
}

}  // namespace sharetrail::cli
