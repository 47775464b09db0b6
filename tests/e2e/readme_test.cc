// Doc-tests (issue 13): every ```console transcript in README.md is run, in
// order, against a fresh ledger in a scratch directory, and must print what
// the README shows. Only what must vary between runs is normalised: the
// times the ledger stamps, base64 hashes, keys and signatures, and key ids.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/testutil.h"

namespace sharetrail::e2e {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

struct Step {
  int line;  // in README.md
  std::string command, expected;
};

std::vector<Step> Transcripts(const std::string& readme) {
  std::vector<Step> steps;
  std::istringstream in(readme);
  std::string line;
  bool in_block = false;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!in_block) {
      in_block = line == "```console";
    } else if (line == "```") {
      in_block = false;
    } else if (line.rfind("$ ", 0) == 0) {
      steps.push_back({n, line.substr(2), ""});
    } else if (!steps.empty()) {
      steps.back().expected += line + "\n";
    } else {
      ADD_FAILURE() << "README.md:" << n << ": output before any command";
    }
  }
  EXPECT_FALSE(in_block) << "README.md ends inside a ```console block";
  return steps;
}

std::string Normalise(std::string s) {
  static const std::regex kTime(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)");
  static const std::regex kBase64(R"([A-Za-z0-9+/]{40,}={0,2})");
  static const std::regex kKeyId(R"(\+[0-9a-f]{8}\+)");
  static const std::regex kTrailing(R"([ \t]+\n)");
  s = std::regex_replace(s, kTime, "<time>");
  s = std::regex_replace(s, kBase64, "<base64>");
  s = std::regex_replace(s, kKeyId, "+<keyid>+");
  return std::regex_replace(s, kTrailing, "\n");
}

TEST(ReadmeTest, TranscriptsPrintWhatTheReadmeShows) {
  const std::string source = SHARETRAIL_SOURCE_DIR;
  std::vector<Step> steps = Transcripts(Slurp(source + "/README.md"));
  ASSERT_GE(steps.size(), 15u) << "the tour's transcripts went missing";
  sharetrail::testing::TempDir tmp;
  namespace fs = std::filesystem;
  fs::create_directory(tmp.Sub("bin"));
  fs::create_symlink(std::string(SHARETRAIL_BINARY_DIR) + "/sharetrail", tmp.Sub("bin/sharetrail"));
  fs::create_directory_symlink(source + "/policies", tmp.Sub("policies"));
  fs::create_directory_symlink(source + "/docs", tmp.Sub("docs"));
  const std::string script = tmp.Sub(".step.sh"), out = tmp.Sub(".step.out");
  for (const Step& step : steps) {
    std::ofstream(script) << step.command << " 2>&1\n";
    std::string cmd = "cd " + tmp.path() + " && PATH=" + tmp.Sub("bin") +
                      ":\"$PATH\" LC_ALL=C.UTF-8 sh " + script + " >" + out;
    int status = std::system(cmd.c_str());
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    std::string actual = Slurp(out);
    while (!actual.empty() && actual.back() == '\n') actual.pop_back();
    if (!actual.empty()) actual += "\n";
    if (code != 0) actual += "[exit " + std::to_string(code) + "]\n";
    EXPECT_EQ(Normalise(actual), Normalise(step.expected))
        << "README.md:" << step.line << ": $ " << step.command;
  }
}

// The normalisation is narrow: a changed count, id or word still fails.
TEST(ReadmeTest, NormalisationKeepsWhatMustNotVary) {
  EXPECT_EQ(Normalise("537  2026-11-26T20:24:42.467762Z  share  "
                      "AY+YSuocwzO3n4aWAVCkwadoKd+h6cmUlsnLCn/FsVs=\n"),
            "537  <time>  share  <base64>\n");
  EXPECT_NE(Normalise("ok: 1792 entries\n"), Normalise("ok: 1793 entries\n"));
  EXPECT_NE(Normalise("2026-11-26\n"), Normalise("2026-11-27\n"));
  EXPECT_NE(Normalise("annex-a-spreadsheet-64a72ff0fc640272\n"),
            Normalise("annex-a-spreadsheet-64a72ff0fc640273\n"));
}

}  // namespace
}  // namespace sharetrail::e2e
