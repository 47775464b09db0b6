// Issue 9 through the real binary: `report annual` in its three formats,
// `bundle`, `verify-bundle` (no ledger) and tools/verify_bundle.py on the
// bundle, then a tampered copy that both verifiers reject, naming the file.
// The CLI stamps entries with the real clock, so the report is this year's.
#include <gtest/gtest.h>

#include "ledger/archive.h"
#include "tests/e2e/story_support.h"

namespace sharetrail::e2e {
namespace {

constexpr char kMou[] = "ofsted-dfe-notifiable-incidents";

class BundleCliTest : public StoryTest {
 protected:
  void SetUp() override {
    StoryTest::SetUp();
    if (HasFatalFailure()) return;
    year_ = std::to_string(TodayUtc().year);
    std::string lines;
    for (int i = 0; i < 3; ++i) {
      std::string id = "nis-" + std::to_string(i);
      lines += ItemLine(id, "spreadsheet", "ofsted", "notifiable_incident_summary",
                        {{"agreement", kMou}, {"fields", json::array{"reference_number"}}}) +
               ShareLine("o.arc", {json::value(id)}, "dfe", kMou, "safeguarding", "secure_platform",
                         {{"password_protected", true}});
    }
    for (const json::object& o : Record("o.arc", lines)) ASSERT_FALSE(Refused(o)) << o;
    // DfE passing Ofsted's summary on to CQC: refused, and recorded.
    std::vector<json::object> refused =
        Record("d.data",
               ShareLine("d.data", {json::value("nis-0")}, "cqc", kMou, "safeguarding", "email"));
    ASSERT_EQ(refused.size(), 1u);
    ASSERT_TRUE(Refused(refused[0]));
  }

  CmdResult Python(const std::string& path) {
    std::string out = tmp_.Sub("py.out");
    std::string cmd = "python3 " + std::string(SHARETRAIL_SOURCE_DIR) +
                      "/tools/verify_bundle.py --vkey '" + Vkey() + "' " + path + " >" + out +
                      " 2>&1";
    int status = std::system(cmd.c_str());
    return {WEXITSTATUS(status), Slurp(out), ""};
  }

  std::string Vkey() {
    std::string v = Cli("vkey").out;
    return v.substr(0, v.find('\n'));
  }

  std::string year_;
};

TEST_F(BundleCliTest, ReportInThreeFormats) {
  json::value report = Json("report annual --year " + year_ + " --format json");
  EXPECT_EQ(report.at("format"), "sharetrail-report-1");
  int64_t made = -1;
  for (const auto& f : report.at("figures").as_array()) {
    if (f.at("section") == "shares" && f.at("party") == "ofsted" && f.at("metric") == "made") {
      made = f.at("value").as_int64();
    }
  }
  EXPECT_EQ(made, 3);
  CmdResult csv = Cli("report annual --year " + year_ + " --format csv");
  EXPECT_EQ(csv.code, 0) << csv.err;
  EXPECT_NE(csv.out.find("shares," + std::string(kMou) + ",dfe,received,3,count,"),
            std::string::npos)
      << csv.out;
  std::string page = tmp_.Sub("report.html");
  EXPECT_EQ(Cli("report annual --year " + year_ + " -o " + page).code, 0);
  EXPECT_NE(Slurp(page).find("<svg"), std::string::npos);
  EXPECT_EQ(Cli("report annual --year " + year_ + " --format pdf").code, 2);
}

TEST_F(BundleCliTest, BundleVerifiesOfflineWithBothVerifiersAndTamperingIsNamed) {
  std::string path = tmp_.Sub("bundle.tar.gz");
  CmdResult made = Cli("bundle --year " + year_ + " -o " + path);
  ASSERT_EQ(made.code, 0) << made.err;
  std::string vkey = Vkey();
  // verify-bundle needs no ledger: run it with none.
  std::string bin = std::string(SHARETRAIL_BINARY_DIR) + "/sharetrail";
  std::string out = tmp_.Sub("verify.out");
  auto verify = [&](const std::string& file) {
    int status = std::system(
        (bin + " verify-bundle --vkey '" + vkey + "' " + file + " >" + out + " 2>&1").c_str());
    return CmdResult{WEXITSTATUS(status), Slurp(out), ""};
  };
  CmdResult ok = verify(path);
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("bundle verified"), std::string::npos) << ok.out;
  CmdResult py = Python(path);
  EXPECT_EQ(py.code, 0) << py.out;

  auto files = ReadTarGz(Slurp(path));
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  std::string victim;
  for (const auto& [name, content] : *files) {
    if (name.starts_with("entries/") && content.ends_with("\"type\":\"share\"}")) {
      victim = name;
    }
  }
  ASSERT_FALSE(victim.empty());
  std::string& bytes = (*files)[victim];
  size_t at = bytes.find("secure_platform");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 'S';
  std::string tampered = tmp_.Sub("tampered.tar.gz");
  std::ofstream(tampered, std::ios::binary) << *WriteTarGz(*files, 0);
  CmdResult bad = verify(tampered);
  EXPECT_EQ(bad.code, 1) << bad.out;
  EXPECT_NE(bad.out.find("MISMATCH: " + victim + ": SHA-256 does not match manifest.json"),
            std::string::npos)
      << bad.out;
  CmdResult py_bad = Python(tampered);
  EXPECT_EQ(py_bad.code, 1) << py_bad.out;
  EXPECT_NE(py_bad.out.find(victim + ": its inclusion proof does not lead"), std::string::npos)
      << py_bad.out;
  EXPECT_EQ(Cli("verify-bundle " + tmp_.Sub("missing.tar.gz")).code, 3);
}

}  // namespace
}  // namespace sharetrail::e2e
