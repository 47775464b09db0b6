// The PostgreSQL peer: the audit chain people build for themselves, an
// append-only table whose BEFORE INSERT trigger chains
// SHA-256(prev || entry), fed the same canonical events as ledger_bench
// (tests/fixtures/events.h) over libpq. bench/run starts a throwaway
// PostgreSQL 15 cluster (fsync=on, synchronous_commit=on) for it.
//
// The trigger serialises appends the way a correct DIY chain must: it locks
// the one head row (SELECT ... FOR UPDATE), so concurrent transactions chain
// in commit order and none reads a stale head. Each call is one transaction
// (autocommit), carrying 1 event (what an application does) or kBatch.
//
// Usage: pg_bench --conninfo STR [--quick] [--clients 1,8,64] [--batches 1,100]
//                 [--verify-rows N] [--results FILE]
// (--clients 0 runs no append workload; --verify-rows 0 skips verify.)
// This is the only file that includes libpq.
#include <libpq-fe.h>

#include <atomic>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_util.h"
#include "ledger/canonical_json.h"
#include "tests/fixtures/events.h"

namespace sharetrail::bench {
namespace {

constexpr int kBatch = 100;  // events per call in the batched variant, as ledger_bench

// The schema is recreated for each workload, so every run starts empty (as
// ledger_bench starts each on a fresh ledger).
constexpr char kSchema[] = R"sql(
DROP TABLE IF EXISTS audit_log, audit_head CASCADE;
DROP FUNCTION IF EXISTS audit_chain, audit_refuse, audit_verify CASCADE;
CREATE TABLE audit_head (id int PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL,
                         hash bytea NOT NULL);
INSERT INTO audit_head VALUES (1, -1, decode(repeat('00', 32), 'hex'));
CREATE TABLE audit_log (seq bigint PRIMARY KEY, time timestamptz NOT NULL,
                        entry bytea NOT NULL, prev bytea NOT NULL, hash bytea NOT NULL);
CREATE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_head%ROWTYPE;
BEGIN
  SELECT * INTO head FROM audit_head WHERE id = 1 FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.time := clock_timestamp();
  NEW.prev := head.hash;
  NEW.hash := sha256(head.hash || NEW.entry);
  UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_chain();
CREATE FUNCTION audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse();
-- Recomputes the chain in seq order; the first bad seq, or -1 if intact.
CREATE FUNCTION audit_verify() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  h bytea := decode(repeat('00', 32), 'hex');
  expect bigint := 0;
  r record;
BEGIN
  FOR r IN SELECT seq, entry, prev, hash FROM audit_log ORDER BY seq LOOP
    IF r.seq <> expect OR r.prev <> h OR sha256(h || r.entry) <> r.hash THEN
      RETURN r.seq;
    END IF;
    h := r.hash;
    expect := expect + 1;
  END LOOP;
  RETURN -1;
END $$;
)sql";

std::string conninfo;
Results results;

PGconn* Connect() {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::fprintf(stderr, "pg_bench: connect (%s): %s", conninfo.c_str(), PQerrorMessage(c));
    std::exit(3);
  }
  return c;
}

// Runs sql; returns the first column of the first row ("" if none).
std::string Exec(PGconn* c, const std::string& sql) {
  PGresult* r = PQexec(c, sql.c_str());
  ExecStatusType st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    std::fprintf(stderr, "pg_bench: %s\nin: %.200s\n", PQresultErrorMessage(r), sql.c_str());
    std::exit(3);
  }
  std::string out = PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
  PQclear(r);
  return out;
}

// The canonical event bytes sharetrail's writer splices into its entry.
std::string CanonicalEvent(uint64_t n) {
  Event e = testing::ShareEvent(n);
  auto bytes =
      Canonicalize(boost::json::object{{"actor", e.actor}, {"body", e.body}, {"type", e.type}});
  if (!bytes.ok()) std::exit(3);
  return std::move(bytes).value();
}

// One client's connection with the INSERT of `batch` rows prepared.
struct Client {
  PGconn* conn = nullptr;
  int batch = 1;
  std::vector<std::string> events;
  std::vector<const char*> values;
  std::vector<int> lengths, formats;

  void Open(int events_per_call) {
    batch = events_per_call;
    conn = Connect();
    std::string sql = "INSERT INTO audit_log (entry) VALUES ";
    for (int i = 1; i <= batch; ++i) sql += (i > 1 ? ",($" : "($") + std::to_string(i) + "::bytea)";
    PGresult* r = PQprepare(conn, "append", sql.c_str(), batch, nullptr);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) std::exit(3);
    events.resize(batch);
    values.resize(batch);
    lengths.resize(batch);
    formats.assign(batch, 1);  // binary: the bytes as they are
  }
  // One transaction carrying events first .. first+batch-1.
  bool Append(uint64_t first) {
    for (int i = 0; i < batch; ++i) {
      events[i] = CanonicalEvent(first + i);
      values[i] = events[i].data();
      lengths[i] = static_cast<int>(events[i].size());
    }
    PGresult* r =
        PQexecPrepared(conn, "append", batch, values.data(), lengths.data(), formats.data(), 0);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) std::fprintf(stderr, "pg_bench: append: %s", PQresultErrorMessage(r));
    PQclear(r);
    return ok;
  }
  ~Client() {
    if (conn != nullptr) PQfinish(conn);
  }
};

void Appends(PGconn* admin, int clients, int batch, double seconds) {
  Exec(admin, kSchema);
  std::vector<Client> pool(clients);
  std::atomic<uint64_t> next{0};
  WritersResult r = RunWriters(
      clients, seconds, [&](int w, uint64_t) { return pool[w].Append(next.fetch_add(batch)); },
      [&](int w) { pool[w].Open(batch); });
  std::string key = "pg_append_" + std::to_string(batch) + "_" + std::to_string(clients);
  double rate = r.per_sec * batch;
  double p50 = Percentile(&r.ack_ms, 0.5), p99 = Percentile(&r.ack_ms, 0.99);
  std::printf("| durable appends/s, %d clients, %d per transaction | %.0f |\n", clients, batch,
              rate);
  std::printf("| ack latency p50 / p99, %d clients, %d per transaction | %.2f / %.2f ms |\n",
              clients, batch, p50, p99);
  std::fflush(stdout);
  results.Set(key, rate);
  results.Set(key + "_p50_ms", p50);
  results.Set(key + "_p99_ms", p99);
  // The chain must be whole: a figure from a broken peer would mean nothing.
  if (Exec(admin, "SELECT audit_verify()") != "-1") {
    std::fprintf(stderr, "pg_bench: the chain does not verify after %d clients\n", clients);
    std::exit(1);
  }
}

// Fills the table to n entries in batches from 2 clients (as ledger_bench
// fills its ledger from 2 feeders), then times the verify query.
void Verify(PGconn* admin, uint64_t n) {
  Exec(admin, kSchema);
  std::atomic<uint64_t> next{0};
  auto feed = [&] {
    Client c;
    c.Open(kBatch);
    for (uint64_t first; (first = next.fetch_add(kBatch)) < n;) {
      if (!c.Append(first)) std::exit(1);
    }
  };
  auto t0 = Clock::now();
  std::thread a(feed), b(feed);
  a.join();
  b.join();
  double fill = Seconds(t0, Clock::now());
  uint64_t rows = std::strtoull(Exec(admin, "SELECT count(*) FROM audit_log").c_str(), nullptr, 10);
  Exec(admin, "VACUUM ANALYZE audit_log");
  double bytes =
      std::strtod(Exec(admin, "SELECT pg_total_relation_size('audit_log')").c_str(), nullptr);
  double canonical =
      std::strtod(Exec(admin, "SELECT sum(octet_length(entry)) FROM audit_log").c_str(), nullptr);
  auto v0 = Clock::now();
  std::string bad = Exec(admin, "SELECT audit_verify()");
  double secs = Seconds(v0, Clock::now());
  if (bad != "-1") {
    std::fprintf(stderr, "pg_bench: verify names seq %s\n", bad.c_str());
    std::exit(1);
  }
  double rate = static_cast<double>(rows) / secs;
  std::printf("| bulk load rows/s (2 clients, %d per transaction), %llu rows | %.0f |\n", kBatch,
              static_cast<unsigned long long>(rows), static_cast<double>(rows) / fill);
  std::printf("| verify entries/s (audit_verify()), %llu rows | %.0f |\n",
              static_cast<unsigned long long>(rows), rate);
  std::printf(
      "| storage bytes per row (table + index + TOAST) | %.0f (%.2fx the canonical bytes) |\n",
      bytes / static_cast<double>(rows), bytes / canonical);
  results.Set("pg_verify_rows", static_cast<double>(rows));
  results.Set("pg_verify", rate);
  results.Set("pg_bulk", static_cast<double>(rows) / fill);
  results.Set("pg_storage_bytes_per_entry", bytes / static_cast<double>(rows));
  results.Set("pg_canonical_bytes_per_entry", canonical / static_cast<double>(rows));
}

}  // namespace
}  // namespace sharetrail::bench

int main(int argc, char** argv) {
  using namespace sharetrail::bench;
  bool quick = false;
  std::string results_path;
  std::vector<int> clients = {1, 8, 64}, batches = {1, kBatch};
  long long verify_rows = -1;  // default: by --quick
  auto list = [](char* text) {
    std::vector<int> out;
    for (char* t = std::strtok(text, ","); t; t = std::strtok(nullptr, ","))
      out.push_back(std::atoi(t));
    return out;
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--conninfo" && i + 1 < argc) {
      conninfo = argv[++i];
    } else if (a == "--results" && i + 1 < argc) {
      results_path = argv[++i];
    } else if (a == "--clients" && i + 1 < argc) {
      clients = list(argv[++i]);
    } else if (a == "--batches" && i + 1 < argc) {
      batches = list(argv[++i]);
    } else if (a == "--verify-rows" && i + 1 < argc) {
      verify_rows = std::atoll(argv[++i]);
    } else if (a == "--quick") {
      quick = true;
    } else {
      conninfo.clear();
      break;
    }
  }
  if (conninfo.empty()) {
    std::fprintf(stderr,
                 "usage: pg_bench --conninfo STR [--quick] [--clients N,N] [--batches N,N] "
                 "[--verify-rows N] [--results FILE]\n");
    return 2;
  }
  PGconn* admin = Connect();
  Exec(admin, "SET client_min_messages = warning");
  std::printf("PostgreSQL %s, fsync=%s, synchronous_commit=%s\n\n",
              Exec(admin, "SHOW server_version").c_str(), Exec(admin, "SHOW fsync").c_str(),
              Exec(admin, "SHOW synchronous_commit").c_str());
  if (Exec(admin, "SHOW fsync") != "on" || Exec(admin, "SHOW synchronous_commit") != "on") {
    std::fprintf(stderr, "pg_bench: the peer must run with fsync=on, synchronous_commit=on\n");
    return 2;
  }
  std::printf("| metric | value |\n|---|---|\n");
  double secs = quick ? 3.0 : 10.0;
  for (int batch : batches) {
    for (int c : clients) {
      if (c > 0 && batch > 0) Appends(admin, c, batch, secs);
    }
  }
  if (verify_rows < 0) verify_rows = quick ? 100000 : 1000000;
  if (verify_rows > 0) Verify(admin, static_cast<uint64_t>(verify_rows));
  PQfinish(admin);
  if (!results.Write(results_path)) {
    std::fprintf(stderr, "pg_bench: cannot write %s\n", results_path.c_str());
    return 1;
  }
  return 0;
}
