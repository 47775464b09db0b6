// mirror URL --dir D: keep a verified, read-only copy of another node's log
// (ledger/mirror.h) over C2SP tlog-tiles, once or every --interval seconds
// until SIGTERM or SIGINT. The copy is a ledger directory without a signing
// key: `sharetrail --ledger D verify --vkey V` and the queries read it.
#include <signal.h>

#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

#include "api/http_client.h"
#include "cli/cli.h"
#include "ledger/base64.h"
#include "ledger/mirror.h"

namespace sharetrail::cli {
namespace {

struct Options {
  std::string url, dir, vkey, ca_file, token_file;
  bool once = false;
  double interval = 60;
};

volatile std::sig_atomic_t stop_signal = 0;
void OnStop(int sig) { stop_signal = sig; }

// GETs paths under the log's URL prefix (api::GetBody: 200 or an error).
TileFetcher HttpFetcher(const api::Url& base, const api::ClientOptions& client) {
  return [base, client](const std::string& path) { return api::GetBody(base.Join(path), client); };
}

void Report(const Globals& g, const MirrorStep& s) {
  if (g.json) {
    PrintJson(boost::json::object{{"origin", s.origin},
                                  {"size", s.new_size},
                                  {"added", s.new_size - s.old_size},
                                  {"root", Base64(s.root)}});
  } else {
    std::cout << "mirrored " << s.origin << " to size " << s.new_size << " (+"
              << s.new_size - s.old_size << " entries), root " << Base64(s.root) << std::endl;
  }
}

void Run(Globals& g, const Options& o) {
  if (o.interval <= 0) Fail(g, InvalidArgument("--interval: must be more than 0 seconds"));
  api::Url base = OrFail(g, api::Url::Parse(o.url));
  api::ClientOptions client;
  client.ca_file = o.ca_file;
  if (!o.token_file.empty()) {
    client.bearer_token = OrFail(g, ReadAll(o.token_file));
    while (!client.bearer_token.empty() &&
           std::isspace(static_cast<unsigned char>(client.bearer_token.back()))) {
      client.bearer_token.pop_back();
    }
  }
  MirrorOptions mo;
  mo.state_machine = g.engine;
  std::optional<std::string> vkey;
  if (!o.vkey.empty()) vkey = o.vkey;
  auto mirror = OrFail(g, Mirror::Open(o.dir, base.ToString(), vkey, mo));
  TileFetcher fetch = HttpFetcher(base, client);
  if (o.once) {
    Report(g, OrFail(g, mirror->Step(fetch)));
    return;
  }
  struct sigaction sa = {};
  sa.sa_handler = OnStop;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  while (stop_signal == 0) {
    auto step = mirror->Step(fetch);
    // A failed step leaves the copy as it was; the next one retries (the
    // source may be down), but says so every time.
    if (step.ok()) {
      Report(g, *step);
    } else {
      std::cerr << "sharetrail mirror: " << step.status().message() << std::endl;
    }
    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(o.interval);
    while (stop_signal == 0 && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  std::cerr << "sharetrail mirror: signal " << stop_signal << ", stopping" << std::endl;
}

}  // namespace

void AddMirrorCommands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<Options>();
  auto* m = app.add_subcommand("mirror", "Keep a verified read-only copy of another node's log");
  m->add_option("url", o->url, "The log's URL prefix (serving /checkpoint and /tile/...)")
      ->required();
  m->add_option("--dir", o->dir, "Directory of the copy")->required();
  m->add_option("--vkey", o->vkey,
                "Verifier key the log's checkpoints must be signed by (required the first time; "
                "then read from the copy)");
  m->add_flag("--once", o->once, "One step, then exit");
  m->add_option("--interval", o->interval, "Seconds between steps (default 60)");
  m->add_option("--ca-file", o->ca_file, "PEM CA bundle to check an https server's certificate");
  m->add_option("--token-file", o->token_file,
                "File holding an auditor's bearer token on the source (entry bundles need one)");
  m->callback([&g, o] { Run(g, *o); });
}

}  // namespace sharetrail::cli
