// Tampering with a closed ledger's files, each caught by the real
// `sharetrail verify` naming the first bad seq: a flipped byte, a deleted
// entry, two swapped entries, a truncated data file; and a rollback to an
// older copy, which verifies on its own and is caught only against a newer
// checkpoint a client kept (`verify --against`). The in-process versions of
// the first three, at the store level, are in tests/ledger/verify_test.cc.
#include <filesystem>

#include "ledger/store.h"
#include "tests/fault/fault_support.h"

namespace sharetrail::testing {
namespace {

namespace fs = std::filesystem;

class TamperTest : public ::testing::Test {
 protected:
  void SetUp() override { Append(0, 30); }

  // Records items t-<from>..t-<to-1>; seq_[i] is item t-i's seq.
  void Append(int from, int to) {
    std::string lines;
    for (int i = from; i < to; ++i) lines += ItemEvent("t-" + std::to_string(i), "ofsted") + "\n";
    std::string out = ledger_.Cli("--json record --as writer -", lines);
    size_t pos = 0;
    for (int i = from; i < to; ++i) {
      size_t nl = out.find('\n', pos);
      auto v = boost::json::parse(out.substr(pos, nl - pos));
      seq_[i] = v.at("seq").to_number<uint64_t>();
      pos = nl + 1;
    }
  }
  CliRun Verify(const std::string& extra = "") {
    return Sharetrail(tmp_, "--ledger " + ledger_.dir() + " --json verify " + extra);
  }
  // Edits the store directly, as someone with write access to the files.
  template <typename F>
  void EditStore(F edit) {
    auto store = Store::Open(ledger_.dir(), {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto txn = (*store)->BeginWrite();
    ASSERT_TRUE(txn.ok());
    edit(**txn);
    ASSERT_TRUE((*txn)->Commit().ok());
  }
  void ExpectBadSeq(const CliRun& v, uint64_t seq, const std::string& words) {
    EXPECT_EQ(v.code, 1) << v.out << v.err;
    auto j = v.Json();
    ASSERT_TRUE(j.is_object()) << v.out;
    ASSERT_TRUE(j.as_object().contains("bad_seq")) << v.out;
    EXPECT_EQ(j.at("bad_seq").to_number<uint64_t>(), seq) << v.out;
    EXPECT_NE(v.out.find(words), std::string::npos) << v.out;
  }

  TempDir tmp_;
  Server ledger_{{{"writer", "ofsted", "information-governance", "ig_officer"}}};
  std::map<int, uint64_t> seq_;
};

TEST_F(TamperTest, IntactLedgerVerifies) {
  CliRun v = Verify();
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_EQ(v.Json().at("ok"), true);
}

TEST_F(TamperTest, FlippedByteNamesItsSeq) {
  std::string path = ledger_.dir() + "/data.mdb";
  std::string bytes = Slurp(path);
  // Every copy: LMDB's copy-on-write leaves older copies of pages behind.
  int flipped = 0;
  for (size_t at = bytes.find("\"item\":\"t-17\""); at != std::string::npos;
       at = bytes.find("\"item\":\"t-17\"", at + 1), ++flipped) {
    bytes[at + 10] ^= 0x01;
  }
  ASSERT_GE(flipped, 1);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  ExpectBadSeq(Verify(), seq_[17], "leaf hash");
}

TEST_F(TamperTest, DeletedEntryNamesItsSeq) {
  EditStore([&](WriteTxn& t) { ASSERT_TRUE(t.Delete(Table::kEntries, U64Key(seq_[12])).ok()); });
  ExpectBadSeq(Verify(), seq_[12], "missing");
}

TEST_F(TamperTest, SwappedEntriesNameTheFirst) {
  EditStore([&](WriteTxn& t) {
    std::string a(*t.Get(Table::kEntries, U64Key(seq_[5]))),
        b(*t.Get(Table::kEntries, U64Key(seq_[6])));
    ASSERT_TRUE(t.Put(Table::kEntries, U64Key(seq_[5]), b, false).ok());
    ASSERT_TRUE(t.Put(Table::kEntries, U64Key(seq_[6]), a, false).ok());
  });
  ExpectBadSeq(Verify(), seq_[5], "seq");
}

TEST_F(TamperTest, TruncatedDataFileIsAFindingNotACrash) {
  std::string path = ledger_.dir() + "/data.mdb";
  // The file ends in zeroed headroom beyond LMDB's pages; cutting only that
  // is harmless, so cut well into the pages in use.
  ASSERT_EQ(Verify().code, 0);
  fs::resize_file(path, 64 * 1024);
  CliRun v = Verify();
  EXPECT_EQ(v.code, 1) << v.out << v.err;
  EXPECT_NE(v.out.find("truncated"), std::string::npos) << v.out;
  // Reads refuse it too, rather than fault on a page past the end.
  CliRun show = Sharetrail(tmp_, "--ledger " + ledger_.dir() + " show --seq 0");
  EXPECT_EQ(show.code, 3);
  EXPECT_NE(show.err.find("truncated"), std::string::npos) << show.err;
}

// The first seq whose canonical bytes are not wholly within the first `cut`
// bytes of the data file: found by searching the bytes, not by reading
// LMDB's pages as verify's salvage scan does.
uint64_t FirstSeqCutOff(const std::string& file, size_t cut, const std::vector<std::string>& all) {
  for (uint64_t seq = 0; seq < all.size(); ++seq) {
    size_t at = file.find(all[seq]);
    if (at == std::string::npos || at + all[seq].size() > cut) return seq;
  }
  return all.size();
}

TEST_F(TamperTest, TruncatedDataFileNamesTheFirstLostSeq) {
  // Many commits, so the entries' leaf pages spread through the file.
  for (int i = 30; i < 330; i += 30) Append(i, i + 30);
  ASSERT_EQ(Verify().code, 0);
  std::vector<std::string> canonical;  // read through LMDB, while it still can
  {
    auto store = Store::Open(ledger_.dir(), {.read_only = true});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto txn = (*store)->BeginRead();
    ASSERT_TRUE(txn.ok());
    auto c = (*txn)->OpenCursor(Table::kEntries);
    ASSERT_TRUE(c->SeekFirst().ok());
    while (c->Valid()) {
      canonical.emplace_back(c->value());
      ASSERT_TRUE(c->Next().ok());
    }
  }
  const uint64_t total = canonical.size();
  ASSERT_GT(total, 300u);
  const std::string path = ledger_.dir() + "/data.mdb";
  std::ifstream in(path, std::ios::binary);
  const std::string original((std::istreambuf_iterator<char>(in)), {});
  ASSERT_FALSE(original.empty());
  // The pages in use end where the last committed entry's copy ends, or
  // later; cut at half of that, which is well inside the entries' pages.
  size_t used = 0;
  for (const std::string& c : canonical) used = std::max(used, original.rfind(c) + c.size());
  const size_t cut = used / 2;
  const uint64_t lost = FirstSeqCutOff(original, cut, canonical);
  ASSERT_GT(lost, 0u);
  ASSERT_LT(lost, total);

  fs::resize_file(path, cut);
  CliRun v = Verify();
  ExpectBadSeq(v, lost, "truncated");
  EXPECT_NE(v.out.find("is the first bad one (missing)"), std::string::npos) << v.out;
  EXPECT_EQ(v.Json().at("salvage").at("intact").to_number<uint64_t>(), lost) << v.out;
  // The same cut zero-filled back to the old size: LMDB now finds the
  // file the right length but its roots zeroed, and the scan still names it.
  fs::resize_file(path, original.size());
  ExpectBadSeq(Verify(), lost, "intact and chained");
  CliRun text = Sharetrail(tmp_, "--ledger " + ledger_.dir() + " verify");
  EXPECT_EQ(text.code, 1);
  EXPECT_NE(text.out.find("FAILED at seq " + std::to_string(lost) + ":"), std::string::npos)
      << text.out;
}

TEST_F(TamperTest, RollbackIsCaughtOnlyAgainstAKeptCheckpoint) {
  // An older copy of the files, as a backup or a snapshot would hold.
  std::string old_copy = tmp_.Sub("old-data.mdb");
  fs::copy_file(ledger_.dir() + "/data.mdb", old_copy);
  const uint64_t old_size = seq_[29] + 1;
  Append(30, 40);
  // A client keeps the checkpoint it was shown.
  std::string kept = tmp_.Sub("kept.cp");
  std::ofstream(kept, std::ios::binary) << ledger_.Cli("checkpoint");
  const uint64_t kept_size = seq_[39] + 1;

  fs::copy_file(old_copy, ledger_.dir() + "/data.mdb", fs::copy_options::overwrite_existing);
  // On its own the older copy is a perfectly good ledger...
  CliRun alone = Verify();
  EXPECT_EQ(alone.code, 0) << alone.out;
  EXPECT_EQ(alone.Json().at("entries").to_number<uint64_t>(), old_size);
  // ...no consistency proof to the kept size can be produced...
  CliRun proof =
      Sharetrail(tmp_, "--ledger " + ledger_.dir() + " prove consistency --from " +
                           std::to_string(old_size) + " --to " + std::to_string(kept_size));
  EXPECT_NE(proof.code, 0) << proof.out;
  // ...and against the kept checkpoint verify names the first lost seq.
  ExpectBadSeq(Verify("--against " + kept), old_size, "rolled back");

  // Rewriting history past the kept size (a fork) is caught too: the kept
  // checkpoint's root is not the root the entries now give.
  Append(100, 115);
  CliRun fork = Verify("--against " + kept);
  EXPECT_EQ(fork.code, 1) << fork.out;
  EXPECT_NE(fork.out.find("checkpoint " + std::to_string(kept_size)), std::string::npos)
      << fork.out;
  EXPECT_EQ(Verify().code, 0) << "the fork is self-consistent without the kept checkpoint";
}

TEST_F(TamperTest, KeptCheckpointOfTheLiveLedgerPasses) {
  std::string kept = tmp_.Sub("kept.cp");
  std::ofstream(kept, std::ios::binary) << ledger_.Cli("checkpoint");
  Append(30, 35);
  CliRun v = Verify("--against " + kept);
  EXPECT_EQ(v.code, 0) << v.out;
  // A kept note signed by another key is no evidence either way: refused.
  std::string forged = Slurp(kept);
  forged[forged.rfind(' ') + 5] ^= 0x01;
  std::ofstream(kept, std::ios::binary | std::ios::trunc) << forged;
  CliRun f = Verify("--against " + kept);
  EXPECT_EQ(f.code, 1) << f.out;
  EXPECT_NE(f.out.find("kept checkpoint"), std::string::npos) << f.out;
}

}  // namespace
}  // namespace sharetrail::testing
