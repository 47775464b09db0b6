// Hot backup and restore: a backup taken while writers append through the
// real sharetraild restores to the ledger as of one commit (same root at its
// size, verify passes, later entries absent), its checkpoint is consistent
// with the live ledger's newer one, the key, vault and accounts come along
// with their modes, and restore refuses to overwrite or to restore a damaged
// backup.
#include <atomic>
#include <thread>
#include <vector>

#include "ledger/hash.h"
#include "tests/fault/fault_support.h"

namespace sharetrail::testing {
namespace {

constexpr const char* kPayload = "the inspection evidence itself\n";

class BackupTest : public ::testing::Test {
 protected:
  // A served ledger with one vault payload and writers appending until told
  // to stop; each acknowledged seq is kept.
  void StartWriters() {
    token_ = IssueToken(server_, "writer");
    std::ofstream(tmp_.Sub("payload"), std::ios::binary) << kPayload;
    std::string line = R"({"type":"item.registered","body":{"item":"ev-1","title":"Evidence",)"
                       R"("kind":"report","owner":"ofsted","category":"concerns_letter",)"
                       R"("classification":"official-sensitive","safeguarding":true,)"
                       R"("personal_data":true,"digest":")" +
                       Sha256Hex(kPayload) + "\"}}\n";
    server_.Cli("record --as writer -", line);
    server_.Cli("vault put ev-1 " + tmp_.Sub("payload") + " --as writer");
    server_.Start();
    for (int t = 0; t < 2; ++t) {
      writers_.emplace_back([this, t] {
        for (int i = 0; !stop_; ++i) {
          int64_t seq =
              PostItem(server_.port(), token_, "b-" + std::to_string(t) + "-" + std::to_string(i));
          if (seq < 0) {
            failures_++;
          } else {
            acks_++;
          }
        }
      });
    }
  }
  void WaitForAcks(int n) {
    for (int i = 0; i < 12000 && acks_ < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_GE(acks_.load(), n) << "writers stalled";
  }
  void StopWriters() {
    stop_ = true;
    for (auto& w : writers_) w.join();
    writers_.clear();
    EXPECT_EQ(failures_.load(), 0);
  }
  std::string Vkey() {
    std::string v = server_.Cli("vkey");
    return v.substr(0, v.find('\n'));
  }
  void TearDown() override {
    if (!writers_.empty()) StopWriters();
  }

  TempDir tmp_;
  Server server_{{{"writer", "ofsted", "information-governance", "ig_officer"}}};
  std::string token_;
  std::vector<std::thread> writers_;
  std::atomic<bool> stop_{false};
  std::atomic<int> acks_{0}, failures_{0};
};

TEST_F(BackupTest, HotBackupRestoresTheLedgerAsOfOneCommit) {
  StartWriters();
  WaitForAcks(40);
  std::string backup = tmp_.Sub("backup");
  CliRun b = Sharetrail(tmp_, "--ledger " + server_.dir() + " --json backup " + backup);
  ASSERT_EQ(b.code, 0) << b.err << b.out;
  const uint64_t size = b.Json().at("size").to_number<uint64_t>();
  const int acks_at_backup = acks_;
  WaitForAcks(acks_at_backup + 40);  // the live ledger moves on
  StopWriters();
  std::ofstream(tmp_.Sub("backup.cp"), std::ios::binary)
      << std::string(b.Json().at("checkpoint").as_string());
  std::string live_cp = server_.Get("/checkpoint").body;
  std::ofstream(tmp_.Sub("live.cp"), std::ios::binary) << live_cp;
  ASSERT_TRUE(WIFEXITED(server_.Stop()));
  const uint64_t live_size = std::stoull(live_cp.substr(live_cp.find('\n') + 1));
  ASSERT_GT(live_size, size);

  // The backup's files and modes.
  EXPECT_EQ(ModeOf(backup), 0700);
  EXPECT_EQ(ModeOf(backup + "/data.mdb"), 0600);
  EXPECT_EQ(ModeOf(backup + "/signing.key"), 0600);
  EXPECT_EQ(ModeOf(backup + "/auth/credentials.json"), 0600);
  EXPECT_EQ(ModeOf(backup + "/writer.lock"), -1);
  EXPECT_EQ(Slurp(backup + "/signing.key"), Slurp(server_.dir() + "/signing.key"));
  EXPECT_EQ(Slurp(backup + "/auth/credentials.json"),
            Slurp(server_.dir() + "/auth/credentials.json"));

  std::string restored = tmp_.Sub("restored");
  CliRun r =
      Sharetrail(tmp_, "--ledger " + restored + " --json restore " + backup + " --vkey " + Vkey());
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  EXPECT_EQ(r.Json().at("size").to_number<uint64_t>(), size);
  EXPECT_EQ(ModeOf(restored), 0700);
  EXPECT_EQ(ModeOf(restored + "/signing.key"), 0600);
  EXPECT_EQ(ModeOf(restored + ".restoring"), -1) << "staging directory left behind";

  // The same root as the live ledger had at the backup's size.
  CliRun live_at = Sharetrail(
      tmp_, "--ledger " + server_.dir() + " --json checkpoint --size " + std::to_string(size));
  ASSERT_EQ(live_at.code, 0) << live_at.err;
  EXPECT_EQ(r.Json().at("root"), live_at.Json().at("root"));
  CliRun v = Sharetrail(tmp_, "--ledger " + restored + " --json verify");
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_EQ(v.Json().at("entries").to_number<uint64_t>(), size);
  // Entries appended after the snapshot are not in it.
  CliRun later = Sharetrail(tmp_, "--ledger " + restored + " show --seq " + std::to_string(size));
  EXPECT_EQ(later.code, 3) << later.out;
  CliRun last = Sharetrail(
      tmp_, "--ledger " + restored + " show --seq " + std::to_string(size - 1) + " --canonical");
  EXPECT_EQ(last.out, server_.Cli("show --seq " + std::to_string(size - 1) + " --canonical"));

  // The payload came along and still decrypts.
  CliRun got = Sharetrail(tmp_, "--ledger " + restored + " vault get ev-1 --as writer");
  EXPECT_EQ(got.code, 0) << got.err;
  EXPECT_EQ(got.out, kPayload);

  // The live ledger's newer checkpoint extends the backup's.
  std::string proof = server_.Cli("prove consistency --from " + std::to_string(size) + " --to " +
                                  std::to_string(live_size));
  std::ofstream(tmp_.Sub("proof.json"), std::ios::binary) << proof;
  CliRun c =
      Sharetrail(tmp_, "check consistency --vkey " + Vkey() + " --proof " + tmp_.Sub("proof.json") +
                           " --old " + tmp_.Sub("backup.cp") + " --new " + tmp_.Sub("live.cp"));
  EXPECT_EQ(c.code, 0) << c.out << c.err;
}

TEST_F(BackupTest, RestoreRefusesANonEmptyTargetAndADamagedBackup) {
  StartWriters();
  WaitForAcks(10);
  StopWriters();
  std::string backup = tmp_.Sub("backup");
  ASSERT_EQ(Sharetrail(tmp_, "--ledger " + server_.dir() + " backup " + backup).code, 0);
  ASSERT_TRUE(WIFEXITED(server_.Stop()));

  // Into a directory that holds anything: refused, and left as it was.
  std::string busy = tmp_.Sub("busy");
  ASSERT_EQ(mkdir(busy.c_str(), 0700), 0);
  std::ofstream(busy + "/notes.txt") << "keep me";
  CliRun r = Sharetrail(tmp_, "--ledger " + busy + " restore " + backup);
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("not empty"), std::string::npos) << r.err;
  EXPECT_EQ(Slurp(busy + "/notes.txt"), "keep me");
  EXPECT_EQ(ModeOf(busy + "/data.mdb"), -1);
  // Over the live ledger itself: refused.
  EXPECT_EQ(Sharetrail(tmp_, "--ledger " + server_.dir() + " restore " + backup).code, 3);
  // Into the backup's own ledger directory: refused.
  EXPECT_EQ(Sharetrail(tmp_, "--ledger " + server_.dir() + " backup " + backup).code, 3);

  // A backup whose log was altered: verification fails, nothing restored.
  std::string bytes = Slurp(backup + "/data.mdb");
  size_t at = bytes.find("\"item\":\"b-0-3\"");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 9] ^= 0x01;
  std::ofstream(backup + "/data.mdb", std::ios::binary | std::ios::trunc) << bytes;
  std::string target = tmp_.Sub("fresh");
  CliRun bad = Sharetrail(tmp_, "--ledger " + target + " --json restore " + backup);
  EXPECT_EQ(bad.code, 1) << bad.out << bad.err;
  EXPECT_TRUE(bad.Json().as_object().contains("bad_seq")) << bad.out;
  EXPECT_EQ(ModeOf(target), -1);
  EXPECT_EQ(ModeOf(target + ".restoring"), -1);

  // A malformed --vkey is refused before anything is copied.
  CliRun key = Sharetrail(tmp_, "--ledger " + target + " restore " + backup + " --vkey not-a-key");
  EXPECT_EQ(key.code, 2) << key.out << key.err;
  EXPECT_NE(key.err.find("--vkey"), std::string::npos) << key.err;
  EXPECT_EQ(ModeOf(target + ".restoring"), -1);

  // A backup whose store cannot even be opened (garbage for data.mdb): an
  // error, and no staging directory left to block the next restore.
  std::ofstream(backup + "/data.mdb", std::ios::binary | std::ios::trunc) << std::string(8192, 'x');
  CliRun junk = Sharetrail(tmp_, "--ledger " + target + " restore " + backup);
  EXPECT_NE(junk.code, 0);
  EXPECT_EQ(ModeOf(target), -1);
  EXPECT_EQ(ModeOf(target + ".restoring"), -1) << junk.err;
}

}  // namespace
}  // namespace sharetrail::testing
