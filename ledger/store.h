// The LMDB environment behind one ledger directory; the only file (with
// store.cc) that knows LMDB exists.
//
// Tables (LMDB named databases):
//   meta         string key  -> value      (origin, format, latest checkpoint)
//   entries      u64 BE seq  -> canonical entry bytes
//   nodes        u64 BE NodeId(level, index) -> 32-byte hash
//   checkpoints  u64 BE size -> signed checkpoint note (retained ones)
//   state        bytes -> bytes          (derived records, see state.h)
//
// Invariants the store relies on, not checks: one writing process (the ledger
// holds an exclusive lock file), and every u64 key written in increasing order
// so pages fill in MDB_APPEND mode (state keys are written in any order). A commit returns only
// after LMDB has fsync'd data and meta pages (no MDB_NOSYNC, no MDB_NOMETASYNC).
#ifndef SHARETRAIL_LEDGER_STORE_H_
#define SHARETRAIL_LEDGER_STORE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ledger/status.h"

struct MDB_env;
struct MDB_txn;
struct MDB_cursor;

namespace sharetrail {

enum class Table : int { kMeta = 0, kEntries = 1, kNodes = 2, kCheckpoints = 3, kState = 4 };
constexpr int kTableCount = 5;

// 8-byte big-endian key, so LMDB's byte order is numeric order.
class U64Key {
 public:
  explicit U64Key(uint64_t v);
  operator std::string_view() const { return {bytes_.data(), bytes_.size()}; }  // NOLINT
  static Result<uint64_t> Decode(std::string_view key);

 private:
  std::array<char, 8> bytes_;
};

class Cursor;

// A snapshot; views it returns stay valid until it is destroyed. Not shared
// between threads at once, but may move between them (MDB_NOTLS).
class ReadTxn {
 public:
  virtual ~ReadTxn();
  // NotFound if the key is absent.
  Result<std::string_view> Get(Table table, std::string_view key) const;
  std::unique_ptr<Cursor> OpenCursor(Table table) const;
  // Number of records in a table.
  Result<uint64_t> Count(Table table) const;

 protected:
  friend class Store;
  friend class Cursor;
  ReadTxn(MDB_txn* txn, const unsigned int* dbis) : txn_(txn), dbis_(dbis) {}
  MDB_txn* txn_;
  const unsigned int* dbis_;
};

class WriteTxn : public ReadTxn {
 public:
  ~WriteTxn() override;  // aborts unless committed
  // append=true promises key sorts after every key in the table (MDB_APPEND).
  Status Put(Table table, std::string_view key, std::string_view value, bool append);
  // NotFound if absent. The ledger never deletes; tools and tamper tests do.
  Status Delete(Table table, std::string_view key);
  // Removes every record of a table.
  Status Clear(Table table);
  // Like Put, but returns a buffer of `size` bytes to fill before commit.
  Result<char*> Reserve(Table table, std::string_view key, size_t size, bool append);
  Status Commit();
  // A nested transaction: its writes reach this one only if it commits.
  // This transaction must not be used until the child commits or is
  // destroyed (aborted).
  Result<std::unique_ptr<WriteTxn>> BeginChild();

 private:
  friend class Store;
  using ReadTxn::ReadTxn;
};

// Iterates one table in key order.
class Cursor {
 public:
  ~Cursor();
  Status SeekFirst();
  Status Seek(std::string_view key);  // first key >= key
  Status Next();
  bool Valid() const { return valid_; }
  std::string_view key() const { return key_; }
  std::string_view value() const { return value_; }

 private:
  friend class ReadTxn;
  explicit Cursor(MDB_cursor* c) : cursor_(c) {}
  Status Move(int op, std::string_view key);
  MDB_cursor* cursor_;
  bool valid_ = false;
  std::string_view key_, value_;
};

class Store {
 public:
  struct Options {
    bool read_only = false;
    // Upper bound on the data file; LMDB reserves address space, not disk.
    uint64_t map_size = uint64_t{1} << 40;
  };

  // Opens (creating if needed and writable) dir/data.mdb.
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, const Options& options);
  ~Store();

  Result<std::unique_ptr<ReadTxn>> BeginRead() const;
  Result<std::unique_ptr<WriteTxn>> BeginWrite();
  // Hot copy of a consistent snapshot into an empty directory.
  Status CopyTo(const std::string& dir, bool compact) const;
  // Bytes in use by the data file (pages actually written).
  Result<uint64_t> UsedBytes() const;
  // Keeps zeroed space in the data file beyond the pages in use: a quarter
  // of the used size, between 1 and 64 MiB, topped up when half is gone.
  // Writes into allocated blocks make each commit's fsync cheaper than
  // writes that extend the file (no block allocation or size change to
  // journal), and small ledgers stay small. Call only between write
  // transactions, from the writing thread.
  Status EnsureHeadroom();

 private:
  Store() = default;
  // Pages past the end of the file would fault (SIGBUS) when read through
  // the map, so a truncated file is refused at open, before any read.
  Status CheckNotTruncated() const;
  MDB_env* env_ = nullptr;
  unsigned int dbis_[kTableCount] = {};
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_STORE_H_
