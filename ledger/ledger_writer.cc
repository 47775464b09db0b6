// The write path: callers queue prepared events, one writer thread commits
// everything queued as one LMDB transaction (group commit), then wakes them.
//
// Why one thread: the hash chain and the tree are inherently sequential, and
// an fsync costs the same for one entry as for a thousand; so the expensive
// work callers can do in parallel (validation, canonical JSON) happens before
// queueing, and the writer does only the chaining, hashing, one signature and
// one durable commit per batch.
#include <algorithm>
#include <chrono>

#include "ledger/completion.h"
#include "ledger/ledger.h"
#include "ledger/txn_state.h"

namespace sharetrail {
namespace {

std::string Where(uint64_t seq) { return "applying seq " + std::to_string(seq) + ": "; }

}  // namespace

// Lives on the caller's stack until Wait returns (ledger/completion.h).
struct Ledger::Request {
  PreparedEvent event;
  // With a state machine the event is decided in the writer, so it is
  // queued as proposed and prepared there.
  std::optional<Event> proposal;
  AppendResult result;
  Status own;  // this request's own failure (a malformed proposal)
  Status status;
  // AppendAll's events form a group: all are appended or, if one is
  // malformed, none (each then fails with that event's error).
  uint32_t group_size = 1, group_index = 0;

  void Wait() { done.Wait(); }
  void Finish(Status s) {
    status = std::move(s);
    done.Signal();  // the caller may return and reuse this memory at once
  }

 private:
  Completion done;
};

Status Ledger::AcceptingWrites() const {
  if (!failed_.ok()) {
    return Unavailable("ledger refuses writes after a failed commit (" + failed_.message() +
                       "); reopen it once the cause is fixed");
  }
  if (stopping_) return Unavailable("ledger is closing");
  return Status::Ok();
}

Status Ledger::Submit(Request* reqs, size_t n) {
  bool wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ST_RETURN_IF_ERROR(AcceptingWrites());
    bool was_empty = queue_.empty();
    for (size_t i = 0; i < n; ++i) queue_.push_back(&reqs[i]);
    ++arrivals_;  // one caller, however many events
    // Only when the writer would act on it: it sleeps on an empty queue, or
    // holds a commit open until the last caller it released is back (or the
    // batch is full). Waking it for every arrival cost a context switch per
    // append at 64 writers.
    wake = was_empty || arrivals_ - arrivals_at_release_ == released_ ||
           queue_.size() >= options_.max_batch;
  }
  if (wake) writer_cv_.notify_one();
  // FIFO: the writer finishes requests in queue order.
  for (size_t i = 0; i < n; ++i) reqs[i].Wait();
  return Status::Ok();
}

Status Ledger::Queue(const Event& event, Request* req) const {
  if (options_.state_machine) {
    // Shape errors are cheaper to find here than in the writer; the machine
    // may still rewrite the event, so it is prepared again after Decide.
    ST_RETURN_IF_ERROR(ValidateEvent(event));
    req->proposal = event;
    return Status::Ok();
  }
  ST_ASSIGN_OR_RETURN(req->event, PrepareEvent(event));
  return Status::Ok();
}

Result<AppendResult> Ledger::Append(const Event& event) {
  if (options_.read_only) return FailedPrecondition("ledger opened read-only");
  Request req;
  ST_RETURN_IF_ERROR(Queue(event, &req));
  ST_RETURN_IF_ERROR(Submit(&req, 1));
  if (!req.status.ok()) return req.status;
  return std::move(req.result);
}

Result<std::vector<Result<AppendResult>>> Ledger::AppendAll(const std::vector<Event>& events) {
  if (options_.read_only) return FailedPrecondition("ledger opened read-only");
  std::vector<Request> reqs(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    Status s = Queue(events[i], &reqs[i]);
    if (!s.ok()) return s.WithContext("event " + std::to_string(i) + ": ");
    reqs[i].group_size = static_cast<uint32_t>(events.size());
    reqs[i].group_index = static_cast<uint32_t>(i);
  }
  ST_RETURN_IF_ERROR(Submit(reqs.data(), reqs.size()));
  std::vector<Result<AppendResult>> out;
  out.reserve(reqs.size());
  for (Request& r : reqs) {
    if (r.status.ok()) {
      out.emplace_back(std::move(r.result));
    } else {
      out.emplace_back(r.status);
    }
  }
  return out;
}

void Ledger::WriterLoop() {
  std::vector<Request*> batch;
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    writer_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping and drained
    // Adaptive group commit (PostgreSQL's commit_delay, bounded): callers
    // released by the last commit usually come straight back with their next
    // event. Waiting briefly for them lets one fsync'd commit carry them and
    // those who queued during the commit, instead of alternating half-sized
    // commits. A lone caller never waits: it is the one that came back.
    auto back = [&] { return arrivals_ - arrivals_at_release_; };
    if (back() < released_ && queue_.size() < options_.max_batch &&
        options_.group_commit_wait_us > 0) {
      writer_cv_.wait_for(lock, std::chrono::microseconds(options_.group_commit_wait_us), [&] {
        return stopping_ || back() >= released_ || queue_.size() >= options_.max_batch;
      });
    }
    size_t n = std::min(queue_.size(), options_.max_batch);
    while (n < queue_.size() && queue_[n]->group_index != 0) ++n;  // never split a group
    batch.assign(queue_.begin(), queue_.begin() + n);
    queue_.erase(queue_.begin(), queue_.begin() + n);
    bool failed = !failed_.ok();
    lock.unlock();

    Status s = failed ? failed_ : CommitBatch(batch);

    lock.lock();
    if (!s.ok() && failed_.ok()) failed_ = s;
    if (s.ok()) {
      stats_.commits += 1;
      stats_.requests += batch.size();
      stats_.build_seconds += last_commit_.build_seconds;
      stats_.commit_seconds += last_commit_.commit_seconds;
    }
    released_ = static_cast<size_t>(
        std::count_if(batch.begin(), batch.end(), [](Request* r) { return r->group_index == 0; }));
    arrivals_at_release_ = arrivals_;
    // Woken outside the lock: a woken caller's next Submit must not find
    // the mutex held by the loop still waking the others.
    lock.unlock();
    for (Request* r : batch) r->Finish(s.ok() ? r->own : s);  // r may be gone after this
    lock.lock();
  }
}

Status Ledger::AppendOne(Request* r, WriteTxn* txn, Tip* tip) {
  const StateMachine* machine = options_.state_machine.get();
  uint64_t seq = tip->frontier.size();
  tip->micros = std::max(tip->micros, options_.clock());  // time never runs backwards
  r->result.time = FormatTime(tip->micros);
  TxnState state(*txn, txn);
  if (machine != nullptr && !DecideAndPrepare(r, state, seq)) return Status::Ok();
  std::string& bytes = scratch_bytes_;  // reused: no allocation per entry
  bytes.clear();
  EncodeEntry(r->event, seq, r->result.time, tip->prev, &bytes);
  ST_RETURN_IF_ERROR(txn->Put(Table::kEntries, U64Key(seq), bytes, /*append=*/true));
  Hash leaf = LeafHash(bytes);
  std::vector<Frontier::NewNode>& nodes = scratch_nodes_;
  nodes.clear();
  tip->frontier.Append(leaf, &nodes);
  for (const auto& n : nodes) {
    ST_RETURN_IF_ERROR(
        txn->Put(Table::kNodes, U64Key(NodeId(n.level, n.index)), AsBytes(n.hash), true));
  }
  if (machine != nullptr) {
    // Apply sees the entry decoded from its stored bytes, exactly as a
    // replay (reindex, verify) will, so both derive the same records.
    ST_ASSIGN_OR_RETURN(Entry entry, DecodeEntry(bytes));
    ST_RETURN_IF_ERROR(machine->Apply(entry, &state).WithContext(Where(seq)));
  }
  r->result.seq = seq;
  r->result.leaf_hash = leaf;
  tip->prev = leaf;
  return Status::Ok();
}

bool Ledger::DecideAndPrepare(Request* r, const StateView& state, uint64_t seq) {
  Status s = options_.state_machine->Decide(state, Slot{seq, r->result.time}, &*r->proposal,
                                            &r->result.outcome);
  if (s.ok()) {
    auto prepared = PrepareEvent(*r->proposal);
    if (prepared.ok()) {
      r->event = std::move(prepared).value();
      return true;
    }
    s = prepared.status();
  }
  r->own = std::move(s);
  return false;
}

WriterStats Ledger::writer_stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

Status Ledger::CommitBatch(const std::vector<Request*>& batch) {
  using Clock = std::chrono::steady_clock;
  auto started = Clock::now();
  ST_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
  // Work on copies so a failed commit leaves the in-memory state matching disk.
  Tip tip{frontier_, last_leaf_, last_micros_};
  for (size_t i = 0; i < batch.size();) {
    size_t n = batch[i]->group_size;  // groups are never split across batches
    if (n == 1 || options_.state_machine == nullptr) {
      // Without a machine, every event was validated before queueing.
      ST_RETURN_IF_ERROR(AppendOne(batch[i], txn.get(), &tip));
      ++i;
      continue;
    }
    // A nested transaction, so a malformed event undoes its group's writes.
    ST_ASSIGN_OR_RETURN(auto child, txn->BeginChild());
    Tip saved = tip;
    size_t bad = n;
    for (size_t k = 0; k < n && bad == n; ++k) {
      ST_RETURN_IF_ERROR(AppendOne(batch[i + k], child.get(), &tip));
      if (!batch[i + k]->own.ok()) bad = k;
    }
    if (bad == n) {
      ST_RETURN_IF_ERROR(child->Commit());
    } else {
      child.reset();  // aborts
      tip = std::move(saved);
      Status why = batch[i + bad]->own.WithContext("event " + std::to_string(bad) + ": ");
      for (size_t k = 0; k < n; ++k) batch[i + k]->own = why;
    }
    i += n;
  }
  Frontier& frontier = tip.frontier;
  Hash& prev = tip.prev;
  int64_t micros = tip.micros;
  const StateMachine* machine = options_.state_machine.get();
  uint64_t size = frontier.size();
  ST_ASSIGN_OR_RETURN(std::string note, SignCheckpoint(size, frontier.Root()));
  ST_RETURN_IF_ERROR(txn->Put(Table::kMeta, "checkpoint", note, false));
  if (machine != nullptr && frontier_.size() == 0) {
    ST_RETURN_IF_ERROR(txn->Put(Table::kMeta, "state_machine", machine->Name(), false));
  }
  uint64_t old_size = frontier_.size(), every = std::max<uint64_t>(options_.checkpoint_interval, 1);
  if (old_size / every != size / every) {
    ST_RETURN_IF_ERROR(txn->Put(Table::kCheckpoints, U64Key(size), note, true));
  }
  auto built = Clock::now();
  ST_RETURN_IF_ERROR(txn->Commit());
  last_commit_.build_seconds = std::chrono::duration<double>(built - started).count();
  last_commit_.commit_seconds = std::chrono::duration<double>(Clock::now() - built).count();
  // A failure here loses nothing: the commit is durable, and a full disk
  // will be reported by the next commit that needs the space.
  (void)store_->EnsureHeadroom();

  frontier_ = std::move(frontier);
  last_leaf_ = prev;
  last_micros_ = micros;
  for (Request* r : batch) {
    r->result.tree_size = size;
    r->result.checkpoint = note;
  }
  return Status::Ok();
}

}  // namespace sharetrail
