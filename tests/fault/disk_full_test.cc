// Disk full: the ledger on an 8 MiB tmpfs, filled up. The append that hits
// the wall fails with a message naming the full filesystem; the ledger then
// refuses every write, even once space is back, until it is reopened; after
// reopening every acknowledged entry is there, verify passes and appends
// work again. Needs mount(2) (root, or CAP_SYS_ADMIN); skipped otherwise.
#include <sys/mount.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "ledger/ledger.h"
#include "ledger/verify.h"
#include "tests/testutil.h"

namespace sharetrail {
namespace {

using testing::ShareEvent;
using testing::TempDir;

// A tmpfs of `size` mounted at dir for the object's lifetime.
class SmallFs {
 public:
  SmallFs(const std::string& dir, const char* size) : dir_(dir) {
    std::filesystem::create_directories(dir);
    std::string opts = std::string("size=") + size + ",mode=0700";
    if (mount("tmpfs", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, opts.c_str()) == 0) {
      mounted_ = true;
    } else {
      error_ = strerror(errno);
    }
  }
  ~SmallFs() {
    if (mounted_) umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  std::string dir_, error_;
  bool mounted_ = false;
};

TEST(DiskFull, AppendsFailCleanlyAndNothingAcknowledgedIsLost) {
  TempDir tmp;
  SmallFs fs(tmp.Sub("small"), "8m");
  if (!fs.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (" << fs.error() << "); needs root";
  std::string dir = tmp.Sub("small/ledger"), filler = tmp.Sub("small/filler");
  ASSERT_TRUE(Ledger::Init(dir, "diskfull.test/log").ok());
  // Most of the space goes to another tenant of the filesystem, so the
  // ledger hits the wall after a few thousand entries.
  {
    std::ofstream out(filler, std::ios::binary);
    std::string mib(1 << 20, 'x');
    for (int i = 0; i < 5; ++i) out << mib;
    ASSERT_TRUE(out.good());
  }

  std::map<uint64_t, Hash> acked;
  {
    auto l = Ledger::Open(dir);
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    Status failure;
    for (int batch = 0; batch < 200 && failure.ok(); ++batch) {
      std::vector<Event> events;
      for (int i = 0; i < 100; ++i) events.push_back(ShareEvent(batch * 100 + i));
      auto results = (*l)->AppendAll(events);
      ASSERT_TRUE(results.ok()) << results.status().ToString();
      for (auto& r : *results) {
        if (r.ok()) {
          acked[r->seq] = r->leaf_hash;
        } else if (failure.ok()) {
          failure = r.status();
        }
      }
    }
    ASSERT_FALSE(failure.ok()) << "the filesystem never filled";
    ASSERT_FALSE(acked.empty());
    EXPECT_NE(failure.message().find("filesystem is full"), std::string::npos)
        << failure.ToString();

    // Space comes back, but this ledger object has seen a failed commit.
    std::filesystem::remove(filler);
    auto again = (*l)->Append(ShareEvent(999999));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.status().code(), Code::kFailedPrecondition) << again.status().ToString();
    EXPECT_NE(again.status().message().find("reopen"), std::string::npos);
  }

  auto l = Ledger::Open(dir);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(*(*l)->Size(), acked.rbegin()->first + 1) << "exactly the acknowledged entries";
  for (const auto& [seq, leaf] : acked) {
    auto bytes = (*l)->EntryBytes(seq);
    ASSERT_TRUE(bytes.ok()) << "acknowledged seq " << seq << " lost";
    ASSERT_EQ(LeafHash(*bytes), leaf) << "seq " << seq;
  }
  auto v = Verify(**l, {});
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(v->ok) << v->problem;
  auto r = (*l)->Append(ShareEvent(1000000));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->seq, acked.rbegin()->first + 1);
}

}  // namespace
}  // namespace sharetrail
