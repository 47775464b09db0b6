#include "ledger/store.h"

#include <fcntl.h>
#include <lmdb.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sharetrail {
namespace {

// Free space under which a failed write is put down to a full filesystem.
constexpr uint64_t kFullBelow = uint64_t{1} << 20;

constexpr const char* kTableNames[kTableCount] = {"meta", "entries", "nodes", "checkpoints",
                                                  "state"};

Status LmdbError(const char* what, int rc) {
  std::string msg = std::string(what) + ": " + mdb_strerror(rc);
  if (rc == MDB_MAP_FULL) msg += " (the ledger reached its configured map size)";
  if (rc == ENOSPC) msg += " (the filesystem is full)";
  // Damage, not a failing device: verify reports it as a finding.
  if (rc == MDB_CORRUPTED || rc == MDB_PAGE_NOTFOUND || rc == MDB_INVALID) return Corruption(msg);
  return IOError(msg);
}

MDB_val Val(std::string_view s) { return MDB_val{s.size(), const_cast<char*>(s.data())}; }
std::string_view View(const MDB_val& v) { return {static_cast<const char*>(v.mv_data), v.mv_size}; }

}  // namespace

U64Key::U64Key(uint64_t v) {
  for (int i = 7; i >= 0; --i, v >>= 8) bytes_[i] = static_cast<char>(v & 0xff);
}

Result<uint64_t> U64Key::Decode(std::string_view key) {
  if (key.size() != 8) return Corruption("key of " + std::to_string(key.size()) + " bytes, want 8");
  uint64_t v = 0;
  for (char c : key) v = (v << 8) | static_cast<uint8_t>(c);
  return v;
}

ReadTxn::~ReadTxn() {
  if (txn_ != nullptr) mdb_txn_abort(txn_);
}

Result<std::string_view> ReadTxn::Get(Table table, std::string_view key) const {
  MDB_val k = Val(key), v;
  int rc = mdb_get(txn_, dbis_[static_cast<int>(table)], &k, &v);
  if (rc == MDB_NOTFOUND) return NotFound(std::string(kTableNames[static_cast<int>(table)]));
  if (rc != 0) return LmdbError("mdb_get", rc);
  return View(v);
}

std::unique_ptr<Cursor> ReadTxn::OpenCursor(Table table) const {
  MDB_cursor* c = nullptr;
  if (mdb_cursor_open(txn_, dbis_[static_cast<int>(table)], &c) != 0) return nullptr;
  return std::unique_ptr<Cursor>(new Cursor(c));
}

Result<uint64_t> ReadTxn::Count(Table table) const {
  MDB_stat st;
  int rc = mdb_stat(txn_, dbis_[static_cast<int>(table)], &st);
  if (rc != 0) return LmdbError("mdb_stat", rc);
  return static_cast<uint64_t>(st.ms_entries);
}

WriteTxn::~WriteTxn() = default;  // ReadTxn's destructor aborts a live txn

Status WriteTxn::Put(Table table, std::string_view key, std::string_view value, bool append) {
  MDB_val k = Val(key), v = Val(value);
  int rc = mdb_put(txn_, dbis_[static_cast<int>(table)], &k, &v, append ? MDB_APPEND : 0);
  if (rc == MDB_KEYEXIST)
    return Internal(std::string("out-of-order append to ") + kTableNames[static_cast<int>(table)]);
  if (rc != 0) return LmdbError("mdb_put", rc);
  return Status::Ok();
}

Status WriteTxn::Delete(Table table, std::string_view key) {
  MDB_val k = Val(key);
  int rc = mdb_del(txn_, dbis_[static_cast<int>(table)], &k, nullptr);
  if (rc == MDB_NOTFOUND) return NotFound(std::string(kTableNames[static_cast<int>(table)]));
  if (rc != 0) return LmdbError("mdb_del", rc);
  return Status::Ok();
}

Status WriteTxn::Clear(Table table) {
  int rc = mdb_drop(txn_, dbis_[static_cast<int>(table)], 0);
  if (rc != 0) return LmdbError("mdb_drop", rc);
  return Status::Ok();
}

Result<char*> WriteTxn::Reserve(Table table, std::string_view key, size_t size, bool append) {
  MDB_val k = Val(key), v{size, nullptr};
  int rc = mdb_put(txn_, dbis_[static_cast<int>(table)], &k, &v,
                   MDB_RESERVE | (append ? MDB_APPEND : 0));
  if (rc == MDB_KEYEXIST)
    return Internal(std::string("out-of-order append to ") + kTableNames[static_cast<int>(table)]);
  if (rc != 0) return LmdbError("mdb_put", rc);
  return static_cast<char*>(v.mv_data);
}

Status WriteTxn::Commit() {
  MDB_txn* txn = txn_;
  MDB_env* env = mdb_txn_env(txn);
  txn_ = nullptr;  // LMDB frees the txn whether or not commit succeeds
  int rc = mdb_txn_commit(txn);
  if (rc == EIO) {
    // LMDB reports a short page write as EIO, which is what a commit sees
    // when the filesystem fills: say so when free space says so.
    const char* path = nullptr;
    struct statvfs fs;
    if (mdb_env_get_path(env, &path) == 0 && statvfs(path, &fs) == 0) {
      uint64_t free = static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize;
      if (free < kFullBelow) {
        return IOError("mdb_txn_commit: " + std::string(mdb_strerror(rc)) +
                       " (the filesystem is full: " + std::to_string(free) + " bytes free)");
      }
    }
  }
  if (rc != 0) return LmdbError("mdb_txn_commit", rc);
  return Status::Ok();
}

Result<std::unique_ptr<WriteTxn>> WriteTxn::BeginChild() {
  MDB_txn* child = nullptr;
  int rc = mdb_txn_begin(mdb_txn_env(txn_), txn_, 0, &child);
  if (rc != 0) return LmdbError("mdb_txn_begin(nested)", rc);
  return std::unique_ptr<WriteTxn>(new WriteTxn(child, dbis_));
}

Cursor::~Cursor() { mdb_cursor_close(cursor_); }

Status Cursor::Move(int op, std::string_view key) {
  MDB_val k = Val(key), v;
  int rc = mdb_cursor_get(cursor_, &k, &v, static_cast<MDB_cursor_op>(op));
  valid_ = rc == 0;
  if (rc == MDB_NOTFOUND) return Status::Ok();
  if (rc != 0) return LmdbError("mdb_cursor_get", rc);
  key_ = View(k);
  value_ = View(v);
  return Status::Ok();
}

Status Cursor::SeekFirst() { return Move(MDB_FIRST, {}); }
Status Cursor::Seek(std::string_view key) { return Move(MDB_SET_RANGE, key); }
Status Cursor::Next() { return Move(MDB_NEXT, {}); }

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const Options& options) {
  std::unique_ptr<Store> store(new Store());
  int rc = mdb_env_create(&store->env_);
  if (rc != 0) return LmdbError("mdb_env_create", rc);
  mdb_env_set_maxdbs(store->env_, kTableCount);
  rc = mdb_env_set_mapsize(store->env_, options.map_size);
  if (rc != 0) return LmdbError("mdb_env_set_mapsize", rc);
  // NOTLS: read snapshots may be handed between request threads.
  unsigned int flags = MDB_NOTLS | (options.read_only ? MDB_RDONLY : 0);
  rc = mdb_env_open(store->env_, dir.c_str(), flags, 0600);
  if (rc != 0) {
    return LmdbError(("opening ledger store in " + dir).c_str(), rc);
  }
  int dead = 0;
  mdb_reader_check(store->env_, &dead);  // clear slots of crashed readers
  ST_RETURN_IF_ERROR(store->CheckNotTruncated());

  MDB_txn* txn = nullptr;
  rc = mdb_txn_begin(store->env_, nullptr, options.read_only ? MDB_RDONLY : 0, &txn);
  if (rc != 0) return LmdbError("mdb_txn_begin", rc);
  for (int i = 0; i < kTableCount; ++i) {
    rc = mdb_dbi_open(txn, kTableNames[i], options.read_only ? 0 : MDB_CREATE, &store->dbis_[i]);
    if (rc != 0) {
      mdb_txn_abort(txn);
      if (rc == MDB_NOTFOUND)
        return NotFound(dir + " is not an initialised ledger (no " + kTableNames[i] + " table)");
      return LmdbError("mdb_dbi_open", rc);
    }
  }
  rc = mdb_txn_commit(txn);
  if (rc != 0) return LmdbError("mdb_txn_commit", rc);
  return store;
}

Store::~Store() {
  if (env_ != nullptr) mdb_env_close(env_);
}

Result<std::unique_ptr<ReadTxn>> Store::BeginRead() const {
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn);
  if (rc != 0) return LmdbError("mdb_txn_begin(read)", rc);
  return std::unique_ptr<ReadTxn>(new ReadTxn(txn, dbis_));
}

Result<std::unique_ptr<WriteTxn>> Store::BeginWrite() {
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env_, nullptr, 0, &txn);
  if (rc != 0) return LmdbError("mdb_txn_begin(write)", rc);
  return std::unique_ptr<WriteTxn>(new WriteTxn(txn, dbis_));
}

Status Store::CopyTo(const std::string& dir, bool compact) const {
  int rc = mdb_env_copy2(env_, dir.c_str(), compact ? MDB_CP_COMPACT : 0);
  if (rc != 0) return LmdbError(("copying ledger to " + dir).c_str(), rc);
  return Status::Ok();
}

Result<uint64_t> Store::UsedBytes() const {
  MDB_envinfo info;
  MDB_stat st;
  int rc = mdb_env_info(env_, &info);
  if (rc == 0) rc = mdb_env_stat(env_, &st);
  if (rc != 0) return LmdbError("mdb_env_info", rc);
  return static_cast<uint64_t>(info.me_last_pgno + 1) * st.ms_psize;
}

Status Store::CheckNotTruncated() const {
  ST_ASSIGN_OR_RETURN(uint64_t used, UsedBytes());
  int fd = -1;
  if (mdb_env_get_fd(env_, &fd) != 0) return IOError("mdb_env_get_fd failed");
  struct stat st;
  if (fstat(fd, &st) != 0) return IOError(std::string("fstat data.mdb: ") + strerror(errno));
  if (static_cast<uint64_t>(st.st_size) < used) {
    return Corruption("data.mdb is " + std::to_string(st.st_size) +
                      " bytes but its committed pages run to " + std::to_string(used) +
                      ": the file was truncated; restore it from a backup");
  }
  return Status::Ok();
}

Status Store::EnsureHeadroom() {
  ST_ASSIGN_OR_RETURN(uint64_t used, UsedBytes());
  const uint64_t grow_by = std::clamp<uint64_t>(used / 4, uint64_t{1} << 20, uint64_t{64} << 20);
  const uint64_t min_free = grow_by / 2;
  int fd = -1;
  if (mdb_env_get_fd(env_, &fd) != 0) return IOError("mdb_env_get_fd failed");
  struct stat st;
  if (fstat(fd, &st) != 0) return IOError(std::string("fstat data.mdb: ") + strerror(errno));
  uint64_t size = static_cast<uint64_t>(st.st_size);
  if (size >= used + min_free) return Status::Ok();
  // Zeros, not fallocate: on ext4 a write into an fallocated (unwritten)
  // extent still converts it in the journal at fsync time.
  static const std::string kZeros(1 << 20, '\0');
  for (uint64_t off = size; off < size + grow_by; off += kZeros.size()) {
    ssize_t n = pwrite(fd, kZeros.data(), kZeros.size(), static_cast<off_t>(off));
    if (n != static_cast<ssize_t>(kZeros.size())) {
      // Give back what we took: a failed extension must not eat the space
      // the next commit needs.
      if (ftruncate(fd, static_cast<off_t>(size)) != 0) {
        // Nothing more to do; the space is zeros beyond LMDB's pages.
      }
      return IOError(std::string("growing data.mdb: ") + (n < 0 ? strerror(errno) : "short write"));
    }
  }
  if (fdatasync(fd) != 0) return IOError(std::string("fdatasync data.mdb: ") + strerror(errno));
  return Status::Ok();
}

}  // namespace sharetrail
