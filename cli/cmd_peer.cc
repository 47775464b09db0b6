// peer add|list|follow: the nodes that speak for other parties (issue 12),
// and recording receipts from a verified copy of a peer's log.
#include <iostream>

#include "cli/cli.h"
#include "policies/follow.h"
#include "policies/receipts.h"

namespace sharetrail::cli {
namespace {

namespace json = boost::json;

struct PeerOpts {
  std::string as, role, party, origin, vkey, url, copy;
  uint64_t from = 0;
  bool csv = false;
};

}  // namespace

void AddPeerCommands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<PeerOpts>();
  auto* peer = app.add_subcommand("peer", "Nodes that speak for other parties, and receipts");
  peer->require_subcommand(1);

  auto* add = peer->add_subcommand(
      "add", "Register the node that speaks for a party: its log's origin and key (admin)");
  AddActorOptions(add, &o->as, &o->role);
  add->add_option("party", o->party, "The party the node speaks for")->required();
  add->add_option("--origin", o->origin, "Its checkpoints' origin line")->required();
  add->add_option("--vkey", o->vkey, "Its log's verifier key (sharetrail vkey)")->required();
  add->add_option("--url", o->url, "Where its log is served (tlog-tiles)");
  add->callback([&g, o] {
    json::object body{{"party", o->party}, {"origin", o->origin}, {"vkey", o->vkey}};
    if (!o->url.empty()) body["url"] = o->url;
    RecordEvent(g, o->as, o->role, "peer.registered", std::move(body));
  });

  auto* list = peer->add_subcommand("list", "The registered peers");
  list->add_flag("--csv", o->csv, "CSV output");
  list->callback(
      [&g, o] { Query(g, o->csv, [&](Ledger&, Snapshot& s) { return policy::Peers(s); }); });

  auto* follow = peer->add_subcommand(
      "follow", "Record the receipts a verified copy of a peer's log calls for (node account)");
  follow->add_option("party", o->party, "The peer's party")->required();
  follow->add_option("--copy", o->copy, "Directory of the copy (sharetrail mirror --dir)")
      ->required();
  follow->add_option("--as", o->as, "This node's service account (role node)")->required();
  follow->add_option("--from", o->from, "First seq of the copy to read");
  follow->callback([&g, o] {
    auto own = OrFail(g, OpenLedger(g, false));
    LedgerOptions ro;
    ro.read_only = true;
    auto copy = OrFail(g, Ledger::Open(o->copy, ro));
    policy::FollowResult r = OrFail(g, policy::FollowPeer(*own, o->as, o->party, *copy, o->from));
    if (g.json) {
      PrintJson(json::object{{"next", r.next},
                             {"received", r.received},
                             {"acknowledged", r.acknowledged},
                             {"refused", r.refused}});
    } else {
      std::cout << "read " << o->party << "'s log to seq " << r.next << ": " << r.received
                << " received, " << r.acknowledged << " acknowledged, " << r.refused
                << " refused\n";
    }
    if (r.refused > 0) throw Exit{kExitFinding};
  });
}

}  // namespace sharetrail::cli
