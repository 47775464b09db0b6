// What the fault tests share: running the real sharetrail binary against any
// directory, reading its --json answers, and a ledger served by the real
// sharetraild (tests/e2e/server_support.h) with a bearer token for writers.
#ifndef SHARETRAIL_TESTS_FAULT_FAULT_SUPPORT_H_
#define SHARETRAIL_TESTS_FAULT_FAULT_SUPPORT_H_

#include <sys/stat.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <fstream>
#include <string>

#include "tests/e2e/server_support.h"

namespace sharetrail::testing {

struct CliRun {
  int code = -1;
  std::string out, err;
  boost::json::value Json() const {
    boost::json::error_code ec;
    auto v = boost::json::parse(out, ec);
    return ec ? boost::json::value(nullptr) : v;
  }
};

// Runs `build/sharetrail ARGS` with stdin, stdout and stderr in scratch
// files under tmp.
inline CliRun Sharetrail(const TempDir& tmp, const std::string& args,
                         const std::string& input = "") {
  std::string in = tmp.Sub("cli.in"), out = tmp.Sub("cli.out"), err = tmp.Sub("cli.err");
  std::ofstream(in, std::ios::binary) << input;
  std::string cmd = std::string(SHARETRAIL_BINARY_DIR) + "/sharetrail " + args + " <" + in + " >" +
                    out + " 2>" + err;
  int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(out), Slurp(err)};
}

// Permission bits of a path, or -1 if it does not exist.
inline int ModeOf(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? static_cast<int>(st.st_mode & 07777) : -1;
}

// Issues a bearer token for `user` on a server's ledger (before Start).
inline std::string IssueToken(Server& server, const std::string& user) {
  std::string token = server.Cli("user token issue " + user + " --as admin");
  token = token.substr(token.find("token: ") + 7);
  return token.substr(0, token.find('\n'));
}

// Posts an item.registered event; the seq, or -1 if it was not acknowledged.
inline int64_t PostItem(int port, const std::string& token, const std::string& item) {
  HttpResult r = Http(port, "POST", "/api/v1/events", ItemEvent(item, "ofsted"),
                      {{"Authorization", "Bearer " + token}});
  return r.status == 201 ? r.Json().at("seq").to_number<int64_t>() : -1;
}

}  // namespace sharetrail::testing

#endif  // SHARETRAIL_TESTS_FAULT_FAULT_SUPPORT_H_
