// HTTP throughput of sharetraild with keep-alive, against a minimal
// CivetWeb handler (our HttpServer wrapper answering a fixed body) measured
// in the same run as the ceiling. Spawns the real build/sharetraild on a
// ledger made with the real CLI, on 127.0.0.1.
//
// Usage: http_bench --bin BUILD_DIR --source SOURCE_DIR --dir DIR
//                   [--seconds 3] [--connections 8] [--post-connections 1,8,64]
//                   [--results FILE]  (the figures as JSON, for bench/report)
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "api/http.h"
#include "bench/bench_util.h"
#include "tests/fixtures/loopback.h"

namespace sharetrail::bench {
namespace {

struct Options {
  std::string bin, source, dir, results;
  double seconds = 3;
  int connections = 8;  // for the GETs
  // Event POSTs at each of these (the ledger benchmark's writer counts).
  std::vector<int> post_connections = {1, 8, 64};
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Sends one request and reads one response on a kept-alive connection;
// returns the status, or 0 if the connection failed.
int RoundTrip(int fd, const std::string& request, std::string* buf) {
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size()))
    return 0;
  buf->clear();
  size_t end = std::string::npos;
  char chunk[65536];
  while ((end = buf->find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return 0;
    buf->append(chunk, static_cast<size_t>(n));
  }
  size_t cl = buf->find("Content-Length: ");
  size_t length = cl == std::string::npos ? 0 : std::strtoull(buf->c_str() + cl + 16, nullptr, 10);
  while (buf->size() < end + 4 + length) {
    ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return 0;
    buf->append(chunk, static_cast<size_t>(n));
  }
  return std::atoi(buf->c_str() + 9);
}

// Requests/s and latencies over `seconds` with `connections` keep-alive
// clients; make(c, i) gives client c's i-th request. Any answer other than
// `want` ends the benchmark: a rate that counts failures would flatter.
WritersResult Load(int port, int connections, double seconds, int want,
                   const std::function<std::string(int client, uint64_t i)>& make) {
  std::vector<int> fds(connections, -1);
  std::vector<std::string> bufs(connections);
  WritersResult r = RunWriters(
      connections, seconds,
      [&](int c, uint64_t i) {
        int status = RoundTrip(fds[c], make(c, i), &bufs[c]);
        if (status != want) std::fprintf(stderr, "http_bench: status %d, want %d\n", status, want);
        return status == want;
      },
      [&](int c) { fds[c] = testing::ConnectLoopback(port); });
  for (int fd : fds) {
    if (fd >= 0) close(fd);
  }
  return r;
}

void Run(const std::string& cmd) {
  if (std::system(cmd.c_str()) != 0) {
    std::fprintf(stderr, "http_bench: failed: %s\n", cmd.c_str());
    std::exit(3);
  }
}

int Main(const Options& o) {
  std::string st = o.bin + "/sharetrail --ledger " + o.dir + "/ledger ";
  Run("rm -rf " + o.dir + " && mkdir -p " + o.dir);
  Run(st + "init --origin bench/http >/dev/null");
  Run(st + "policy load --dir " + o.source +
      "/policies --as admin --party ofsted --team information-governance >/dev/null");
  Run(st +
      "user add bench --party ofsted --team information-governance --roles ig_officer --as admin "
      ">/dev/null");
  Run(st + "user token issue bench --as admin >" + o.dir + "/token");
  std::string token = Slurp(o.dir + "/token");
  token = token.substr(token.find("token: ") + 7);
  token = token.substr(0, token.find('\n'));

  // CivetWeb serves a kept-alive connection on one worker until it closes.
  int most = *std::max_element(o.post_connections.begin(), o.post_connections.end());
  std::string threads = std::to_string(std::max({16, o.connections, most}) + 4);
  pid_t pid = fork();
  if (pid == 0) {
    std::string port_file = o.dir + "/port", ledger = o.dir + "/ledger",
                log = o.dir + "/access.log";
    std::string server = o.bin + "/sharetraild";
    execl(server.c_str(), server.c_str(), "--ledger", ledger.c_str(), "--listen", "127.0.0.1:0",
          "--port-file", port_file.c_str(), "--access-log", log.c_str(), "--threads",
          threads.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int port = 0;
  for (int i = 0; i < 200 && port == 0; ++i) {
    port = std::atoi(Slurp(o.dir + "/port").c_str());
    if (port == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (port == 0) {
    std::fprintf(stderr, "http_bench: sharetraild did not start\n");
    return 3;
  }

  // The ceiling: CivetWeb through the same wrapper, answering at once.
  api::HttpOptions ho;
  ho.listen = "127.0.0.1:0";
  ho.threads = 16;
  ho.own_stacks = false;  // CivetWeb's own worker answers: the true ceiling
  auto ceiling = api::HttpServer::Start(ho, [](const api::HttpRequest&) {
    return api::HttpResponse{200, "application/json", "{\"status\":\"ok\"}\n", {}};
  });
  if (!ceiling.ok()) {
    std::fprintf(stderr, "http_bench: %s\n", ceiling.status().ToString().c_str());
    return 3;
  }

  auto get = [](const std::string& target) {
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  };
  Results results;
  double minimal = Load((*ceiling)->port(), o.connections, o.seconds, 200, [&](int, uint64_t) {
                     return get("/healthz");
                   }).per_sec;
  double proofs =
      Load(port, o.connections, o.seconds, 200, [&](int c, uint64_t i) {
        return get("/api/v1/proof/inclusion?seq=" + std::to_string((c * 7919 + i) % 40));
      }).per_sec;
  // A partial level-0 tile at the ledger's size (under 256 entries here):
  // what a tiles client or a mirror fetches.
  std::string answer;
  int fd = testing::ConnectLoopback(port);
  RoundTrip(fd, get("/checkpoint"), &answer);
  close(fd);
  std::string note = answer.substr(answer.find("\r\n\r\n") + 4);
  std::string tile =
      "/tile/0/000.p/" +
      note.substr(note.find('\n') + 1, note.find('\n', note.find('\n') + 1) - note.find('\n') - 1);
  double tiles =
      Load(port, o.connections, o.seconds, 200, [&](int, uint64_t) { return get(tile); }).per_sec;
  results.Set("http_ceiling", minimal);
  results.Set("http_proof_get", proofs);
  results.Set("http_tile_get", tiles);
  std::printf("| metric | requests/s | against the ceiling |\n|---|---|---|\n");
  std::printf("| minimal CivetWeb handler (ceiling), %d connections | %.0f |  |\n", o.connections,
              minimal);
  std::printf("| proof GET /api/v1/proof/inclusion, %d connections | %.0f | %.2fx |\n",
              o.connections, proofs, proofs / minimal);
  std::printf("| tile GET %s, %d connections | %.0f | %.2fx |\n", tile.c_str(), o.connections,
              tiles, tiles / minimal);
  for (int conns : o.post_connections) {
    WritersResult events = Load(port, conns, o.seconds, 201, [&](int c, uint64_t i) {
      std::string body =
          R"({"type":"item.registered","body":{"item":"b-)" + std::to_string(conns) + "-" +
          std::to_string(c) + "-" + std::to_string(i) +
          R"(","title":"Letter","kind":"letter","owner":"ofsted","category":"concerns_letter",)"
          R"("classification":"official","safeguarding":false,"personal_data":false,"digest":")" +
          std::string(64, 'a') + "\"}}";
      return "POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
             "\r\nContent-Type: application/json\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body;
    });
    std::string key = "http_post_" + std::to_string(conns);
    double p50 = Percentile(&events.ack_ms, 0.5), p99 = Percentile(&events.ack_ms, 0.99);
    results.Set(key, events.per_sec);
    results.Set(key + "_p50_ms", p50);
    results.Set(key + "_p99_ms", p99);
    std::printf("| event POST /api/v1/events (durable), %d connections | %.0f |  |\n", conns,
                events.per_sec);
    std::printf("| ack latency p50 / p99, %d connections | %.2f / %.2f ms |  |\n", conns, p50, p99);
  }
  std::printf("\n%.1f s each; every answer was the expected status\n", o.seconds);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!results.Write(o.results)) {
    std::fprintf(stderr, "http_bench: cannot write %s\n", o.results.c_str());
    return 1;
  }
  Run("rm -rf " + o.dir);
  return 0;
}

}  // namespace
}  // namespace sharetrail::bench

int main(int argc, char** argv) {
  sharetrail::bench::Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--bin")
      o.bin = value;
    else if (flag == "--source")
      o.source = value;
    else if (flag == "--dir")
      o.dir = value;
    else if (flag == "--seconds")
      o.seconds = std::atof(value.c_str());
    else if (flag == "--connections")
      o.connections = std::atoi(value.c_str());
    else if (flag == "--post-connections") {
      o.post_connections.clear();
      for (char* t = std::strtok(argv[i + 1], ","); t; t = std::strtok(nullptr, ","))
        o.post_connections.push_back(std::atoi(t));
    } else if (flag == "--results")
      o.results = value;
    else {
      std::fprintf(
          stderr,
          "usage: http_bench --bin DIR --source DIR --dir DIR [--seconds S] [--connections N]\n"
          "                  [--post-connections N,N] [--results FILE]\n");
      return 2;
    }
  }
  if (o.bin.empty() || o.source.empty() || o.dir.empty() || o.seconds <= 0 || o.connections <= 0 ||
      o.post_connections.empty() ||
      *std::min_element(o.post_connections.begin(), o.post_connections.end()) <= 0) {
    std::fprintf(
        stderr,
        "usage: http_bench --bin DIR --source DIR --dir DIR [--seconds S] [--connections N]\n"
        "                  [--post-connections N,N] [--results FILE]\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  return sharetrail::bench::Main(o);
}
