// sharetraild: the HTTP/JSON server. Serves one ledger until SIGTERM or
// SIGINT, then stops accepting, finishes the requests in flight and closes
// the ledger (whose destructor drains queued appends).
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "api/app.h"
#include "api/http.h"
#include "api/peer_follower.h"
#include "ui/layout.h"
#include "ui/ui.h"

namespace {

using sharetrail::Status;

struct Flags {
  std::string ledger, listen = "127.0.0.1:8080", tls_cert, tls_key, config, access_log, port_file,
                      assets, witness_config, witness_policy, witness_ca_file;
  std::string node_user, peer_ca_file;
  int follow_interval_ms = 5000;
  int threads = 16;
  size_t max_body = 1 << 20;
  int request_timeout_ms = 30000;
};

// The config file: "key = value" lines with the long flags' names; '#'
// starts a comment. Flags on the command line win.
Status ReadConfig(const std::string& path, CLI::App& app) {
  std::ifstream in(path);
  if (!in) return sharetrail::NotFound("--config: cannot read " + path);
  std::string line;
  int n = 0;
  std::vector<std::string> args;
  while (std::getline(in, line)) {
    ++n;
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    size_t eq = line.find('=');
    auto trim = [](std::string s) {
      size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
      return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
    };
    if (trim(line).empty()) continue;
    if (eq == std::string::npos) {
      return sharetrail::InvalidArgument(path + ":" + std::to_string(n) + ": expected key = value");
    }
    std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    CLI::Option* opt = app.get_option_no_throw("--" + key);
    if (opt == nullptr || key == "config") {
      return sharetrail::InvalidArgument(path + ":" + std::to_string(n) + ": unknown key \"" + key +
                                         "\"");
    }
    if (opt->count() == 0) {
      opt->clear();
      opt->add_result(value);
      opt->run_callback();
    }
  }
  return Status::Ok();
}

// dir/name where dir holds the running executable (/proc/self/exe).
std::string BesideBinary(const std::string& name) {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? name : (exe.parent_path() / name).string();
}

int Fail(const Status& s) {
  std::cerr << "sharetraild: " << s.ToString() << "\n";
  return s.code() == sharetrail::Code::kInvalidArgument ? 2 : 3;
}

}  // namespace

int main(int argc, char** argv) {
  Flags f;
  CLI::App app{"sharetraild: the sharetrail HTTP/JSON API server"};
  app.add_option("--ledger", f.ledger, "Ledger directory")->required();
  app.add_option("--listen", f.listen, "HOST:PORT to listen on (port 0: any free port)");
  app.add_option("--tls-cert", f.tls_cert, "TLS certificate (PEM)");
  app.add_option("--tls-key", f.tls_key, "TLS private key (PEM)");
  app.add_option("--config", f.config, "Config file of key = value lines (flag names)");
  app.add_option("--access-log", f.access_log, "Access log file (default: stderr)");
  app.add_option("--port-file", f.port_file, "Write the bound port to this file once listening");
  app.add_option("--assets", f.assets,
                 "Directory of the web pages' static files (default: ui-assets beside the binary)");
  app.add_option("--node-user", f.node_user,
                 "Follow the registered peers' logs and record receipts as this account (role "
                 "node)");
  app.add_option("--follow-interval-ms", f.follow_interval_ms, "How often peers are read")
      ->check(CLI::Range(100, 3600000));
  app.add_option("--peer-ca-file", f.peer_ca_file, "CA certificates (PEM) trusted for https peers");
  app.add_option("--threads", f.threads, "Request threads")->check(CLI::Range(1, 1024));
  app.add_option("--max-body", f.max_body, "Largest request body in bytes (413 above)");
  app.add_option("--request-timeout-ms", f.request_timeout_ms,
                 "Longest a client may take to send a request or read its answer")
      ->check(CLI::Range(100, 3600000));
  app.add_option("--witness-config", f.witness_config,
                 "Witness other parties' logs: a file of \"log <origin> <vkey>\" lines");
  app.add_option("--witness-policy", f.witness_policy,
                 "Submit this ledger's checkpoints to the witnesses of this policy file");
  app.add_option("--witness-ca-file", f.witness_ca_file,
                 "CA certificates (PEM) trusted for https witness URLs");
  try {
    app.parse(argc, argv);
    if (!f.config.empty()) {
      Status s = ReadConfig(f.config, app);
      if (!s.ok()) return Fail(s);
    }
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  // Block the stop signals before any thread starts, so every thread
  // inherits the mask and only sigwait below receives them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  signal(SIGPIPE, SIG_IGN);

  std::FILE* log = stderr;
  if (!f.access_log.empty()) {
    log = std::fopen(f.access_log.c_str(), "a");
    if (log == nullptr)
      return Fail(sharetrail::IOError("--access-log: cannot open " + f.access_log));
  }
  if (f.assets.empty()) f.assets = BesideBinary("ui-assets");
  auto pages = sharetrail::ui::Routes(f.assets);
  if (!pages.ok()) return Fail(pages.status());
  std::vector<sharetrail::api::Route> routes = sharetrail::api::AllRoutes();
  for (auto& r : *pages) routes.push_back(std::move(r));
  sharetrail::api::AppOptions options;
  options.access_log = log;
  options.page_error = sharetrail::ui::ErrorPage;
  options.witness_config = f.witness_config;
  options.witness_policy = f.witness_policy;
  options.submitter.http.ca_file = f.witness_ca_file;
  options.submitter.http.timeout_ms = 5000;
  auto server_app = sharetrail::api::App::Open(f.ledger, options, std::move(routes));
  if (!server_app.ok()) return Fail(server_app.status());
  sharetrail::api::App& a = **server_app;

  sharetrail::api::HttpOptions http;
  http.listen = f.listen;
  http.tls_cert = f.tls_cert;
  http.tls_key = f.tls_key;
  http.tls_dir = f.ledger + "/auth";
  http.threads = f.threads;
  http.max_body = f.max_body;
  http.request_timeout_ms = f.request_timeout_ms;
  http.shallow = [&a](const auto& req) { return a.Shallow(req); };
  auto server =
      sharetrail::api::HttpServer::Start(http, [&a](const auto& req) { return a.Handle(req); });
  if (!server.ok()) return Fail(server.status());
  int port = (*server)->port();
  std::string host = f.listen.substr(0, f.listen.rfind(':'));
  std::cout << "sharetraild: listening on " << (f.tls_cert.empty() ? "http" : "https") << "://"
            << host << ":" << port << std::endl;
  if (!f.port_file.empty()) {
    std::ofstream(f.port_file + ".tmp") << port << "\n";
    std::rename((f.port_file + ".tmp").c_str(), f.port_file.c_str());
  }

  std::unique_ptr<sharetrail::api::PeerFollower> follower;
  if (!f.node_user.empty()) {
    sharetrail::api::FollowerOptions fo;
    fo.node_user = f.node_user;
    fo.interval_ms = f.follow_interval_ms;
    fo.http.ca_file = f.peer_ca_file;
    fo.state_machine = std::make_shared<sharetrail::policy::Engine>();
    auto started = sharetrail::api::PeerFollower::Start(a.ledger(), fo);
    if (!started.ok()) return Fail(started.status());
    follower = std::move(*started);
  }

  int sig = 0;
  sigwait(&stop, &sig);
  std::cout << "sharetraild: signal " << sig << ", stopping" << std::endl;
  if (follower) follower->Stop();  // before the ledger it appends to closes
  server->reset();                 // stop accepting; wait for requests in flight
  server_app->reset();             // close the ledger after its queued appends
  if (log != stderr) std::fclose(log);
  return 0;
}
