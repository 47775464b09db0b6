// Reading LMDB's data file page by page, without LMDB: the salvage scan.
//
// LMDB writes a commit's changed pages, the tables' roots among them, at the
// end of the file, so a truncated data file loses its roots first and LMDB
// can read nothing from it. Its leaf pages are still there: this reads them
// directly, for verify to say which entries survive and which seq is the
// first lost. It is the only code besides store.cc that knows LMDB, and it
// knows only the on-disk format of LMDB 0.9 (mdb.c: MDB_page, MDB_node,
// MDB_meta, MDB_db), which has not changed since 0.9.0 (2012).
//
// Invariants: nothing here trusts the file. Every offset and length is
// checked against the page and the file before it is read; a page that does
// not hold its own number or is not a plain leaf is skipped, not an error.
// Records may repeat: copy-on-write leaves older copies of a leaf in pages
// LMDB has freed but not yet reused.
#ifndef SHARETRAIL_LEDGER_STORE_PAGES_H_
#define SHARETRAIL_LEDGER_STORE_PAGES_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/status.h"

namespace sharetrail {

struct PageScanSummary {
  uint32_t page_size = 0;
  uint64_t pages = 0;       // whole pages in the file
  uint64_t leaf_pages = 0;  // plain leaf pages read
  // From the newer intact meta page: the last page the latest commit used,
  // and the number of records in the named table, if its root page (the
  // main table's) survives.
  uint64_t last_page = 0;
  std::optional<uint64_t> table_records;
};

// Calls `record(key, value)` for every record of every leaf page of the
// LMDB data file `data` (the whole file's bytes), including values stored
// in overflow pages. Views point into `data`. `table` names the table whose
// record count the summary reports. Corruption if neither meta page is an
// LMDB meta page.
Result<PageScanSummary> ScanLeafRecords(
    std::string_view data, std::string_view table,
    const std::function<void(std::string_view key, std::string_view value)>& record);

// The data file's bytes, mapped read-only for as long as the object lives.
class MappedFile {
 public:
  static Result<MappedFile> Open(const std::string& path);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&&) = delete;
  ~MappedFile();
  std::string_view bytes() const { return {data_, size_}; }

 private:
  MappedFile(const char* data, size_t size) : data_(data), size_(size) {}
  const char* data_;
  size_t size_;
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_STORE_PAGES_H_
