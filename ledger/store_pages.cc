#include "ledger/store_pages.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sharetrail {
namespace {

// LMDB 0.9's on-disk layout on a 64-bit little-endian machine (mdb.c).
// Page header (MDB_page): pgno u64 @0, pad u16 @8, flags u16 @10, then
// lower u16 @12 and upper u16 @14 (or, on an overflow page, the number of
// pages as u32 @12); the node offsets (u16 each) follow at @16.
constexpr size_t kPageHeader = 16;
constexpr uint16_t kBranch = 0x01, kLeaf = 0x02, kOverflow = 0x04, kMeta = 0x08, kLeaf2 = 0x20,
                   kSubPage = 0x40;
// Meta page (MDB_meta after the header): magic u32 @16, version u32 @20,
// then two MDB_db (free pages @40, main table @88), last page u64 @136 and
// transaction id u64 @144. MDB_db: pad u32 @0 (the free table's is the page
// size), flags u16 @4, depth u16 @6, then u64 branch, leaf and overflow page
// counts, records @32 and root page @40.
constexpr uint32_t kMagic = 0xBEEFC0DE;
constexpr size_t kFreeDb = 40, kMainDb = 88, kLastPage = 136, kTxnId = 144, kMetaEnd = 152;
constexpr size_t kDbRecords = 32, kDbRoot = 40, kDbSize = 48;
constexpr uint64_t kNoPage = ~uint64_t{0};
// Node (MDB_node): data size lo u16 @0 and hi u16 @2, flags u16 @4, key size
// u16 @6, key @8, then the data, or for a big value the u64 number of the
// first overflow page holding it.
constexpr size_t kNodeHeader = 8;
constexpr uint16_t kBigData = 0x01, kSubData = 0x02, kDupData = 0x04;

template <typename T>
T Load(std::string_view bytes, size_t at) {
  T v;
  std::memcpy(&v, bytes.data() + at, sizeof v);
  return v;
}

struct Meta {
  uint32_t page_size = 0;
  uint64_t main_root = kNoPage, last_page = 0, txn = 0;
};

bool PlausiblePageSize(uint32_t p) { return p >= 512 && p <= 65536 && (p & (p - 1)) == 0; }

// The meta page at `offset`, if it is one and names the page size it was
// found by (page 1 sits one page in).
std::optional<Meta> ReadMeta(std::string_view file, size_t offset, uint64_t pgno) {
  if (file.size() < offset + kMetaEnd) return std::nullopt;
  std::string_view page = file.substr(offset);
  if (Load<uint64_t>(page, 0) != pgno || (Load<uint16_t>(page, 10) & kMeta) == 0 ||
      Load<uint32_t>(page, 16) != kMagic) {
    return std::nullopt;
  }
  Meta m;
  m.page_size = Load<uint32_t>(page, kFreeDb);
  m.main_root = Load<uint64_t>(page, kMainDb + kDbRoot);
  m.last_page = Load<uint64_t>(page, kLastPage);
  m.txn = Load<uint64_t>(page, kTxnId);
  if (!PlausiblePageSize(m.page_size) || (pgno == 1 && m.page_size != offset)) return std::nullopt;
  return m;
}

class Scanner {
 public:
  Scanner(std::string_view file, uint32_t page_size) : file_(file), ps_(page_size) {}
  uint64_t pages() const { return file_.size() / ps_; }

  // A plain leaf page that holds its own number, or empty.
  std::string_view Leaf(uint64_t pgno) const {
    if (pgno >= pages()) return {};
    std::string_view page = file_.substr(pgno * ps_, ps_);
    uint16_t flags = Load<uint16_t>(page, 10);
    if (Load<uint64_t>(page, 0) != pgno || (flags & kLeaf) == 0 ||
        (flags & (kBranch | kOverflow | kMeta | kLeaf2 | kSubPage)) != 0) {
      return {};
    }
    return page;
  }

  // Calls fn(key, value, node flags) for each well-formed node of a leaf.
  template <typename F>
  void ForEachNode(std::string_view page, F fn) const {
    if (page.size() != ps_) return;
    uint16_t lower = Load<uint16_t>(page, 12), upper = Load<uint16_t>(page, 14);
    if (lower < kPageHeader || lower > upper || upper > ps_) return;
    for (size_t i = kPageHeader; i + 2 <= lower; i += 2) {
      size_t at = Load<uint16_t>(page, i);
      if (at < upper || at + kNodeHeader > ps_) continue;
      uint32_t size = Load<uint16_t>(page, at) | (uint32_t{Load<uint16_t>(page, at + 2)} << 16);
      uint16_t flags = Load<uint16_t>(page, at + 4), ksize = Load<uint16_t>(page, at + 6);
      size_t data_at = at + kNodeHeader + ksize;
      if (data_at > ps_ || (flags & kDupData) != 0) continue;
      std::string_view key = page.substr(at + kNodeHeader, ksize), value;
      if (flags & kBigData) {
        if (data_at + 8 > ps_) continue;
        value = Overflow(Load<uint64_t>(page, data_at), size);
      } else if (data_at + size <= ps_) {
        value = page.substr(data_at, size);
      }
      if (value.size() == size) fn(key, value, flags);
    }
  }

 private:
  // `size` bytes of a big value, or empty if its pages are not all there.
  std::string_view Overflow(uint64_t pgno, uint32_t size) const {
    if (pgno >= pages()) return {};
    std::string_view head = file_.substr(pgno * ps_);
    if (Load<uint64_t>(head, 0) != pgno || (Load<uint16_t>(head, 10) & kOverflow) == 0) return {};
    uint64_t run = Load<uint32_t>(head, 12);
    if (run == 0 || run > pages() - pgno || kPageHeader + uint64_t{size} > run * ps_) return {};
    return head.substr(kPageHeader, size);
  }

  std::string_view file_;
  uint32_t ps_;
};

}  // namespace

Result<PageScanSummary> ScanLeafRecords(
    std::string_view data, std::string_view table,
    const std::function<void(std::string_view key, std::string_view value)>& record) {
  // Meta page 0 gives the page size, which locates meta page 1; if page 0
  // is damaged, try page 1 at each size LMDB may have used.
  std::optional<Meta> metas[2];
  metas[0] = ReadMeta(data, 0, 0);
  if (metas[0]) {
    metas[1] = ReadMeta(data, metas[0]->page_size, 1);
  } else {
    for (uint32_t ps = 512; ps <= 65536 && !metas[1]; ps *= 2) metas[1] = ReadMeta(data, ps, 1);
  }
  const Meta* newest = nullptr;
  for (const auto& m : metas) {
    if (m && (newest == nullptr || m->txn > newest->txn)) newest = &*m;
  }
  if (newest == nullptr) {
    return Corruption("neither of the first two pages is an intact LMDB meta page (magic " +
                      std::to_string(kMagic) + "): not an LMDB data file, or its head is damaged");
  }
  PageScanSummary summary;
  summary.page_size = newest->page_size;
  summary.last_page = newest->last_page;
  Scanner scanner(data, newest->page_size);
  summary.pages = scanner.pages();
  // The named table's record count lives in the main table's root, which a
  // cut has usually removed.
  std::string_view root = scanner.Leaf(newest->main_root);
  scanner.ForEachNode(root, [&](std::string_view key, std::string_view value, uint16_t flags) {
    if (key == table && (flags & kSubData) != 0 && value.size() == kDbSize) {
      summary.table_records = Load<uint64_t>(value, kDbRecords);
    }
  });
  for (uint64_t pgno = 2; pgno < summary.pages; ++pgno) {
    std::string_view page = scanner.Leaf(pgno);
    if (page.empty()) continue;
    ++summary.leaf_pages;
    scanner.ForEachNode(page, [&](std::string_view key, std::string_view value, uint16_t flags) {
      if ((flags & kSubData) == 0) record(key, value);
    });
  }
  return summary;
}

Result<MappedFile> MappedFile::Open(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IOError("opening " + path + ": " + strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    return IOError("fstat " + path + ": " + strerror(e));
  }
  size_t size = static_cast<size_t>(st.st_size);
  void* map = nullptr;
  if (size > 0) {
    map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      int e = errno;
      close(fd);
      return IOError("mapping " + path + ": " + strerror(e));
    }
  }
  close(fd);
  return MappedFile(static_cast<const char*>(map), size);
}

MappedFile::MappedFile(MappedFile&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) munmap(const_cast<char*>(data_), size_);
}

}  // namespace sharetrail
