// A realistic ledger for the fuzz targets that need state (http_fuzz,
// event_fuzz): the demo story up to its tenth of January (cli/demo_story.h), recorded by
// the real CLI into a scratch directory once per process, plus an auditor
// and API tokens for a few of its users. Removed when the process exits.
//
// Built once per process because recording takes seconds; every input then
// runs against the same ledger, which grows as inputs are accepted (as a
// server's would).
#ifndef SHARETRAIL_TESTS_FUZZ_DEMO_FIXTURE_H_
#define SHARETRAIL_TESTS_FUZZ_DEMO_FIXTURE_H_

#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

namespace sharetrail::fuzz {

// SHARETRAIL_CLI and SHARETRAIL_SOURCE_DIR come from tests/fuzz/CMakeLists.txt.
class DemoLedger {
 public:
  // Users the targets act as, each with an API token: an IG officer of
  // Ofsted, an FOI officer of DfE, the administrator and an auditor.
  static constexpr const char* kUsers[] = {"ofsted.ig.vance", "dfe.foi.pell", "admin",
                                           "audit.fuzz"};

  static const DemoLedger& Get() {
    static const DemoLedger* d = new DemoLedger();
    return *d;
  }
  const std::string& dir() const { return dir_; }
  // The bearer token of one of kUsers.
  const std::string& Token(const std::string& user) const { return tokens_.at(user); }

 private:
  DemoLedger() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "sharetrail-fuzz-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) Die("mkdtemp " + tmpl);
    root_ = tmpl;
    dir_ = root_ + "/ledger";
    std::atexit([] { std::filesystem::remove_all(Get().root_); });
    // The demo reads the agreements from policies/ under the working directory.
    std::filesystem::current_path(SHARETRAIL_SOURCE_DIR);
    Run("demo --record --year 2025 --until 2025-01-10");
    Run("user add audit.fuzz --party ofsted --team information-governance --roles auditor --as "
        "admin");
    for (const char* user : kUsers) {
      std::string out = Run(std::string("user token issue ") + user + " --as admin");
      size_t at = out.find("token: ");
      if (at == std::string::npos) Die("no token in: " + out);
      tokens_[user] = out.substr(at + 7, out.find('\n', at) - at - 7);
    }
  }

  std::string Run(const std::string& args) {
    std::string cmd = std::string(SHARETRAIL_CLI) + " --ledger " + dir_ + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (p == nullptr) Die("popen " + cmd);
    std::string out;
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    if (pclose(p) != 0) Die(cmd + "\n" + out);
    return out;
  }

  [[noreturn]] static void Die(const std::string& what) {
    std::fprintf(stderr, "fuzz fixture: %s\n", what.c_str());
    std::abort();
  }

  std::string root_, dir_;
  std::map<std::string, std::string> tokens_;
};

}  // namespace sharetrail::fuzz

#endif  // SHARETRAIL_TESTS_FUZZ_DEMO_FIXTURE_H_
