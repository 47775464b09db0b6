// Drives the real build/sharetraild: a ledger made with the real CLI (the
// agreements, users with passwords), the server started on 127.0.0.1 with
// an ephemeral port, a small HTTP/1.1 client, and a stop by SIGTERM.
#ifndef SHARETRAIL_TESTS_E2E_SERVER_SUPPORT_H_
#define SHARETRAIL_TESTS_E2E_SERVER_SUPPORT_H_

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "tests/fixtures/loopback.h"
#include "tests/testutil.h"

namespace sharetrail::testing {

inline const char* kPassword = "correct horse battery staple";

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
  boost::json::value Json() const {
    boost::json::error_code ec;
    auto v = boost::json::parse(body, ec);
    return ec ? boost::json::value(nullptr) : v;
  }
  std::string ErrorCode() const {
    auto v = Json();
    if (!v.is_object() || !v.as_object().contains("error")) return "";
    return std::string(v.at("error").at("code").as_string());
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// One request on a fresh connection (Connection: close); status 0 if the
// server could not be reached.
inline HttpResult Http(int port, const std::string& method, const std::string& target,
                       const std::string& body = "", const Headers& headers = {}) {
  HttpResult r;
  int fd = ConnectLoopback(port);
  if (fd < 0) return r;
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  bool typed = false;
  for (const auto& [k, v] : headers) {
    req += k + ": " + v + "\r\n";
    typed = typed || k == "Content-Type";
  }
  if (!body.empty() && !typed) req += "Content-Type: application/json\r\n";
  req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  for (size_t off = 0; off < req.size();) {
    ssize_t n = send(fd, req.data() + off, req.size() - off, MSG_NOSIGNAL);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
  std::string raw;
  char buf[65536];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  size_t end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || end == std::string::npos) return r;
  r.status = std::atoi(raw.c_str() + 9);
  size_t pos = raw.find("\r\n") + 2;
  while (pos < end) {
    size_t eol = raw.find("\r\n", pos);
    std::string line = raw.substr(pos, eol - pos);
    size_t colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
    pos = eol + 2;
  }
  r.body = raw.substr(end + 4);
  return r;
}

struct Account {
  std::string user, party, team, roles;
};

// A ledger with the real agreements and the given accounts, each with
// kPassword, and a running sharetraild serving it.
class Server {
 public:
  explicit Server(const std::vector<Account>& accounts, const std::vector<std::string>& flags = {},
                  const std::string& origin = "e2e.test/server") {
    dir_ = tmp_.Sub("ledger");
    Cli("init --origin " + origin);
    Cli("policy load --dir " + std::string(SHARETRAIL_SOURCE_DIR) +
        "/policies --as admin --party ofsted --team information-governance");
    Cli("user passwd admin --as admin", std::string(kPassword) + "\n");
    for (const Account& a : accounts) {
      Cli("user add " + a.user + " --party " + a.party + " --team " + a.team + " --roles " +
              a.roles + " --as admin --password-stdin",
          std::string(kPassword) + "\n");
    }
    flags_ = flags;
  }
  ~Server() { Stop(); }

  // Runs `sharetrail --ledger DIR args`; fails the test on a non-zero exit.
  std::string Cli(const std::string& args, const std::string& input = "", int want = 0) {
    std::string in = tmp_.Sub("stdin"), out = tmp_.Sub("stdout"), err = tmp_.Sub("stderr");
    std::ofstream(in, std::ios::binary) << input;
    std::string cmd = std::string(SHARETRAIL_BINARY_DIR) + "/sharetrail --ledger " + dir_ + " " +
                      args + " <" + in + " >" + out + " 2>" + err;
    int status = std::system(cmd.c_str());
    EXPECT_EQ(WEXITSTATUS(status), want) << args << "\n" << Slurp(err) << Slurp(out);
    return Slurp(out);
  }

  void Start() {
    std::string port_file = tmp_.Sub("port");
    std::remove(port_file.c_str());
    std::vector<std::string> args = {std::string(SHARETRAIL_BINARY_DIR) + "/sharetraild",
                                     "--ledger",
                                     dir_,
                                     "--listen",
                                     listen_,
                                     "--port-file",
                                     port_file,
                                     "--access-log",
                                     tmp_.Sub("access.log")};
    args.insert(args.end(), flags_.begin(), flags_.end());
    pid_ = fork();
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      int out = open(tmp_.Sub("server.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(out, 1);
      dup2(out, 2);
      execv(argv[0], argv.data());
      _exit(127);
    }
    // Bounded wait for the port file (the server writes it once listening).
    for (int i = 0; i < 600 && port_ == 0; ++i) {
      std::string p = Slurp(port_file);
      if (!p.empty()) port_ = std::atoi(p.c_str());
      if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_NE(port_, 0) << "sharetraild did not start: " << Slurp(tmp_.Sub("server.out"));
  }

  // SIGTERM and wait; returns the exit status (bounded: SIGKILL after ~60 s).
  int Stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 1200; ++i) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        port_ = 0;
        // A server that died on its own (a crash, a sanitizer report) says
        // why in its output; show it with the failing test.
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
          ADD_FAILURE() << "sharetraild exited abnormally (status " << status << "):\n"
                        << Slurp(tmp_.Sub("server.out"));
        }
        return status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    port_ = 0;
    return -1;
  }

  // SIGKILL, as a power cut or the OOM killer would; returns the wait status.
  int Kill() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    port_ = 0;
    return status;
  }

  // Where Start listens (default 127.0.0.1:0, any free port); nodes that
  // name each other in their configuration need ports fixed in advance.
  void SetListen(const std::string& listen) { listen_ = listen; }
  void SetFlags(const std::vector<std::string>& flags) { flags_ = flags; }
  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  std::string Path(const std::string& name) const { return tmp_.Sub(name); }

  HttpResult Get(const std::string& target, const Headers& h = {}) {
    return Http(port_, "GET", target, "", h);
  }
  HttpResult Post(const std::string& target, const std::string& body, const Headers& h = {}) {
    return Http(port_, "POST", target, body, h);
  }

  // Signs in; returns the headers a browser would send afterwards (cookie
  // and CSRF token).
  Headers Login(const std::string& user) {
    HttpResult r =
        Post("/api/v1/session", R"({"user":")" + user + R"(","password":")" + kPassword + "\"}");
    EXPECT_EQ(r.status, 201) << r.body;
    std::string cookie = r.headers["set-cookie"];
    cookie = cookie.substr(0, cookie.find(';'));
    std::string csrf = r.status == 201 ? std::string(r.Json().at("csrf").as_string()) : "";
    return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
  }

 private:
  TempDir tmp_;
  std::string dir_;
  std::vector<std::string> flags_;
  std::string listen_ = "127.0.0.1:0";
  pid_t pid_ = -1;
  int port_ = 0;
};

// An item.registered body owned by `owner`.
inline std::string ItemEvent(const std::string& item, const std::string& owner) {
  return R"({"type":"item.registered","body":{"item":")" + item +
         R"(","title":"Covering letter","kind":"letter","owner":")" + owner +
         R"(","category":"concerns_letter","classification":"official-sensitive",)"
         R"("safeguarding":true,"personal_data":true,"digest":")" +
         std::string(64, 'a') + R"("}})";
}

}  // namespace sharetrail::testing

#endif  // SHARETRAIL_TESTS_E2E_SERVER_SUPPORT_H_
