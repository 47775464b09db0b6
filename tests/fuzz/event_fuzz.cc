// Every event validator and rule (policies/schema.h, events.cc, rules/):
// a proposed event as `record` and POST /api/v1/events take it, decided by
// the engine against a realistic ledger (demo_fixture.h) without being
// appended.
//
// Properties: nothing crashes; the decision is a function of the state and
// the event (deciding twice gives the same outcome); an event the engine
// accepts (allowed, or rewritten as a refusal) is one the ledger takes: it
// validates and prepares; and Evaluate agrees with Decide on refusal.
#include "ledger/entry.h"
#include "ledger/ledger.h"
#include "policies/engine.h"
#include "tests/fuzz/demo_fixture.h"
#include "tests/fuzz/fuzz_support.h"

using namespace sharetrail;

namespace {

struct State {
  std::shared_ptr<policy::Engine> engine = std::make_shared<policy::Engine>();
  std::unique_ptr<Ledger> ledger;
  std::unique_ptr<Snapshot> snapshot;
  uint64_t size = 0;
};

State& TheState() {
  static State* s = [] {
    auto* st = new State();
    LedgerOptions o;
    o.read_only = true;
    o.state_machine = st->engine;
    auto l = Ledger::Open(fuzz::DemoLedger::Get().dir(), o);
    fuzz::Require(l.ok(), "the fixture ledger opens");
    st->ledger = std::move(*l);
    auto snap = st->ledger->Read();
    fuzz::Require(snap.ok(), "the fixture ledger reads");
    st->snapshot = std::move(*snap);
    st->size = *st->snapshot->Size();
    return st;
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  TheState();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto parsed = ParseEvent(fuzz::Bytes(data, size));
  if (!parsed.ok()) return 0;
  State& st = TheState();
  // The first working day after the fixture's last entry.
  const Slot slot{st.size, "2025-02-03T10:00:00.000000Z"};
  Event first = *parsed, second = *parsed;
  std::string outcome1, outcome2;
  Status s1 = st.engine->Decide(*st.snapshot, slot, &first, &outcome1);
  Status s2 = st.engine->Decide(*st.snapshot, slot, &second, &outcome2);
  fuzz::Require(s1.code() == s2.code() && s1.message() == s2.message(),
                "deciding twice fails the same way");
  if (!s1.ok()) return 0;
  fuzz::Require(outcome1 == outcome2, "deciding twice gives the same outcome");
  fuzz::Require(ValidateEvent(first).ok(), "a decided event validates");
  fuzz::Require(PrepareEvent(first).ok(), "a decided event prepares");
  auto d = st.engine->Evaluate(*st.snapshot, slot, *parsed);
  fuzz::Require(d.ok(), "Evaluate takes what Decide took");
  fuzz::Require(d->refused() == (first.type == "refused"), "Evaluate agrees on refusal");
  return 0;
}
