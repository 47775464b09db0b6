#include "ledger/salvage.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "ledger/ledger.h"
#include "tests/testutil.h"

namespace sharetrail {
namespace {

using testing::ShareEvent;
using testing::TempDir;

// 40 share events over 4 commits, the 11th with a body too big for a leaf
// page, so it lives in overflow pages.
void Build(const std::string& dir) {
  ASSERT_TRUE(Ledger::Init(dir, "salvage.test/log").ok());
  auto l = Ledger::Open(dir, {});
  ASSERT_TRUE(l.ok());
  for (int c = 0; c < 4; ++c) {
    std::vector<Event> events;
    for (int i = 0; i < 10; ++i) events.push_back(ShareEvent(c * 10 + i));
    if (c == 1) events[0].body["purpose"] = std::string(9000, 'p');
    auto r = (*l)->AppendAll(events);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

TEST(SalvageTest, AnIntactFileHoldsEveryEntryChained) {
  TempDir tmp;
  Build(tmp.path());
  auto r = SalvageEntries(tmp.path());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entries_found, 40u);  // the big one too, from its overflow pages
  EXPECT_EQ(r->intact, 40u);
  EXPECT_EQ(r->expected, 40u);  // the main table's root is intact
  EXPECT_EQ(r->highest_found, 39u);
  EXPECT_FALSE(r->first_bad.has_value()) << r->summary;
  EXPECT_EQ(r->pages.page_size, 4096u);
  EXPECT_NE(r->summary.find("seqs 0..39 intact and chained"), std::string::npos) << r->summary;
}

TEST(SalvageTest, AnEntryThatDoesNotChainIsTheFirstBad) {
  TempDir tmp;
  Build(tmp.path());
  // Every copy of seq 25's prev gets one base64 letter changed: still a
  // well-formed entry of seq 25, but not chained to seq 24. (Not the last
  // letters: those carry padding bits a strict decoder requires be zero.)
  std::string data = Slurp(tmp.path() + "/data.mdb");
  const std::string tail = "\",\"seq\":25,\"time\":";
  int edited = 0;
  for (size_t at = data.find(tail); at != std::string::npos; at = data.find(tail, at + 1)) {
    char& c = data[at - 10];  // mid-way through the 44-letter base64 of prev
    c = c == 'A' ? 'B' : 'A';
    ++edited;
  }
  ASSERT_GT(edited, 0);
  std::ofstream(tmp.path() + "/data.mdb", std::ios::binary | std::ios::trunc) << data;
  auto r = SalvageEntries(tmp.path());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->intact, 25u);
  EXPECT_EQ(r->first_bad, 25u);
  EXPECT_EQ(r->entries_found, 40u);
  EXPECT_NE(r->summary.find("seq 25 is the first bad one (present but its prev is not the hash of "
                            "seq 24); 15 later entries survive"),
            std::string::npos)
      << r->summary;
}

TEST(SalvageTest, AFileWithoutAnLmdbHeadIsAnError) {
  auto zeros = SalvageEntries(std::string_view(std::string(16384, '\0')));
  ASSERT_FALSE(zeros.ok());
  EXPECT_EQ(zeros.status().code(), Code::kCorruption);
  EXPECT_NE(zeros.status().message().find("meta page"), std::string::npos);
  EXPECT_FALSE(SalvageEntries(std::string_view("")).ok());
}

TEST(SalvageTest, ALostHeadPageStillFindsTheEntriesThroughTheSecond) {
  TempDir tmp;
  Build(tmp.path());
  std::string data = Slurp(tmp.path() + "/data.mdb");
  std::fill(data.begin(), data.begin() + 4096, '\0');  // meta page 0 gone
  auto r = SalvageEntries(std::string_view(data));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->pages.page_size, 4096u);
  EXPECT_EQ(r->intact, 40u);
}

// Found by store_pages_fuzz: a newer meta page 1 claiming a page size of 0
// divided by zero. A meta page whose page size is not the one it was found
// by is not a meta page.
TEST(SalvageTest, AMetaPageWithAnImpossiblePageSizeIsIgnored) {
  TempDir tmp;
  Build(tmp.path());
  std::string data = Slurp(tmp.path() + "/data.mdb");
  for (size_t meta : {size_t{0}, size_t{4096}}) {
    std::string bad = data;
    std::fill(bad.begin() + meta + 40, bad.begin() + meta + 44, '\0');      // page size
    std::fill(bad.begin() + meta + 144, bad.begin() + meta + 152, '\xff');  // newest txn
    auto r = SalvageEntries(std::string_view(bad));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->pages.page_size, 4096u);
    EXPECT_EQ(r->intact, 40u);
  }
}

}  // namespace
}  // namespace sharetrail
