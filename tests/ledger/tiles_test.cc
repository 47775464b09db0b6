#include "ledger/tiles.h"

#include <gtest/gtest.h>

#include <cstring>
#include <map>

#include "ledger/ledger.h"
#include "tests/ledger/merkle_test_support.h"
#include "tests/testutil.h"

namespace sharetrail {
namespace {

using testing::LazySource;
using testing::ShareEvent;
using testing::TempDir;

// tlog-tiles "Merkle Tree": "index 1234067 will be encoded as x001/x234/067".
TEST(Tiles, IndexPathsFollowTheSpec) {
  EXPECT_EQ(TileIndexPath(1234067), "x001/x234/067");
  EXPECT_EQ(TileIndexPath(0), "000");
  EXPECT_EQ(TileIndexPath(5), "005");
  EXPECT_EQ(TileIndexPath(999), "999");
  EXPECT_EQ(TileIndexPath(1000), "x001/000");
  EXPECT_EQ(TileIndexPath(1000000), "x001/x000/000");
  EXPECT_EQ((TilePath{false, 3, 1234067, 256}.ToString()), "tile/3/x001/x234/067");
  EXPECT_EQ((TilePath{false, 0, 1234067, 7}.ToString()), "tile/0/x001/x234/067.p/7");
  EXPECT_EQ((TilePath{true, 0, 2, 88}.ToString()), "tile/entries/002.p/88");
}

TEST(Tiles, ParsesCanonicalPathsAndRoundTrips) {
  for (std::string p : {"tile/0/000", "tile/63/x001/x234/067", "tile/1/000.p/1",
                        "tile/entries/x123/456.p/255", "tile/entries/000", "tile/10/999.p/17"}) {
    auto t = ParseTilePath(p);
    ASSERT_TRUE(t.ok()) << p << ": " << t.status().ToString();
    EXPECT_EQ(t->ToString(), p);
  }
  auto t = ParseTilePath("tile/2/x001/x234/067.p/9");
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->entries);
  EXPECT_EQ(t->level, 2);
  EXPECT_EQ(t->index, 1234067u);
  EXPECT_EQ(t->width, 9u);
}

TEST(Tiles, RefusesNonCanonicalPathsSayingWhy) {
  const std::map<std::string, std::string> bad = {
      {"tile/01/000", "leading zeros"},
      {"tile/64/000", "0 to 63"},
      {"tile/100/000", "decimal"},
      {"tile/-1/000", "decimal"},
      {"tile/0/x000/001", "not canonical"},
      {"tile/0/001/002", "begin with \"x\""},
      {"tile/0/x001", "3 digits"},
      {"tile/0/1234", "3 digits"},
      {"tile/0/01", "3 digits"},
      {"tile/0/000.p/0", "1 to 255"},
      {"tile/0/000.p/256", "1 to 255"},
      {"tile/0/000.p/007", "leading zeros"},
      {"tile/entries/000.p/", "decimal"},
      {"tile/0", "expected tile/<L>/<N>"},
      {"tiles/0/000", "not a tile path"},
      {"tile/0/x001/x001/x001/x001/x001/x001/x001/001", "too many"},
      {"tile/0/x072/x057/x594/x037/x927/936", "beyond any tile"},
  };
  for (const auto& [path, why] : bad) {
    auto t = ParseTilePath(path);
    ASSERT_FALSE(t.ok()) << path << " parsed";
    EXPECT_EQ(t.status().code(), Code::kInvalidArgument) << path;
    EXPECT_NE(t.status().message().find(why), std::string::npos)
        << path << ": " << t.status().message();
  }
  // 2^56 - 1, the largest tile index any tree can have, is accepted.
  EXPECT_TRUE(ParseTilePath("tile/0/x072/x057/x594/x037/x927/935").ok());
}

// tlog-tiles "Partial Tiles": "a tree of size 70,000 will be represented by
// 273 full level 0 tiles, one partial level 0 tile of width 112, one full
// level 1 tile, one partial level 1 tile of width 17, and one partial level 2
// tile of width 1. Note that a tree of size 256 will be represented by a full
// level 0 tile and a partial level 1 tile of width 1."
TEST(Tiles, CoverageMatchesTheSpecExamples) {
  EXPECT_EQ(TileCoverage(0, 272, 70000), 256u);
  EXPECT_EQ(TileCoverage(0, 273, 70000), 112u);
  EXPECT_EQ(TileCoverage(0, 274, 70000), 0u);
  EXPECT_EQ(TileCoverage(1, 0, 70000), 256u);
  EXPECT_EQ(TileCoverage(1, 1, 70000), 17u);
  EXPECT_EQ(TileCoverage(1, 2, 70000), 0u);
  EXPECT_EQ(TileCoverage(2, 0, 70000), 1u);
  EXPECT_EQ(TileCoverage(3, 0, 70000), 0u);
  EXPECT_EQ(TileCoverage(0, 0, 256), 256u);
  EXPECT_EQ(TileCoverage(1, 0, 256), 1u);
  EXPECT_EQ(TileCoverage(63, 0, UINT64_MAX), 0u);
  EXPECT_EQ(TileCoverage(7, 0, UINT64_MAX), 255u);
  EXPECT_EQ(TileFor(1, 300, 70000).ToString(), "tile/1/001.p/17");
}

// A tiles client: the root of a checkpoint of `size` from tiles alone, each
// fetched by path at the width the spec gives for that size (floor(s /
// 256^l) mod 256 for the rightmost tile of level l), never from the log's
// own root or proofs.
Result<Hash> RootFromTiles(const std::function<Result<std::string>(const std::string&)>& fetch,
                           uint64_t size) {
  if (size == 0) return EmptyTreeHash();
  std::vector<Hash> border;
  uint64_t offset = 0;
  for (int k = 63; k >= 0; --k) {
    if ((size >> k & 1) == 0) continue;
    uint64_t node = offset >> k;  // the complete subtree (k, node)
    offset += uint64_t{1} << k;
    int level = k / 8, below = k % 8;
    uint64_t first = node << below, count = uint64_t{1} << below;  // at tree level 8*level
    uint64_t tile = first / 256;
    uint64_t level_nodes = size >> (8 * level);
    uint64_t width = tile == level_nodes / 256 ? level_nodes % 256 : 256;
    std::string path = "tile/" + std::to_string(level) + "/" + TileIndexPath(tile) +
                       (width < 256 ? ".p/" + std::to_string(width) : "");
    ST_ASSIGN_OR_RETURN(std::string bytes, fetch(path));
    if (bytes.size() != 32 * width) return Corruption(path + ": wrong length");
    std::vector<Hash> hashes(count);
    for (uint64_t i = 0; i < count; ++i) {
      std::memcpy(hashes[i].data(), bytes.data() + 32 * (first % 256 + i), 32);
    }
    while (hashes.size() > 1) {
      std::vector<Hash> up;
      for (size_t i = 0; i < hashes.size(); i += 2)
        up.push_back(NodeHash(hashes[i], hashes[i + 1]));
      hashes = std::move(up);
    }
    border.push_back(hashes[0]);
  }
  Hash root = border.back();
  for (size_t i = border.size() - 1; i-- > 0;) root = NodeHash(border[i], root);
  return root;
}

class TilesLedger : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.Sub("l");
    ASSERT_TRUE(Ledger::Init(dir_, "tiles.example/log").ok());
    auto l = Ledger::Open(dir_);
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ledger_ = std::move(l).value();
  }
  void Grow(uint64_t to) {
    std::vector<Event> events;
    for (uint64_t n = *ledger_->Size(); n < to; ++n) events.push_back(ShareEvent(n));
    auto r = ledger_->AppendAll(events);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  Result<std::string> Fetch(const std::string& path) {
    ST_ASSIGN_OR_RETURN(TilePath t, ParseTilePath(path));
    ST_ASSIGN_OR_RETURN(auto txn, ledger_->store().BeginRead());
    return ServeTile(*txn, t);
  }
  std::vector<Hash> Leaves() {
    std::vector<Hash> out;
    for (uint64_t i = 0; i < *ledger_->Size(); ++i)
      out.push_back(LeafHash(*ledger_->EntryBytes(i)));
    return out;
  }

  TempDir tmp_;
  std::string dir_;
  std::unique_ptr<Ledger> ledger_;
};

TEST_F(TilesLedger, TilesHoldTheStoredNodeHashes) {
  Grow(600);
  std::vector<Hash> leaves = Leaves();
  auto full = Fetch("tile/0/001");
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  ASSERT_EQ(full->size(), 8192u);
  for (int i = 0; i < 256; ++i) {
    EXPECT_EQ(full->substr(32 * i, 32), AsBytes(leaves[256 + i])) << i;
  }
  // Level 1 holds the MTH of each full level-0 tile, computed here from the
  // leaves without the ledger's tree code.
  auto up = Fetch("tile/1/000.p/2");
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  ASSERT_EQ(up->size(), 64u);
  for (int t = 0; t < 2; ++t) {
    std::vector<Hash> h(leaves.begin() + 256 * t, leaves.begin() + 256 * (t + 1));
    while (h.size() > 1) {
      std::vector<Hash> next;
      for (size_t i = 0; i < h.size(); i += 2) next.push_back(NodeHash(h[i], h[i + 1]));
      h = std::move(next);
    }
    EXPECT_EQ(up->substr(32 * t, 32), AsBytes(h[0])) << t;
  }
}

TEST_F(TilesLedger, PartialTilesAreServedForEveryCoveredWidthOnly) {
  Grow(600);  // level 0: tiles 000, 001 full, 002 holds 88; level 1: 000 holds 2
  auto p88 = Fetch("tile/0/002.p/88");
  ASSERT_TRUE(p88.ok()) << p88.status().ToString();
  EXPECT_EQ(p88->size(), 88u * 32);
  auto p50 = Fetch("tile/0/002.p/50");
  ASSERT_TRUE(p50.ok());
  EXPECT_EQ(*p50, p88->substr(0, 50 * 32)) << "an earlier checkpoint's partial tile is a prefix";
  for (std::string beyond :
       {"tile/0/002.p/89", "tile/0/002", "tile/0/003.p/1", "tile/1/000.p/3", "tile/1/000",
        "tile/2/000.p/1", "tile/entries/002.p/89", "tile/entries/003.p/1"}) {
    auto r = Fetch(beyond);
    ASSERT_FALSE(r.ok()) << beyond;
    EXPECT_EQ(r.status().code(), Code::kNotFound) << beyond;
    EXPECT_NE(r.status().message().find("size 600"), std::string::npos) << r.status().message();
  }
  Grow(768);
  auto full = Fetch("tile/0/002");
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->substr(0, 88 * 32), *p88) << "full tiles extend the partial ones";
  EXPECT_TRUE(Fetch("tile/0/002.p/88").ok()) << "still served for clients of the old checkpoint";
}

TEST_F(TilesLedger, EntryBundlesCarryTheExactEntryBytes) {
  Grow(300);
  auto bundle = Fetch("tile/entries/001.p/44");
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  auto parts = SplitEntryBundle(*bundle, 44);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  auto level0 = Fetch("tile/0/001.p/44");
  ASSERT_TRUE(level0.ok());
  for (uint64_t i = 0; i < 44; ++i) {
    EXPECT_EQ((*parts)[i], *ledger_->EntryBytes(256 + i));
    EXPECT_EQ(AsBytes(LeafHash((*parts)[i])), level0->substr(32 * i, 32)) << i;
  }
  std::string e = *ledger_->EntryBytes(256);
  EXPECT_EQ(static_cast<uint8_t>((*bundle)[0]) << 8 | static_cast<uint8_t>((*bundle)[1]),
            static_cast<int>(e.size()));
  EXPECT_EQ(bundle->substr(2, e.size()), e);
}

TEST(Tiles, SplitEntryBundleRefusesMalformedBundles) {
  std::string two = std::string("\x00\x02hi\x00\x03you", 9);
  auto ok = SplitEntryBundle(two, 2);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)[1], "you");
  EXPECT_TRUE(SplitEntryBundle("", 0).ok());
  EXPECT_NE(SplitEntryBundle(two.substr(0, 8), 2).status().message().find("runs past the end"),
            std::string::npos);
  EXPECT_NE(SplitEntryBundle(two.substr(0, 5), 2).status().message().find("cut short"),
            std::string::npos);
  EXPECT_NE(SplitEntryBundle(two, 3).status().message().find("expected 3"), std::string::npos);
  EXPECT_NE(SplitEntryBundle(two, 1).status().message().find("after the expected 1"),
            std::string::npos);
}

TEST_F(TilesLedger, AClientRebuildsEveryCheckpointRootFromTilesAlone) {
  auto fetch = [this](const std::string& p) { return Fetch(p); };
  for (uint64_t size : {0, 1, 2, 3, 255, 256, 257, 511, 512, 600, 1000}) {
    Grow(size);
    auto note = ledger_->SignedCheckpoint();
    ASSERT_TRUE(note.ok());
    auto opened = OpenNote(*note, {ledger_->verifier()});
    ASSERT_TRUE(opened.ok());
    auto cp = Checkpoint::Parse(opened->text);
    ASSERT_TRUE(cp.ok());
    ASSERT_EQ(cp->size, size);
    auto root = RootFromTiles(fetch, size);
    ASSERT_TRUE(root.ok()) << size << ": " << root.status().ToString();
    EXPECT_EQ(*root, cp->root) << size;
    EXPECT_EQ(*root, *ledger_->Root(size)) << size;
  }
}

// Sizes past one level-2 tile, over a lazily computed tree (a real ledger of
// 70,000 entries would make the test slow for no more coverage).
TEST(Tiles, TilesAloneGiveTheRootOfLargeTrees) {
  for (uint64_t size :
       {uint64_t{65536}, uint64_t{70000}, uint64_t{65536 + 255}, uint64_t{3 * 65536 + 1000 + 3}}) {
    LazySource nodes;
    auto fetch = [&](const std::string& p) -> Result<std::string> {
      ST_ASSIGN_OR_RETURN(TilePath t, ParseTilePath(p));
      return TileBytes(nodes, size, t);
    };
    auto root = RootFromTiles(fetch, size);
    ASSERT_TRUE(root.ok()) << size << ": " << root.status().ToString();
    nodes.ResetReads();
    EXPECT_EQ(*root, *RootAt(nodes, size)) << size;
  }
}

}  // namespace
}  // namespace sharetrail
