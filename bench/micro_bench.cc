// Micro-benchmarks of the per-entry costs on the write and verify paths.
#include <benchmark/benchmark.h>

#include "ledger/canonical_json.h"
#include "ledger/entry.h"
#include "ledger/hash.h"
#include "ledger/keys.h"
#include "ledger/note.h"
#include "tests/fixtures/events.h"

namespace sharetrail {
namespace {

void BM_PrepareEvent(benchmark::State& state) {
  Event e = testing::ShareEvent(42);
  for (auto _ : state) benchmark::DoNotOptimize(PrepareEvent(e));
}
BENCHMARK(BM_PrepareEvent);

std::string SampleEntry() {
  std::string out;
  EncodeEntry(*PrepareEvent(testing::ShareEvent(42)), 42, "2026-11-26T12:00:00.000000Z", {}, &out);
  return out;
}

void BM_LeafHash(benchmark::State& state) {
  std::string entry = SampleEntry();
  for (auto _ : state) benchmark::DoNotOptimize(LeafHash(entry));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * entry.size()));
}
BENCHMARK(BM_LeafHash);

void BM_ReadEntryTail(benchmark::State& state) {
  std::string entry = SampleEntry();
  for (auto _ : state) benchmark::DoNotOptimize(ReadEntryTail(entry));
}
BENCHMARK(BM_ReadEntryTail);

void BM_DecodeEntry(benchmark::State& state) {
  std::string entry = SampleEntry();
  for (auto _ : state) benchmark::DoNotOptimize(DecodeEntry(entry));
}
BENCHMARK(BM_DecodeEntry);

void BM_SignCheckpoint(benchmark::State& state) {
  auto signer =
      NoteSigner::Create("bench.example/log", std::move(Ed25519PrivateKey::Generate()).value());
  Checkpoint cp{"bench.example/log", 123456789, Sha256("root"), {}};
  std::string text = cp.Text();
  for (auto _ : state) benchmark::DoNotOptimize(signer->Sign(text));
}
BENCHMARK(BM_SignCheckpoint);

void BM_OpenCheckpoint(benchmark::State& state) {
  auto signer =
      NoteSigner::Create("bench.example/log", std::move(Ed25519PrivateKey::Generate()).value());
  Checkpoint cp{"bench.example/log", 123456789, Sha256("root"), {}};
  std::string note = Note{cp.Text(), {*signer->Sign(cp.Text())}}.Format();
  std::vector<NoteVerifier> v = {signer->Verifier()};
  for (auto _ : state) benchmark::DoNotOptimize(OpenNote(note, v));
}
BENCHMARK(BM_OpenCheckpoint);

}  // namespace
}  // namespace sharetrail
