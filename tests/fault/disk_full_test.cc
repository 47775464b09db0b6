// Disk full (issue 11): the ledger on a small tmpfs, filled up, in process
// and behind sharetraild. The append that hits the wall fails with a message
// naming the full filesystem; the ledger then refuses every write, even once
// space is back, until it is reopened (the server restarted); after that
// every acknowledged entry is there, verify passes and appends work again.
// Needs mount(2) (root, or CAP_SYS_ADMIN); skipped otherwise.
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "ledger/ledger.h"
#include "ledger/verify.h"
#include "tests/e2e/server_support.h"
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
    EXPECT_EQ(again.status().code(), Code::kUnavailable) << again.status().ToString();
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

// Fills the filesystem holding `dir` up to `leave` bytes free.
void FillUpTo(const std::string& dir, const std::string& filler, uint64_t leave) {
  struct statvfs fs;
  ASSERT_EQ(statvfs(dir.c_str(), &fs), 0);
  uint64_t free = static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize;
  ASSERT_GT(free, leave);
  std::ofstream out(filler, std::ios::binary);
  std::string chunk(64 * 1024, 'x');
  for (uint64_t left = free - leave; left > 0;) {
    uint64_t n = std::min<uint64_t>(left, chunk.size());
    out.write(chunk.data(), static_cast<std::streamsize>(n));
    left -= n;
  }
  ASSERT_TRUE(out.good());
}

// The same through sharetraild: a full filesystem is a 503 that says so,
// not a 500; writes stay refused (503) once space is back, reads still
// answer, and a restart brings back every acknowledged entry.
TEST(DiskFull, SharetraildAnswers503AndLosesNothingAcknowledged) {
  testing::Server server({{"alice", "ofsted", "information-governance", "ig_officer"}});
  // The ledger the server was given moves onto a 24 MiB tmpfs.
  const std::string dir = server.dir(), moved = server.Path("ledger.orig");
  std::filesystem::rename(dir, moved);
  SmallFs fs(dir, "24m");
  if (!fs.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (" << fs.error() << "); needs root";
  std::filesystem::copy(moved, dir, std::filesystem::copy_options::recursive);
  server.Start();
  testing::Headers alice = server.Login("alice");
  const std::string filler = dir + "/filler";
  FillUpTo(dir, filler, 512 * 1024);

  std::vector<std::pair<uint64_t, std::string>> acked;  // seq, item
  testing::HttpResult failed;
  for (int i = 0; i < 20000 && failed.status == 0; ++i) {
    std::string item = "letter-" + std::to_string(i);
    testing::HttpResult r =
        server.Post("/api/v1/events", testing::ItemEvent(item, "ofsted"), alice);
    if (r.status == 201) {
      acked.emplace_back(r.Json().at("seq").as_int64(), item);
    } else {
      failed = r;
    }
  }
  ASSERT_NE(failed.status, 0) << "the filesystem never filled";
  ASSERT_FALSE(acked.empty());
  std::cerr << acked.size() << " events acknowledged before the filesystem filled\n";
  EXPECT_EQ(failed.status, 503) << failed.body;
  EXPECT_EQ(failed.ErrorCode(), "unavailable") << failed.body;
  EXPECT_NE(failed.body.find("filesystem is full"), std::string::npos) << failed.body;

  // Space comes back, but this server's ledger has seen a failed commit.
  std::filesystem::remove(filler);
  testing::HttpResult again =
      server.Post("/api/v1/events", testing::ItemEvent("letter-after", "ofsted"), alice);
  EXPECT_EQ(again.status, 503) << again.body;
  EXPECT_NE(again.body.find("reopen"), std::string::npos) << again.body;
  EXPECT_EQ(server.Get("/checkpoint").status, 200);
  EXPECT_EQ(server.Stop(), 0);

  // Restarted: every acknowledged entry is there and the ledger verifies.
  server.Start();
  server.Cli("verify");  // fails the test unless it exits 0
  {
    LedgerOptions ro;
    ro.read_only = true;
    auto l = Ledger::Open(dir, ro);
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    for (const auto& [seq, item] : acked) {
      auto bytes = (*l)->EntryBytes(seq);
      ASSERT_TRUE(bytes.ok()) << "acknowledged seq " << seq << " lost";
      EXPECT_NE(bytes->find("\"" + item + "\""), std::string::npos) << "seq " << seq;
    }
  }
  testing::Headers again_alice = server.Login("alice");
  EXPECT_EQ(server.Post("/api/v1/events", testing::ItemEvent("letter-after", "ofsted"), again_alice)
                .status,
            201);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace sharetrail
