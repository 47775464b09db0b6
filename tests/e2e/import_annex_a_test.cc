// Issue 13: `sharetrail import annex-a FILE.csv --as USER` through the real
// binary: the example spreadsheet is imported and sent, visible in
// `incidents daily`; a bad file is reported row by row and changes nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "tests/e2e/story_support.h"
#include "tests/testutil.h"

namespace sharetrail::e2e {
namespace {

namespace json = boost::json;

class ImportAnnexATest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Run("init --origin e2e.test/import"), 0) << err_;
    ASSERT_EQ(Run("policy load --dir " + std::string(SHARETRAIL_SOURCE_DIR) +
                  "/policies --as admin --party ofsted --team information-governance"),
              0)
        << err_;
    std::ofstream(tmp_.Sub("users.jsonl"))
        << R"({"type":"user.registered","body":{"user":"arc.analyst","party":"ofsted","team":"arc","roles":["staff"]}})"
        << "\n";
    ASSERT_EQ(Run("record --as admin " + tmp_.Sub("users.jsonl")), 0) << err_;
  }

  int Run(const std::string& args, std::string* out = nullptr) {
    std::string o = tmp_.Sub("out"), e = tmp_.Sub("err");
    std::string cmd = std::string(SHARETRAIL_BINARY_DIR) + "/sharetrail --ledger " +
                      tmp_.Sub("ledger") + " " + args + " >" + o + " 2>" + e + " </dev/null";
    int status = std::system(cmd.c_str());
    if (out != nullptr) *out = Slurp(o);
    err_ = Slurp(e);
    return WEXITSTATUS(status);
  }
  std::string Size() {
    std::string out;
    EXPECT_EQ(Run("checkpoint", &out), 0);
    return out.substr(0, out.find('\n', out.find('\n') + 1));
  }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(tmp_.Sub(name), std::ios::binary) << text;
    return tmp_.Sub(name);
  }

  sharetrail::testing::TempDir tmp_;
  std::string err_;
};

const std::string kExample =
    std::string(SHARETRAIL_SOURCE_DIR) + "/docs/examples/annex-a-2026-11-19.csv";

TEST_F(ImportAnnexATest, ExampleImportedAndSent) {
  std::string out;
  ASSERT_EQ(Run("--json import annex-a " + kExample + " --as arc.analyst", &out), 0) << err_;
  EXPECT_EQ(err_, "") << "no progress bar when stderr is not a terminal";
  json::object r = json::parse(out).as_object();
  EXPECT_EQ(r.at("imported"), 3);
  ASSERT_EQ(Run("--json incidents daily", &out), 0) << err_;
  json::object daily = json::parse(out).as_object();
  json::array rows = daily.at("rows").as_array();
  ASSERT_EQ(rows.size(), 1u) << out;
  EXPECT_EQ(rows[0].at("to"), "dfe");
  EXPECT_EQ(rows[0].at("method"), "secure_platform");
  EXPECT_EQ(rows[0].at("password_protected"), true);
  std::string sheet(rows[0].at("items").as_array()[0].as_string());
  EXPECT_EQ(sheet.rfind("annex-a-spreadsheet-", 0), 0u) << sheet;
  // Each row is an item: its values stay off the chain, their digest on it.
  ASSERT_EQ(Run("--json provenance annex-a-row-sin-2026-4412", &out), 0) << err_;
  EXPECT_EQ(json::parse(out).at("rows").as_array().size(), 1u) << out;
  ASSERT_EQ(Run("verify", &out), 0) << out << err_;
  EXPECT_EQ(Slurp(tmp_.Sub("ledger") + "/data.mdb").find("Hollowmere Primary"), std::string::npos);

  // The same file again: every row already there, nothing appended.
  std::string before = Size();
  EXPECT_EQ(Run("import annex-a " + kExample + " --as arc.analyst"), 2);
  EXPECT_NE(err_.find("this file was imported before"), std::string::npos) << err_;
  EXPECT_NE(err_.find("row 2, column \"Reference number\": \"SIN-2026-4411\" is already on the "
                      "ledger as item annex-a-row-sin-2026-4411"),
            std::string::npos)
      << err_;
  EXPECT_EQ(Size(), before);
}

TEST_F(ImportAnnexATest, InvalidFileChangesNothing) {
  std::string before = Size();
  std::string bad = Write("bad.csv",
                          "Reference number,Local authority,Age,Date notification was received,"
                          "Nature of notification\r\n"
                          "SIN-1,Northshire,4,19/11/2026,Serious injury\r\n"
                          "SIN-2,Eastmere,forty,19/11/2026,\r\n"
                          "SIN-3,Westwold,4,30/02/2026,Serious injury\r\n");
  EXPECT_EQ(Run("import annex-a " + bad + " --as arc.analyst"), 2);
  EXPECT_NE(err_.find("row 3, column \"Age\": \"forty\" is not an age"), std::string::npos) << err_;
  EXPECT_NE(err_.find("row 3, column \"Nature of notification\": is empty (required)"),
            std::string::npos)
      << err_;
  EXPECT_NE(err_.find("row 4, column \"Date notification was received\""), std::string::npos)
      << err_;
  EXPECT_NE(err_.find("3 problems; nothing was imported"), std::string::npos) << err_;
  EXPECT_EQ(Size(), before) << "the valid row was not imported either";

  std::string broken = Write("broken.csv", "Reference number,\"Local authority\nSIN-1,x\n");
  EXPECT_EQ(Run("import annex-a " + broken + " --as arc.analyst"), 2);
  EXPECT_NE(err_.find("line 1, field 2: a quoted field is never closed"), std::string::npos)
      << err_;
  EXPECT_EQ(Size(), before);
  std::string out;
  ASSERT_EQ(Run("--json incidents daily", &out), 0);
  EXPECT_TRUE(json::parse(out).at("rows").as_array().empty()) << out;
}

// Sent the wrong way, the share is refused by the engine and the refusal
// recorded; the rows themselves are registered.
TEST_F(ImportAnnexATest, PlainEmailIsRefusedAndRecorded) {
  std::string csv = Write("email.csv",
                          "\xEF\xBB\xBFReference number,Local authority,"
                          "Date notification was received,Nature of notification\r\n"
                          "SIN-9,Northshire,2026-11-19,\"Injury, serious\"\r\n");
  std::string out;
  EXPECT_EQ(Run("import annex-a " + csv + " --as arc.analyst --method email --unprotected", &out),
            1);
  EXPECT_NE(out.find("refuse share (recorded as refused)"), std::string::npos) << out;
  EXPECT_NE(out.find("daily-summary.method"), std::string::npos) << out;
  EXPECT_NE(out.find("daily-summary.password"), std::string::npos) << out;
  ASSERT_EQ(Run("--json refusals --rule daily-summary.password", &out), 0) << err_;
  EXPECT_EQ(json::parse(out).at("rows").as_array().size(), 1u) << out;
}

}  // namespace
}  // namespace sharetrail::e2e
