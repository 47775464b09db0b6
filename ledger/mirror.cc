#include "ledger/mirror.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>

#include "ledger/base64.h"
#include "ledger/entry.h"
#include "ledger/ledger.h"
#include "ledger/merkle.h"
#include "ledger/tiles.h"
#include "ledger/txn_nodes.h"
#include "ledger/txn_state.h"

namespace sharetrail {
namespace {

constexpr std::string_view kSourceKey = "mirror_source";

Result<std::string> Meta(const ReadTxn& txn, std::string_view key, const std::string& dir) {
  auto v = txn.Get(Table::kMeta, key);
  if (!v.ok())
    return FailedPrecondition(dir + " is not a mirror (no \"" + std::string(key) + "\")");
  return std::string(*v);
}

}  // namespace

Result<std::unique_ptr<Mirror>> Mirror::Open(const std::string& dir, const std::string& source,
                                             const std::optional<std::string>& vkey,
                                             const MirrorOptions& options) {
  std::unique_ptr<Mirror> m(new Mirror());
  m->dir_ = dir;
  m->source_ = source;
  m->options_ = options;
  if (access((dir + "/signing.key").c_str(), F_OK) == 0) {
    return FailedPrecondition(dir + " holds a ledger with its signing key; a mirror is a copy " +
                              "without one (choose another directory)");
  }
  bool exists = access((dir + "/data.mdb").c_str(), F_OK) == 0;
  if (!exists && !vkey) {
    return InvalidArgument("--vkey is required the first time " + dir +
                           " mirrors a log (the key its checkpoints must be signed with)");
  }
  if (vkey) {
    auto v = NoteVerifier::FromVkey(*vkey);
    if (!v.ok()) return v.status().WithContext("--vkey: ");
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IOError("creating " + dir + ": " + ec.message());
  m->lock_fd_ = open((dir + "/writer.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (m->lock_fd_ < 0) return IOError("opening " + dir + "/writer.lock: " + strerror(errno));
  if (flock(m->lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    return FailedPrecondition(dir + " is being written by another process");
  }
  if (exists) {
    Status opened = m->OpenStore();
    if (opened.code() == Code::kNotFound) {
      // A first step cut short (killed) before its commit: an empty store.
      m->RemoveStore();
      exists = false;
      if (!vkey) {
        return InvalidArgument("--vkey is required the first time " + dir +
                               " mirrors a log (its first sync did not complete)");
      }
    } else if (!opened.ok()) {
      return opened;
    }
  }
  if (exists) {
    if (vkey && *vkey != m->vkey_) {
      return InvalidArgument("--vkey " + *vkey + " differs from the key " + dir +
                             " mirrors with (" + m->vkey_ + "); a mirror follows one log");
    }
  } else {
    m->vkey_ = *vkey;
  }
  ST_ASSIGN_OR_RETURN(m->verifier_, NoteVerifier::FromVkey(m->vkey_));
  return m;
}

Status Mirror::OpenStore() {
  Store::Options so;
  so.map_size = options_.map_size;
  ST_ASSIGN_OR_RETURN(store_, Store::Open(dir_, so));
  ST_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  ST_ASSIGN_OR_RETURN(uint64_t records, txn->Count(Table::kMeta));
  if (records == 0) return NotFound(dir_ + " holds an empty store");
  ST_ASSIGN_OR_RETURN(std::string format, Meta(*txn, "format", dir_));
  if (format != kLedgerFormat) return Corruption("unknown ledger format \"" + format + "\"");
  ST_RETURN_IF_ERROR(Meta(*txn, kSourceKey, dir_).status());
  ST_ASSIGN_OR_RETURN(vkey_, Meta(*txn, "vkey", dir_));
  ST_ASSIGN_OR_RETURN(origin_, Meta(*txn, "origin", dir_));
  auto built = txn->Get(Table::kMeta, kStateMachineMetaKey);
  std::string have = built.ok() ? std::string(*built) : "";
  std::string want = options_.state_machine ? options_.state_machine->Name() : "";
  if (have != want) {
    return FailedPrecondition(dir_ + " keeps derived state " +
                              (have.empty() ? "of no state machine" : "by \"" + have + "\"") +
                              ", not " + (want.empty() ? "none" : "by \"" + want + "\"") +
                              "; mirror into a new directory");
  }
  return Status::Ok();
}

Mirror::~Mirror() {
  store_.reset();
  if (lock_fd_ >= 0) close(lock_fd_);
}

Result<MirrorStep> Mirror::Step(const TileFetcher& fetch) {
  auto fetched = fetch("checkpoint");
  if (!fetched.ok()) return fetched.status().WithContext(source_ + " checkpoint: ");
  const std::string& note = *fetched;
  auto opened = OpenNote(note, {verifier_});
  if (!opened.ok()) {
    return opened.status().WithContext(source_ + " checkpoint: not signed by " + vkey_ + ": ");
  }
  auto cp = Checkpoint::Parse(opened->text);
  if (!cp.ok()) return cp.status().WithContext(source_ + " checkpoint: ");
  if (!origin_.empty() && cp->origin != origin_) {
    return FailedPrecondition(source_ + " checkpoint names origin \"" + cp->origin +
                              "\", but this mirror follows \"" + origin_ + "\"");
  }
  bool fresh = store_ == nullptr;
  auto step = Extend(fetch, note, *cp);
  // The first step creates the store; a failed one leaves none behind.
  if (!step.ok() && fresh) RemoveStore();
  return step;
}

void Mirror::RemoveStore() {
  store_.reset();
  std::error_code ec;
  std::filesystem::remove(dir_ + "/data.mdb", ec);
  std::filesystem::remove(dir_ + "/lock.mdb", ec);
}

Result<MirrorStep> Mirror::Extend(const TileFetcher& fetch, const std::string& note,
                                  const Checkpoint& cp) {
  bool fresh = store_ == nullptr;
  if (fresh) {
    Store::Options so;
    so.map_size = options_.map_size;
    ST_ASSIGN_OR_RETURN(store_, Store::Open(dir_, so));
  }
  ST_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
  ST_ASSIGN_OR_RETURN(uint64_t have, txn->Count(Table::kEntries));
  TxnNodes nodes(*txn);
  ST_ASSIGN_OR_RETURN(Frontier frontier, Frontier::Load(nodes, have));
  MirrorStep step{cp.origin, have, cp.size, cp.root};
  if (cp.size < have) {
    return FailedPrecondition(source_ + " signed a checkpoint of size " + std::to_string(cp.size) +
                              ", smaller than the " + std::to_string(have) +
                              " entries this mirror holds: a rollback (or another log under the " +
                              "same key); the mirror is unchanged");
  }
  if (cp.size == have && !fresh) {
    if (cp.root != frontier.Root()) {
      return FailedPrecondition(source_ + " signed root " + Base64(cp.root) + " for size " +
                                std::to_string(have) + ", but this mirror holds root " +
                                Base64(frontier.Root()) +
                                " for that size: a fork (keep both checkpoints as evidence); "
                                "the mirror is unchanged");
    }
    return step;
  }
  Hash prev{};
  int64_t last_micros = INT64_MIN;
  if (have > 0) {
    ST_ASSIGN_OR_RETURN(prev, nodes.Node(0, have - 1));
    ST_ASSIGN_OR_RETURN(std::string_view last, txn->Get(Table::kEntries, U64Key(have - 1)));
    ST_ASSIGN_OR_RETURN(EntryTail tail, ReadEntryTail(last));
    ST_ASSIGN_OR_RETURN(last_micros, ParseTime(tail.time));
  }
  TxnState state(*txn, txn.get());
  std::vector<Frontier::NewNode> completed;
  for (uint64_t tile = have / kTileWidth; tile * kTileWidth < cp.size; ++tile) {
    TilePath path{true, 0, tile, TileCoverage(0, tile, cp.size)};
    std::string where = source_ + " " + path.ToString() + ": ";
    auto bundle = fetch(path.ToString());
    if (!bundle.ok()) return bundle.status().WithContext(where);
    auto parts = SplitEntryBundle(*bundle, path.width);
    if (!parts.ok()) return parts.status().WithContext(where);
    for (uint64_t i = 0; i < path.width; ++i) {
      uint64_t seq = tile * kTileWidth + i;
      std::string_view bytes = (*parts)[i];
      std::string at = where + "entry " + std::to_string(seq) + ": ";
      if (seq < have) {
        ST_ASSIGN_OR_RETURN(std::string_view mine, txn->Get(Table::kEntries, U64Key(seq)));
        if (mine != bytes) {
          return FailedPrecondition(at +
                                    "differs from the entry this mirror holds: a fork; the "
                                    "mirror is unchanged");
        }
        continue;
      }
      auto entry = DecodeEntry(bytes);
      if (!entry.ok()) return entry.status().WithContext(at);
      if (entry->seq != seq) {
        return Corruption(at + "carries seq " + std::to_string(entry->seq));
      }
      if (entry->prev != prev) {
        return Corruption(at + "prev " + Base64(entry->prev) + " is not the previous leaf hash " +
                          Base64(prev));
      }
      ST_ASSIGN_OR_RETURN(int64_t micros, ParseTime(entry->time));
      if (micros < last_micros) return Corruption(at + "time " + entry->time + " goes backwards");
      last_micros = micros;
      prev = LeafHash(bytes);
      completed.clear();
      frontier.Append(prev, &completed);
      ST_RETURN_IF_ERROR(txn->Put(Table::kEntries, U64Key(seq), bytes, true));
      for (const auto& n : completed) {
        ST_RETURN_IF_ERROR(
            txn->Put(Table::kNodes, U64Key(NodeId(n.level, n.index)), AsBytes(n.hash), true));
      }
      if (options_.state_machine) {
        Status s = options_.state_machine->Apply(*entry, &state);
        if (!s.ok()) return s.WithContext(at + "deriving state: ");
      }
    }
  }
  if (frontier.Root() != cp.root) {
    return FailedPrecondition("the entries " + source_ + " served give root " +
                              Base64(frontier.Root()) + " at size " + std::to_string(cp.size) +
                              ", but its checkpoint signs " + Base64(cp.root) +
                              "; nothing was stored");
  }
  ST_RETURN_IF_ERROR(txn->Put(Table::kCheckpoints, U64Key(cp.size), note, true));
  ST_RETURN_IF_ERROR(txn->Put(Table::kMeta, "checkpoint", note, false));
  ST_RETURN_IF_ERROR(txn->Put(Table::kMeta, kSourceKey, source_, false));
  if (fresh) {
    ST_RETURN_IF_ERROR(txn->Put(Table::kMeta, "format", kLedgerFormat, false));
    ST_RETURN_IF_ERROR(txn->Put(Table::kMeta, "origin", cp.origin, false));
    ST_RETURN_IF_ERROR(txn->Put(Table::kMeta, "vkey", vkey_, false));
    if (options_.state_machine) {
      ST_RETURN_IF_ERROR(
          txn->Put(Table::kMeta, kStateMachineMetaKey, options_.state_machine->Name(), false));
    }
  }
  ST_RETURN_IF_ERROR(txn->Commit());
  origin_ = cp.origin;
  return step;
}

}  // namespace sharetrail
