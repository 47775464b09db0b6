// Opening a ledger and reading from it. The write path is in ledger_writer.cc.
#include "ledger/ledger.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "ledger/keys.h"
#include "ledger/txn_nodes.h"
#include "ledger/txn_state.h"

namespace sharetrail {
namespace {

std::string KeyPath(const std::string& dir) { return dir + "/signing.key"; }

int64_t SystemMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::string> GetMeta(const ReadTxn& txn, std::string_view key) {
  auto v = txn.Get(Table::kMeta, key);
  if (!v.ok()) return Corruption("ledger meta \"" + std::string(key) + "\" missing");
  return std::string(*v);
}

// The checkpoint note for (origin, size, root) signed by signer.
Result<std::string> SignedNote(const NoteSigner& signer, const std::string& origin, uint64_t size,
                               const Hash& root) {
  std::string text = Checkpoint{origin, size, root, {}}.Text();
  ST_ASSIGN_OR_RETURN(NoteSignature sig, signer.Sign(text));
  return Note{std::move(text), {std::move(sig)}}.Format();
}

Status CheckSize(uint64_t size, uint64_t have, const char* what) {
  if (size > have) {
    return OutOfRange(std::string(what) + " " + std::to_string(size) + " is beyond the tree size " +
                      std::to_string(have));
  }
  return Status::Ok();
}

constexpr std::string_view kMachineKey = kStateMachineMetaKey;
constexpr std::string_view kRebuilding = "rebuilding ";
constexpr uint64_t kRebuildChunk = 4096;

class TxnSnapshot : public Snapshot {
 public:
  explicit TxnSnapshot(std::unique_ptr<ReadTxn> txn)
      : txn_(std::move(txn)), state_(*txn_, nullptr) {}
  Result<std::optional<std::string_view>> Get(std::string_view key) const override {
    return state_.Get(key);
  }
  Status Scan(std::string_view prefix, std::string_view from, const Visitor& fn) const override {
    return state_.Scan(prefix, from, fn);
  }
  Result<uint64_t> Size() const override { return txn_->Count(Table::kEntries); }
  Result<std::string_view> EntryBytes(uint64_t seq) const override {
    auto v = txn_->Get(Table::kEntries, U64Key(seq));
    if (!v.ok() && v.status().code() == Code::kNotFound) {
      return NotFound("no entry with seq " + std::to_string(seq));
    }
    return v;
  }

 private:
  std::unique_ptr<ReadTxn> txn_;
  TxnState state_;
};

}  // namespace

Status Ledger::Init(const std::string& dir, const std::string& origin) {
  if (origin.empty() || origin.find_first_of(" \t\n+") != std::string::npos) {
    return InvalidArgument(
        "origin \"" + origin +
        "\": must be non-empty with no spaces or '+' (e.g. ledger.ofsted.example/2026)");
  }
  std::error_code ec;
  bool created = std::filesystem::create_directories(dir, ec);
  if (ec) return IOError("creating " + dir + ": " + ec.message());
  // The directory holds the signing key: keep others out of it.
  if (created && chmod(dir.c_str(), 0700) != 0) {
    return IOError("chmod 0700 " + dir + ": " + strerror(errno));
  }
  if (access((dir + "/data.mdb").c_str(), F_OK) == 0) {
    return FailedPrecondition(dir + " already holds a ledger");
  }
  ST_ASSIGN_OR_RETURN(Ed25519PrivateKey key, Ed25519PrivateKey::Generate());
  ST_RETURN_IF_ERROR(key.SaveFile(KeyPath(dir)));
  ST_ASSIGN_OR_RETURN(NoteSigner signer, NoteSigner::Create(origin, std::move(key)));
  ST_ASSIGN_OR_RETURN(auto store, Store::Open(dir, {}));
  ST_ASSIGN_OR_RETURN(std::string note, SignedNote(signer, origin, 0, EmptyTreeHash()));
  ST_ASSIGN_OR_RETURN(auto txn, store->BeginWrite());
  ST_RETURN_IF_ERROR(txn->Put(Table::kMeta, "format", kLedgerFormat, false));
  ST_RETURN_IF_ERROR(txn->Put(Table::kMeta, "origin", origin, false));
  ST_RETURN_IF_ERROR(txn->Put(Table::kMeta, "vkey", signer.Verifier().Vkey(), false));
  ST_RETURN_IF_ERROR(txn->Put(Table::kMeta, "checkpoint", note, false));
  ST_RETURN_IF_ERROR(txn->Put(Table::kCheckpoints, U64Key(0), note, true));
  return txn->Commit();
}

Result<std::unique_ptr<Ledger>> Ledger::Open(const std::string& dir, const LedgerOptions& options) {
  std::unique_ptr<Ledger> l(new Ledger());
  l->dir_ = dir;
  l->options_ = options;
  if (!l->options_.clock) l->options_.clock = SystemMicros;
  if (access((dir + "/data.mdb").c_str(), F_OK) != 0) {
    return NotFound(dir + " holds no ledger (run: sharetrail --ledger " + dir +
                    " init --origin NAME)");
  }
  if (!options.read_only) {
    l->lock_fd_ = open((dir + "/writer.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    if (l->lock_fd_ < 0) return IOError("opening " + dir + "/writer.lock: " + strerror(errno));
    if (flock(l->lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      close(l->lock_fd_);
      l->lock_fd_ = -1;
      return FailedPrecondition("ledger " + dir + " is open for writing by another process");
    }
  }
  Store::Options so;
  so.read_only = options.read_only;
  so.map_size = options.map_size;
  ST_ASSIGN_OR_RETURN(l->store_, Store::Open(dir, so));

  ST_ASSIGN_OR_RETURN(auto txn, l->store_->BeginRead());
  ST_ASSIGN_OR_RETURN(std::string format, GetMeta(*txn, "format"));
  if (format != kLedgerFormat) return Corruption("unknown ledger format \"" + format + "\"");
  ST_ASSIGN_OR_RETURN(l->origin_, GetMeta(*txn, "origin"));
  ST_ASSIGN_OR_RETURN(std::string vkey, GetMeta(*txn, "vkey"));
  ST_ASSIGN_OR_RETURN(l->verifier_, NoteVerifier::FromVkey(vkey));

  auto key = Ed25519PrivateKey::LoadFile(KeyPath(dir));
  if (key.ok()) {
    if (key->PublicKey() != l->verifier_.public_key()) {
      return FailedPrecondition(KeyPath(dir) + " does not match the ledger's verifier key " + vkey);
    }
    ST_ASSIGN_OR_RETURN(auto signer, NoteSigner::Create(l->origin_, std::move(key).value()));
    l->signer_.emplace(std::move(signer));
  } else if (!options.read_only || key.status().code() == Code::kPermissionDenied) {
    return key.status();
  }
  ST_ASSIGN_OR_RETURN(uint64_t size, txn->Count(Table::kEntries));
  if (options.reindex) {
    if (options.read_only || !options.state_machine) {
      return InvalidArgument("reindex needs a writable ledger and a state machine");
    }
  } else {
    ST_RETURN_IF_ERROR(l->CheckStateMachine(*txn));
  }
  if (options.read_only) return l;

  // Rebuild the writer's in-memory state from the last commit.
  TxnNodes nodes(*txn);
  ST_ASSIGN_OR_RETURN(l->frontier_, Frontier::Load(nodes, size));
  if (size > 0) {
    ST_ASSIGN_OR_RETURN(l->last_leaf_, nodes.Node(0, size - 1));
    ST_ASSIGN_OR_RETURN(std::string_view last, txn->Get(Table::kEntries, U64Key(size - 1)));
    ST_ASSIGN_OR_RETURN(EntryTail tail, ReadEntryTail(last));
    if (tail.seq != size - 1) return Corruption("last entry has seq " + std::to_string(tail.seq));
    ST_ASSIGN_OR_RETURN(l->last_micros_, ParseTime(tail.time));
  }
  txn.reset();
  if (options.reindex) ST_RETURN_IF_ERROR(l->RebuildState(size));
  l->writer_ = std::thread([p = l.get()] { p->WriterLoop(); });
  return l;
}

Ledger::~Ledger() {
  if (writer_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    writer_cv_.notify_all();
    writer_.join();
  }
  store_.reset();
  if (lock_fd_ >= 0) close(lock_fd_);
}

Status Ledger::CheckStateMachine(const ReadTxn& txn) const {
  auto stored = txn.Get(Table::kMeta, kMachineKey);
  std::string built = stored.ok() ? std::string(*stored) : std::string();
  const StateMachine* machine = options_.state_machine.get();
  if (machine == nullptr) {
    // Reading without the machine is fine (proofs, verify of the log); writing
    // would append entries the machine never decided.
    if (built.empty() || options_.read_only) return Status::Ok();
    return FailedPrecondition("this ledger is governed by \"" + built +
                              "\"; appending without it would bypass its rules");
  }
  if (built == machine->Name()) return Status::Ok();
  ST_ASSIGN_OR_RETURN(uint64_t size, txn.Count(Table::kEntries));
  if (built.empty() && size == 0) return Status::Ok();  // the first commit records it
  std::string why = built.empty() ? "has never been built"
                    : std::string_view(built).starts_with(kRebuilding)
                        ? "was being rebuilt when the rebuild stopped"
                        : "was built by \"" + built + "\"";
  return FailedPrecondition("the derived state of " + dir_ + " " + why + ", not by \"" +
                            machine->Name() + "\"; run: sharetrail --ledger " + dir_ + " reindex");
}

Status Ledger::RebuildState(uint64_t size) {
  const StateMachine& machine = *options_.state_machine;
  {
    ST_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
    ST_RETURN_IF_ERROR(txn->Clear(Table::kState));
    ST_RETURN_IF_ERROR(
        txn->Put(Table::kMeta, kMachineKey, std::string(kRebuilding) + machine.Name(), false));
    ST_RETURN_IF_ERROR(txn->Commit());
  }
  // Chunks keep each transaction's dirty pages bounded; the marker above
  // makes a half-finished rebuild visible to the next Open.
  for (uint64_t start = 0; start < size; start += kRebuildChunk) {
    ST_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
    TxnState state(*txn, txn.get());
    uint64_t end = std::min(size, start + kRebuildChunk);
    for (uint64_t seq = start; seq < end; ++seq) {
      ST_ASSIGN_OR_RETURN(std::string_view bytes, txn->Get(Table::kEntries, U64Key(seq)));
      auto entry = DecodeEntry(bytes);
      if (!entry.ok())
        return entry.status().WithContext("reindex: seq " + std::to_string(seq) + ": ");
      ST_RETURN_IF_ERROR(
          machine.Apply(*entry, &state).WithContext("reindex: seq " + std::to_string(seq) + ": "));
    }
    ST_RETURN_IF_ERROR(txn->Commit());
    if (options_.reindex_progress) options_.reindex_progress(end, size);
  }
  ST_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
  ST_RETURN_IF_ERROR(txn->Put(Table::kMeta, kMachineKey, machine.Name(), false));
  return txn->Commit();
}

Result<std::unique_ptr<Snapshot>> Ledger::Read() const {
  ST_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  return std::unique_ptr<Snapshot>(new TxnSnapshot(std::move(txn)));
}

Result<uint64_t> Ledger::Size() const {
  ST_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  return txn->Count(Table::kEntries);
}

Result<std::string> Ledger::EntryBytes(uint64_t seq) const {
  ST_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  auto v = txn->Get(Table::kEntries, U64Key(seq));
  if (!v.ok() && v.status().code() == Code::kNotFound) {
    ST_ASSIGN_OR_RETURN(uint64_t size, txn->Count(Table::kEntries));
    return NotFound("no entry with seq " + std::to_string(seq) + " (the ledger has " +
                    std::to_string(size) + " entries)");
  }
  if (!v.ok()) return v.status();
  return std::string(*v);
}

Result<Hash> Ledger::Root(uint64_t size) const {
  ST_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  ST_ASSIGN_OR_RETURN(uint64_t have, txn->Count(Table::kEntries));
  ST_RETURN_IF_ERROR(CheckSize(size, have, "size"));
  return RootAt(TxnNodes(*txn), size);
}

Result<std::string> Ledger::SignCheckpoint(uint64_t size, const Hash& root) const {
  if (!signer_) return FailedPrecondition("the signing key is not available to this process");
  return SignedNote(*signer_, origin_, size, root);
}

Result<std::string> Ledger::SignedCheckpoint(std::optional<uint64_t> size) const {
  ST_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  ST_ASSIGN_OR_RETURN(uint64_t have, txn->Count(Table::kEntries));
  if (!size || *size == have) return GetMeta(*txn, "checkpoint");
  ST_RETURN_IF_ERROR(CheckSize(*size, have, "checkpoint size"));
  auto kept = txn->Get(Table::kCheckpoints, U64Key(*size));
  if (kept.ok()) return std::string(*kept);
  ST_ASSIGN_OR_RETURN(Hash root, RootAt(TxnNodes(*txn), *size));
  return SignCheckpoint(*size, root);
}

Result<InclusionProof> Ledger::ProveInclusion(uint64_t seq, std::optional<uint64_t> size) const {
  ST_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  ST_ASSIGN_OR_RETURN(uint64_t have, txn->Count(Table::kEntries));
  InclusionProof p;
  p.leaf_index = seq;
  p.tree_size = size.value_or(have);
  ST_RETURN_IF_ERROR(CheckSize(p.tree_size, have, "tree size"));
  if (seq >= p.tree_size) {
    return OutOfRange("seq " + std::to_string(seq) + " is not in a tree of size " +
                      std::to_string(p.tree_size));
  }
  TxnNodes nodes(*txn);
  ST_ASSIGN_OR_RETURN(p.leaf_hash, nodes.Node(0, seq));
  ST_ASSIGN_OR_RETURN(p.hashes, InclusionPath(nodes, seq, p.tree_size));
  return p;
}

Result<ConsistencyProof> Ledger::ProveConsistency(uint64_t first, uint64_t second) const {
  ST_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  ST_ASSIGN_OR_RETURN(uint64_t have, txn->Count(Table::kEntries));
  ST_RETURN_IF_ERROR(CheckSize(second, have, "second size"));
  if (first == 0 || first > second) {
    return InvalidArgument("consistency needs 0 < first <= second (got first " +
                           std::to_string(first) + ", second " + std::to_string(second) + ")");
  }
  ConsistencyProof p{first, second, {}};
  ST_ASSIGN_OR_RETURN(p.hashes, ConsistencyPath(TxnNodes(*txn), first, second));
  return p;
}

}  // namespace sharetrail
