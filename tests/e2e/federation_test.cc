// Two bodies, two nodes (issue 12): Ofsted's and DfE's sharetraild on
// 127.0.0.1, each registering the other as a peer with its log's key and
// URL. Each node follows the other's log over tlog-tiles into a verified
// copy and records receipts: DfE's node records share.received for
// Ofsted's share to DfE, Ofsted's node then records share.acknowledged,
// and shared-with shows both sides. A share made while DfE's node is down
// stays flagged "not acknowledged" until DfE's node is back and catches up.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "tests/e2e/server_support.h"

namespace sharetrail::testing {
namespace {

namespace json = boost::json;

constexpr char kMou[] = "ofsted-dfe-notifiable-incidents";

std::string SummaryItem(const std::string& id) {
  json::object body{{"item", id},
                    {"title", "Notifiable incidents summary " + id},
                    {"kind", "spreadsheet"},
                    {"owner", "ofsted"},
                    {"category", "notifiable_incident_summary"},
                    {"classification", "official-sensitive"},
                    {"agreement", kMou},
                    {"safeguarding", true},
                    {"personal_data", true},
                    {"fields", json::array{"reference_number", "local_authority"}},
                    {"digest", std::string(64, 'b')}};
  return json::serialize(json::object{{"type", "item.registered"}, {"body", body}});
}

// 000 §12: the daily summary goes to DfE through the secure platform.
std::string ShareToDfe(const std::string& id) {
  json::object body{{"items", json::array{json::value(id)}},
                    {"to", "dfe"},
                    {"agreement", kMou},
                    {"purpose", "safeguarding"},
                    {"lawful_basis", "EIA 2006 s118(3) and Sch 13 para 8"},
                    {"necessity", "DfE's child protection policy and intervention (§5)"},
                    {"decided_by", "o.arc"},
                    {"method", "secure_platform"},
                    {"password_protected", true}};
  return json::serialize(json::object{{"type", "share"}, {"body", body}});
}

// The receipt column of the share of `item` in `party`'s shared-with.
std::string ReceiptOf(Server& node, const std::string& party, const std::string& item) {
  auto v = json::parse(node.Cli("--json shared-with --party " + party + " --item " + item));
  for (const auto& row : v.at("rows").as_array()) {
    const auto& o = row.as_object();
    if (o.contains("receipt")) return std::string(o.at("receipt").as_string());
    return "";
  }
  return "(no row)";
}

// Polls (bounded, ~30 s) until the receipt column starts with `want`.
bool WaitFor(Server& node, const std::string& party, const std::string& item,
             const std::string& want) {
  for (int i = 0; i < 150; ++i) {
    if (ReceiptOf(node, party, item).rfind(want, 0) == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

std::string Token(Server& node, const std::string& user) {
  std::string out = node.Cli("user token issue " + user + " --as admin");
  size_t at = out.find("token: ");
  EXPECT_NE(at, std::string::npos) << out;
  return out.substr(at + 7, out.find('\n', at) - at - 7);
}

TEST(FederationTest, ReceiptsBothWaysAndCatchUpAfterDowntime) {
  Server ofsted({{"o.arc", "ofsted", "arc", "staff"},
                 {"o.node", "ofsted", "information-governance", "node"},
                 {"dfe.reader", "dfe", "information-governance", "auditor"}},
                {}, "ofsted.e2e/log");
  Server dfe({{"d.node", "dfe", "information-governance", "node"},
              {"ofsted.reader", "ofsted", "information-governance", "auditor"}},
             {}, "dfe.e2e/log");
  // Ports first (each node's URL goes into the other's registration).
  ofsted.Start();
  dfe.Start();
  int ofsted_port = ofsted.port(), dfe_port = dfe.port();
  ASSERT_EQ(ofsted.Stop(), 0);
  ASSERT_EQ(dfe.Stop(), 0);
  std::string ofsted_vkey = ofsted.Cli("vkey"), dfe_vkey = dfe.Cli("vkey");
  while (!ofsted_vkey.empty() && ofsted_vkey.back() == '\n') ofsted_vkey.pop_back();
  while (!dfe_vkey.empty() && dfe_vkey.back() == '\n') dfe_vkey.pop_back();
  ofsted.Cli("peer add dfe --origin dfe.e2e/log --vkey " + dfe_vkey +
             " --url http://127.0.0.1:" + std::to_string(dfe_port) + "/ --as admin");
  dfe.Cli("peer add ofsted --origin ofsted.e2e/log --vkey " + ofsted_vkey +
          " --url http://127.0.0.1:" + std::to_string(ofsted_port) + "/ --as admin");
  // Each follows the other's entry bundles with an auditor's token there.
  std::filesystem::create_directories(ofsted.dir() + "/peers");
  std::filesystem::create_directories(dfe.dir() + "/peers");
  std::ofstream(ofsted.dir() + "/peers/dfe.token") << Token(dfe, "ofsted.reader") << "\n";
  std::ofstream(dfe.dir() + "/peers/ofsted.token") << Token(ofsted, "dfe.reader") << "\n";

  ofsted.Cli("record --as o.arc -", SummaryItem("nis-1") + "\n" + ShareToDfe("nis-1") + "\n");
  EXPECT_EQ(ReceiptOf(ofsted, "ofsted", "nis-1"), "not acknowledged");

  ofsted.SetListen("127.0.0.1:" + std::to_string(ofsted_port));
  dfe.SetListen("127.0.0.1:" + std::to_string(dfe_port));
  ofsted.SetFlags({"--node-user", "o.node", "--follow-interval-ms", "200"});
  dfe.SetFlags({"--node-user", "d.node", "--follow-interval-ms", "200"});
  ofsted.Start();
  dfe.Start();

  // DfE's node records the receipt from Ofsted's log; Ofsted's node sees it.
  EXPECT_TRUE(WaitFor(dfe, "dfe", "nis-1", "received from ofsted.e2e/log #"))
      << ReceiptOf(dfe, "dfe", "nis-1");
  EXPECT_TRUE(WaitFor(ofsted, "ofsted", "nis-1", "acknowledged by dfe (dfe.e2e/log #"))
      << ReceiptOf(ofsted, "ofsted", "nis-1");

  // DfE's node goes down; a share made meanwhile stays unacknowledged.
  ASSERT_EQ(dfe.Stop(), 0);
  Headers arc = ofsted.Login("o.arc");
  HttpResult peers = ofsted.Get("/api/v1/peers", arc);
  ASSERT_EQ(peers.status, 200) << peers.body;
  ASSERT_EQ(peers.Json().at("rows").as_array().size(), 1u);
  EXPECT_EQ(peers.Json().at("rows").at(0).at("origin"), "dfe.e2e/log");
  EXPECT_EQ(peers.Json().at("rows").at(0).at("vkey"), json::value(dfe_vkey));
  ASSERT_EQ(ofsted.Post("/api/v1/events", SummaryItem("nis-2"), arc).status, 201);
  ASSERT_EQ(ofsted.Post("/api/v1/events", ShareToDfe("nis-2"), arc).status, 201);
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  EXPECT_EQ(ReceiptOf(ofsted, "ofsted", "nis-2"), "not acknowledged");

  // Back up, it catches up: the copy extends, the receipt is recorded, and
  // Ofsted's node acknowledges it.
  dfe.Start();
  EXPECT_TRUE(WaitFor(dfe, "dfe", "nis-2", "received from ofsted.e2e/log #"));
  EXPECT_TRUE(WaitFor(ofsted, "ofsted", "nis-2", "acknowledged by dfe"));
  // Provenance shows both sides: the receipt on DfE's ledger, the
  // acknowledgement beside the share on Ofsted's.
  auto types = [](Server& node, const std::string& item) {
    std::string all;
    auto v = json::parse(node.Cli("--json provenance " + item));
    for (const auto& row : v.at("rows").as_array()) {
      all += std::string(row.at("type").as_string()) + " ";
    }
    return all;
  };
  EXPECT_EQ(types(dfe, "nis-1"), "share.received ");
  EXPECT_EQ(types(ofsted, "nis-1"), "item.registered share share.acknowledged ");
  // The web page shows the same column (signed in as Ofsted's IG staff).
  HttpResult page = ofsted.Get("/shared-with?party=ofsted", ofsted.Login("o.arc"));
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
  EXPECT_NE(page.body.find(">Receipt<"), std::string::npos);
  EXPECT_NE(page.body.find("acknowledged by dfe"), std::string::npos);
  // The first receipt was not recorded twice after the restart.
  auto at_dfe = json::parse(dfe.Cli("--json shared-with --party dfe"));
  EXPECT_EQ(at_dfe.at("rows").as_array().size(), 2u);

  // Each node's copy of the other verifies with the other's key alone.
  ASSERT_EQ(ofsted.Stop(), 0);
  ASSERT_EQ(dfe.Stop(), 0);
  for (const auto& [copy, vkey] : {std::pair{dfe.dir() + "/peers/ofsted", ofsted_vkey},
                                   std::pair{ofsted.dir() + "/peers/dfe", dfe_vkey}}) {
    std::string cmd = std::string(SHARETRAIL_BINARY_DIR) + "/sharetrail --ledger " + copy +
                      " verify --vkey " + vkey + " >" + dfe.Path("verify.out") + " 2>&1";
    EXPECT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 0) << Slurp(dfe.Path("verify.out"));
  }
}

}  // namespace
}  // namespace sharetrail::testing
