// HTTP throughput of sharetraild with keep-alive, against a minimal
// CivetWeb handler (our HttpServer wrapper answering a fixed body) measured
// in the same run as the ceiling. Spawns the real build/sharetraild on a
// ledger made with the real CLI, on 127.0.0.1.
//
// Usage: http_bench --bin BUILD_DIR --source SOURCE_DIR --dir DIR
//                   [--seconds 3] [--connections 8]
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

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
  std::string bin, source, dir;
  double seconds = 3;
  int connections = 8;
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

// Requests/s over `seconds` with `connections` keep-alive clients; make(i)
// gives the i-th request of a client. Counts only answers with `want`.
double Load(int port, const Options& o, int want,
            const std::function<std::string(int client, uint64_t i)>& make, uint64_t* errors) {
  std::atomic<uint64_t> done{0}, bad{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (int c = 0; c < o.connections; ++c) {
    threads.emplace_back([&, c] {
      int fd = testing::ConnectLoopback(port);
      std::string buf;
      for (uint64_t i = 0; fd >= 0 && !stop.load(std::memory_order_relaxed); ++i) {
        int status = RoundTrip(fd, make(c, i), &buf);
        if (status == want) {
          done.fetch_add(1, std::memory_order_relaxed);
        } else {
          bad.fetch_add(1, std::memory_order_relaxed);
          if (status == 0) break;
        }
      }
      if (fd >= 0) close(fd);
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(o.seconds));
  stop = true;
  for (auto& t : threads) t.join();
  *errors = bad.load();
  return static_cast<double>(done.load()) / Seconds(start, Clock::now());
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

  pid_t pid = fork();
  if (pid == 0) {
    std::string port_file = o.dir + "/port", ledger = o.dir + "/ledger",
                log = o.dir + "/access.log";
    std::string server = o.bin + "/sharetraild";
    execl(server.c_str(), server.c_str(), "--ledger", ledger.c_str(), "--listen", "127.0.0.1:0",
          "--port-file", port_file.c_str(), "--access-log", log.c_str(), "--threads", "16",
          static_cast<char*>(nullptr));
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
  uint64_t errors = 0;
  double minimal =
      Load((*ceiling)->port(), o, 200, [&](int, uint64_t) { return get("/healthz"); }, &errors);
  double proofs = Load(
      port, o, 200,
      [&](int c, uint64_t i) {
        return get("/api/v1/proof/inclusion?seq=" + std::to_string((c * 7919 + i) % 40));
      },
      &errors);
  uint64_t proof_errors = errors;
  double events = Load(
      port, o, 201,
      [&](int c, uint64_t i) {
        std::string body =
            R"({"type":"item.registered","body":{"item":"b-)" + std::to_string(c) + "-" +
            std::to_string(i) +
            R"(","title":"Letter","kind":"letter","owner":"ofsted","category":"concerns_letter",)"
            R"("classification":"official","safeguarding":false,"personal_data":false,"digest":")" +
            std::string(64, 'a') + "\"}}";
        return "POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
               "\r\nContent-Type: application/json\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
      },
      &errors);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);

  std::printf("| metric | requests/s | against the ceiling |\n|---|---|---|\n");
  std::printf("| minimal CivetWeb handler (ceiling) | %.0f |  |\n", minimal);
  std::printf("| proof GET /api/v1/proof/inclusion | %.0f | %.2fx |\n", proofs, proofs / minimal);
  std::printf("| event POST /api/v1/events (durable) | %.0f | %.2fx |\n", events, events / minimal);
  std::printf("\n%d keep-alive connections, %.1f s each; errors: proofs %llu, events %llu\n",
              o.connections, o.seconds, static_cast<unsigned long long>(proof_errors),
              static_cast<unsigned long long>(errors));
  Run("rm -rf " + o.dir);
  return proof_errors == 0 && errors == 0 ? 0 : 1;
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
    else {
      std::fprintf(
          stderr,
          "usage: http_bench --bin DIR --source DIR --dir DIR [--seconds S] [--connections N]\n");
      return 2;
    }
  }
  if (o.bin.empty() || o.source.empty() || o.dir.empty() || o.seconds <= 0 || o.connections <= 0) {
    std::fprintf(
        stderr,
        "usage: http_bench --bin DIR --source DIR --dir DIR [--seconds S] [--connections N]\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  return sharetrail::bench::Main(o);
}
