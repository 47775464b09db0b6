// Drives the real sharetrail binary the way the README's tour does, and
// checks its proofs with the library's verifiers as an outsider would.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "ledger/base64.h"
#include "ledger/canonical_json.h"
#include "ledger/note.h"
#include "ledger/proof.h"
#include "tests/testutil.h"

namespace sharetrail {
namespace {

using testing::TempDir;

struct CmdResult {
  int code;
  std::string out, err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.Sub("ledger");
    CmdResult r = Cli("init --origin e2e.test/log");
    ASSERT_EQ(r.code, 0) << r.err;
    // Every CLI ledger is governed by the rule engine: put the real
    // agreements on it first. Entries before b_ are the directory.
    r = Cli("policy load --dir " + std::string(SHARETRAIL_SOURCE_DIR) +
            "/policies --as admin --party ofsted --team information-governance");
    ASSERT_EQ(r.code, 0) << r.err;
    b_ = OpenCheckpoint(Cli("checkpoint").out).size;
  }

  // seq of the i-th event appended by a test.
  std::string Seq(uint64_t i) { return std::to_string(b_ + i); }

  // Runs `sharetrail --ledger DIR args` with optional stdin text.
  CmdResult Cli(const std::string& args, const std::string& input = "") {
    std::string in = tmp_.Sub("stdin"), out = tmp_.Sub("stdout"), err = tmp_.Sub("stderr");
    std::ofstream(in, std::ios::binary) << input;
    std::string cmd = std::string(SHARETRAIL_BINARY_DIR) + "/sharetrail --ledger " + dir_ + " " +
                      args + " <" + in + " >" + out + " 2>" + err;
    int status = std::system(cmd.c_str());
    return {WEXITSTATUS(status), Slurp(out), Slurp(err)};
  }

  // n item registrations by the administrator, as JSON Lines.
  std::string Events(int n, int start = 0) {
    std::string s;
    for (int i = start; i < start + n; ++i) {
      s += R"({"actor":{"user":"admin"},"type":"item.registered","body":{"item":"letter-)" +
           std::to_string(1000 + i) +
           R"(","title":"Covering letter","kind":"letter","owner":"ofsted",)"
           R"("category":"concerns_letter","classification":"official-sensitive",)"
           R"("safeguarding":true,"personal_data":true,"digest":")" +
           std::string(64, 'a' + i % 6) + R"("}})" + "\n";
    }
    return s;
  }

  Checkpoint OpenCheckpoint(const std::string& note) {
    std::string vkey = Cli("vkey").out;
    vkey.pop_back();
    auto verifier = NoteVerifier::FromVkey(vkey);
    EXPECT_TRUE(verifier.ok());
    auto opened = OpenNote(note, {*verifier});
    EXPECT_TRUE(opened.ok()) << opened.status().ToString() << "\n" << note;
    return *Checkpoint::Parse(opened->text);
  }

  TempDir tmp_;
  std::string dir_;
  uint64_t b_ = 0;
};

TEST_F(CliTest, AppendShowCheckpointProveVerify) {
  CmdResult r = Cli("append -", Events(5));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("seq " + Seq(4) + ": allow item.registered"), std::string::npos) << r.out;

  CmdResult canonical = Cli("show --seq " + Seq(3) + " --canonical");
  ASSERT_EQ(canonical.code, 0);
  CmdResult shown = Cli("--json show --seq " + Seq(3));
  auto doc = ParseStrict(shown.out);
  ASSERT_TRUE(doc.ok()) << shown.out;
  EXPECT_EQ(doc->at("leaf_hash").as_string(), Base64(LeafHash(canonical.out)));
  EXPECT_EQ(*Canonicalize(doc->at("entry")), canonical.out);

  Checkpoint cp = OpenCheckpoint(Cli("checkpoint").out);
  EXPECT_EQ(cp.origin, "e2e.test/log");
  EXPECT_EQ(cp.size, b_ + 5);

  CmdResult proof = Cli("prove inclusion --seq " + Seq(3));
  ASSERT_EQ(proof.code, 0) << proof.err;
  auto inc = InclusionProof::FromJson(*ParseStrict(proof.out));
  ASSERT_TRUE(inc.ok()) << proof.out;
  EXPECT_EQ(inc->leaf_hash, LeafHash(canonical.out));
  EXPECT_TRUE(inc->Verify(cp.root).ok());

  Checkpoint cp2 = OpenCheckpoint(Cli("checkpoint --size " + Seq(2)).out);
  CmdResult cons = Cli("prove consistency --from " + Seq(2) + " --to " + Seq(5));
  ASSERT_EQ(cons.code, 0) << cons.err;
  auto con = ConsistencyProof::FromJson(*ParseStrict(cons.out));
  ASSERT_TRUE(con.ok());
  EXPECT_TRUE(con->Verify(cp2.root, cp.root).ok());
  EXPECT_FALSE(con->Verify(cp.root, cp2.root).ok());

  CmdResult v = Cli("verify");
  EXPECT_EQ(v.code, 0) << v.out << v.err;
  EXPECT_NE(v.out.find("ok: " + Seq(5) + " entries"), std::string::npos) << v.out;
  CmdResult vj = Cli("--json verify --deep");
  auto report = ParseStrict(vj.out);
  ASSERT_TRUE(report.ok()) << vj.out;
  EXPECT_TRUE(report->at("ok").as_bool());
  EXPECT_EQ(report->at("root").as_string(), Base64(cp.root));
}

TEST_F(CliTest, CheckVerifiesProofsOfflineWithOnlyTheVkey) {
  ASSERT_EQ(Cli("append -", Events(7)).code, 0);
  std::string vkey = Cli("vkey").out;
  vkey.pop_back();
  auto save = [&](const std::string& name, const std::string& args) {
    CmdResult r = Cli(args);
    EXPECT_EQ(r.code, 0) << args << ": " << r.err;
    std::ofstream(tmp_.Sub(name), std::ios::binary) << r.out;
    return tmp_.Sub(name);
  };
  std::string cp3 = save("cp3", "checkpoint --size " + Seq(3)), cp7 = save("cp7", "checkpoint");
  std::string inc = save("inc", "prove inclusion --seq " + Seq(5)),
              entry = save("e5", "show --seq " + Seq(5) + " --canonical");
  std::string con = save("con", "prove consistency --from " + Seq(3) + " --to " + Seq(7));
  std::string check = "check inclusion --vkey " + vkey + " --proof " + inc + " --checkpoint " + cp7;
  CmdResult ok = Cli(check + " --entry " + entry);
  EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("entry " + Seq(5) + " is in the tree of size " + Seq(7)), std::string::npos)
      << ok.out;
  EXPECT_EQ(Cli("check consistency --vkey " + vkey + " --proof " + con + " --old " + cp3 +
                " --new " + cp7)
                .code,
            0);
  // The wrong entry, the wrong checkpoint, swapped checkpoints, another key.
  std::string e4 = save("e4", "show --seq " + Seq(4) + " --canonical");
  EXPECT_EQ(Cli(check + " --entry " + e4).code, 1);
  EXPECT_EQ(Cli("check inclusion --vkey " + vkey + " --proof " + inc + " --checkpoint " + cp3).code,
            1);
  EXPECT_EQ(Cli("check consistency --vkey " + vkey + " --proof " + con + " --old " + cp7 +
                " --new " + cp3)
                .code,
            1);
  // A checkpoint from another ledger with the same origin but its own key.
  std::string bin =
      std::string(SHARETRAIL_BINARY_DIR) + "/sharetrail --ledger " + tmp_.Sub("other");
  ASSERT_EQ(std::system((bin + " init --origin e2e.test/log >/dev/null").c_str()), 0);
  ASSERT_EQ(std::system((bin + " vkey >" + tmp_.Sub("other.vkey")).c_str()), 0);
  std::string other_vkey = Slurp(tmp_.Sub("other.vkey"));
  other_vkey.pop_back();
  CmdResult forged =
      Cli("check inclusion --vkey " + other_vkey + " --proof " + inc + " --checkpoint " + cp7);
  EXPECT_EQ(forged.code, 1) << forged.out << forged.err;
  EXPECT_NE(forged.out.find("FAILED"), std::string::npos) << forged.out;
}

TEST_F(CliTest, CanonPrintsRfc8785Form) {
  CmdResult r = Cli("canon", R"({ "b" : 1, "a" : [true, null, "\u00e9\n"] })");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"a\":[true,null,\"é\\n\"],\"b\":1}\n");
  CmdResult bad = Cli("canon", R"({"a":1.5})");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("offset"), std::string::npos) << bad.err;
}

TEST_F(CliTest, BadInputChangesNothingAndSaysWhere) {
  ASSERT_EQ(Cli("append -", Events(2)).code, 0);
  std::string input = Events(1, 10) +
                      R"({"actor":{"user":"x"},"type":"share","body":{"a":1,"a":2}})"
                      "\n";
  CmdResult r = Cli("append -", input);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("-:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("duplicate"), std::string::npos) << r.err;
  EXPECT_EQ(OpenCheckpoint(Cli("checkpoint").out).size, b_ + 2) << "nothing may be half-imported";

  EXPECT_EQ(Cli("show --seq 999").code, 3);
  EXPECT_EQ(Cli("prove inclusion --seq " + Seq(2)).code, 2);
  EXPECT_EQ(Cli("prove consistency --from 0 --to 2").code, 2);
  CmdResult json_err = Cli("--json show --seq 999");
  auto err = ParseStrict(json_err.err);
  ASSERT_TRUE(err.ok()) << json_err.err;
  EXPECT_EQ(err->at("error").at("code").as_string(), "not found");
}

TEST_F(CliTest, VerifyFailsWithTheSeqAfterTampering) {
  ASSERT_EQ(Cli("append -", Events(8)).code, 0);
  std::string path = dir_ + "/data.mdb";
  std::string data = Slurp(path);
  std::string needle = "letter-1006";
  size_t n = 0;
  for (size_t p = data.find(needle); p != std::string::npos; p = data.find(needle, p + 1), ++n) {
    data[p + 10] = '7';
  }
  ASSERT_GE(n, 1u);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
  CmdResult v = Cli("verify");
  EXPECT_EQ(v.code, 1);
  EXPECT_NE(v.out.find("FAILED at seq " + Seq(6)), std::string::npos) << v.out;
}

}  // namespace
}  // namespace sharetrail
