// Share receipts between two nodes (policies/receipts.h, issue 12): Ofsted's
// node records a share to DfE; DfE's node records the receipt from Ofsted's
// signed log; Ofsted's node records DfE's acknowledgement from DfE's log.
// Evidence the peer's registered key and proof do not bear out is refused
// and recorded. Rules cite seed 000 §11 and §13.
#include "policies/receipts.h"

#include <boost/json.hpp>

#include "policies/follow.h"
#include "policies/queries.h"
#include "tests/policies/rules/holds_fixture.h"

namespace sharetrail::policy::testing {
namespace {

// One node: a ledger of its own origin with the same directory and
// agreements, plus a node service account for `party`.
class Node : public HoldsTest {
 public:
  Node(const std::string& origin, const std::string& node_user, const std::string& party,
       const std::string& team)
      : user_(node_user), party_(party), team_(team) {
    origin_ = origin;
  }
  void Start() {
    SetUp();
    ASSERT_TRUE(
        Record(
            "admin", "user.registered",
            {{"user", user_}, {"party", party_}, {"team", team_}, {"roles", json::array{"node"}}})
            .allowed());
  }
  void TestBody() override {}
  Ledger& ledger() { return *ledger_; }
  using HoldsTest::ExpectRefusedOnLedger;
  using HoldsTest::SendToDfe;
  using HoldsTest::Summary;
  using PolicyTest::Record;
  using PolicyTest::Size;

  // Registers `other` as the node speaking for `party`.
  void Trust(const std::string& party, Node& other) {
    Recorded r = Record("admin", "peer.registered",
                        {{"party", party},
                         {"origin", other.origin_},
                         {"vkey", other.ledger_->verifier().Vkey()},
                         {"url", "http://127.0.0.1:1/"}});
    ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  }
  // Entry seq of this node's log as a peer would carry it.
  json::object Evidence(const std::string& peer, uint64_t seq) {
    uint64_t size = Size();
    auto proof = ledger_->ProveInclusion(seq, size);
    auto cp = ledger_->SignedCheckpoint(size);
    EXPECT_TRUE(proof.ok() && cp.ok());
    return EvidenceBody(peer, EntryAt(seq), *proof, *cp);
  }
  Entry Decoded(uint64_t seq) {
    auto bytes = ledger_->EntryBytes(seq);
    auto e = DecodeEntry(*bytes);
    EXPECT_TRUE(e.ok());
    return *e;
  }
  std::optional<std::string> ReceiptOf(const std::string& peer, const Entry& e) {
    auto snap = ledger_->Read();
    auto r = ReceiptFor(**snap, party_, peer, e);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::nullopt;
  }
  json::array Shares(const std::string& party) {
    auto snap = ledger_->Read();
    ShareFilter f;
    f.party = party;
    auto t = SharedWith(**snap, f);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? t->rows : json::array();
  }
  Recorded Receive(const std::string& type, json::object body) {
    return Record(user_, type, std::move(body));
  }

  std::string user_, party_, team_;
};

class ReceiptsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ofsted.Start();
    dfe.Start();
    ofsted.Trust("dfe", dfe);
    dfe.Trust("ofsted", ofsted);
    ASSERT_TRUE(ofsted.Summary("nis-2025-03-03").allowed());
    Recorded share = ofsted.SendToDfe("nis-2025-03-03");
    ASSERT_TRUE(share.allowed()) << share.Findings();
    share_seq = share.seq;
  }

  Node ofsted{"ofsted.node.test/log", "o.node", "ofsted", "information-governance"};
  Node dfe{"dfe.node.test/log", "d.node", "dfe", "information-governance"};
  uint64_t share_seq = 0;
};

TEST_F(ReceiptsTest, ReceiptAndAcknowledgementBothWays) {
  // Before DfE's node has said anything, Ofsted's share is flagged.
  json::array before = ofsted.Shares("ofsted");
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(Str(before[0].as_object(), "receipt"), "not acknowledged");

  // DfE's node sees the share in Ofsted's log and records the receipt.
  EXPECT_EQ(dfe.ReceiptOf("ofsted", ofsted.Decoded(share_seq)), "share.received");
  Recorded got = dfe.Receive("share.received", ofsted.Evidence("ofsted", share_seq));
  ASSERT_TRUE(got.allowed()) << got.status.ToString() << got.Findings();
  EXPECT_EQ(dfe.ReceiptOf("ofsted", ofsted.Decoded(share_seq)), std::nullopt)
      << "a receipt already recorded must not be proposed again";
  json::array at_dfe = dfe.Shares("dfe");
  ASSERT_EQ(at_dfe.size(), 1u);
  EXPECT_EQ(Str(at_dfe[0].as_object(), "from"), "ofsted");
  EXPECT_EQ(Str(at_dfe[0].as_object(), "receipt"),
            "received from ofsted.node.test/log #" + std::to_string(share_seq));

  // Ofsted's node sees the receipt in DfE's log and records it.
  EXPECT_EQ(ofsted.ReceiptOf("dfe", dfe.Decoded(got.seq)), "share.acknowledged");
  Recorded ack = ofsted.Receive("share.acknowledged", dfe.Evidence("dfe", got.seq));
  ASSERT_TRUE(ack.allowed()) << ack.status.ToString() << ack.Findings();
  json::array after = ofsted.Shares("ofsted");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(Str(after[0].as_object(), "receipt"),
            "acknowledged by dfe (dfe.node.test/log #" + std::to_string(got.seq) + ")");

  // Recording either again is malformed and appends nothing.
  uint64_t size = dfe.Size();
  Recorded again = dfe.Receive("share.received", ofsted.Evidence("ofsted", share_seq));
  EXPECT_FALSE(again.status.ok());
  EXPECT_NE(again.status.message().find("already received"), std::string::npos);
  EXPECT_EQ(dfe.Size(), size);
}

TEST_F(ReceiptsTest, TamperedEvidenceIsRefusedAndRecorded) {
  // 000 §11: what the sender's signed log does not bear out is no receipt.
  json::object body = ofsted.Evidence("ofsted", share_seq);
  body["entry"].as_object()["body"].as_object()["to_team"] = "safeguarding-data";
  Recorded r = dfe.Receive("share.received", body);
  dfe.ExpectRefusedOnLedger(r, "share.received", "receipt.evidence", kSeed000);

  // A checkpoint signed by a key other than the registered one.
  json::object forged = dfe.Evidence("ofsted", 0);
  Recorded wrong_key = dfe.Receive("share.received", forged);
  ASSERT_TRUE(wrong_key.refused());
  EXPECT_TRUE(wrong_key.Has("receipt.evidence")) << wrong_key.Findings();

  // An entry of Ofsted's log that is not a share.
  Recorded not_share = dfe.Receive("share.received", ofsted.Evidence("ofsted", share_seq - 1));
  ASSERT_TRUE(not_share.refused());
  EXPECT_TRUE(not_share.Has("receipt.evidence")) << not_share.Findings();
}

TEST_F(ReceiptsTest, OnlyTheRecipientsNodeAcknowledges) {
  // An IG officer is not the node: receipts are the node's to record.
  Recorded by_person = dfe.Record("d.ig", "share.received", ofsted.Evidence("ofsted", share_seq));
  ASSERT_TRUE(by_person.refused());
  EXPECT_TRUE(by_person.Has("scope.role")) << by_person.Findings();

  // Ofsted's own node cannot receive a share Ofsted made to DfE (000 §13:
  // the receiving account is the recipient's).
  dfe.Trust("ofsted", ofsted);
  Recorded self = ofsted.Receive("share.received", ofsted.Evidence("ofsted", share_seq));
  EXPECT_FALSE(self.status.ok()) << "body.peer naming the node's own party is malformed";
}

TEST_F(ReceiptsTest, AcknowledgementMustBeOfOurShare) {
  // DfE's receipt of the share, then an acknowledgement whose receipt is
  // not of a share Ofsted recorded: DfE's entry for its own node user.
  Recorded got = dfe.Receive("share.received", ofsted.Evidence("ofsted", share_seq));
  ASSERT_TRUE(got.allowed()) << got.Findings();
  Recorded not_receipt = ofsted.Receive("share.acknowledged", dfe.Evidence("dfe", got.seq - 1));
  ASSERT_TRUE(not_receipt.refused());
  EXPECT_TRUE(not_receipt.Has("receipt.evidence")) << not_receipt.Findings();
}

// The node loop's step (follow.h): each side reads the other's log and
// records what it calls for, once, however often it reads.
TEST_F(ReceiptsTest, FollowingEachOthersLogRecordsEachReceiptOnce) {
  auto got = FollowPeer(dfe.ledger(), "d.node", "ofsted", ofsted.ledger(), 0);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->received, 1u);
  EXPECT_EQ(got->refused, 0u);
  EXPECT_EQ(got->next, ofsted.Size());
  auto again = FollowPeer(dfe.ledger(), "d.node", "ofsted", ofsted.ledger(), 0);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->received, 0u) << "a second pass must not record the receipt twice";

  auto ack = FollowPeer(ofsted.ledger(), "o.node", "dfe", dfe.ledger(), 0);
  ASSERT_TRUE(ack.ok()) << ack.status().ToString();
  EXPECT_EQ(ack->acknowledged, 1u);
  EXPECT_EQ(Str(ofsted.Shares("ofsted")[0].as_object(), "receipt").rfind("acknowledged by dfe", 0),
            0u);
  // DfE's node reading Ofsted's log again finds the acknowledgement, which
  // calls for nothing on its side.
  auto quiet = FollowPeer(dfe.ledger(), "d.node", "ofsted", ofsted.ledger(), 0);
  ASSERT_TRUE(quiet.ok());
  EXPECT_EQ(quiet->received + quiet->acknowledged + quiet->refused, 0u);

  // A copy of some other log under the peer's name is refused outright.
  auto wrong = FollowPeer(dfe.ledger(), "d.node", "ofsted", dfe.ledger(), 0);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("not of ofsted's log"), std::string::npos);
}

}  // namespace
}  // namespace sharetrail::policy::testing
