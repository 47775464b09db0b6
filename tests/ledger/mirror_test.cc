#include "ledger/mirror.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "ledger/ledger.h"
#include "ledger/tiles.h"
#include "ledger/verify.h"
#include "tests/testutil.h"

namespace sharetrail {
namespace {

using testing::ShareEvent;
using testing::TempDir;

std::unique_ptr<Ledger> MustOpen(const std::string& dir, bool read_only = false) {
  LedgerOptions o;
  o.read_only = read_only;
  auto l = Ledger::Open(dir, o);
  EXPECT_TRUE(l.ok()) << l.status().ToString();
  return l.ok() ? std::move(l).value() : nullptr;
}

void Grow(Ledger& l, uint64_t to, uint64_t salt = 0) {
  std::vector<Event> events;
  for (uint64_t n = *l.Size(); n < to; ++n) events.push_back(ShareEvent(n + salt));
  auto r = l.AppendAll(events);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}

// Serves a ledger as tlog-tiles in-process; a test may replace the
// checkpoint or alter any answer on the way out.
struct FakeSource {
  Ledger* ledger = nullptr;
  std::optional<std::string> checkpoint;
  std::function<void(const std::string& path, std::string* body)> tamper;

  Result<std::string> operator()(const std::string& path) const {
    std::string body;
    if (path == "checkpoint") {
      if (checkpoint) {
        body = *checkpoint;
      } else {
        ST_ASSIGN_OR_RETURN(body, ledger->SignedCheckpoint());
      }
    } else {
      ST_ASSIGN_OR_RETURN(TilePath t, ParseTilePath(path));
      ST_ASSIGN_OR_RETURN(auto txn, ledger->store().BeginRead());
      ST_ASSIGN_OR_RETURN(body, ServeTile(*txn, t));
    }
    if (tamper) tamper(path, &body);
    return body;
  }
};

// A checkpoint for any (origin, size, root), signed with the source's own
// key under its own name: what a source that lies would serve.
std::string Forge(const std::string& ledger_dir, const std::string& origin, uint64_t size,
                  const Hash& root) {
  auto key = Ed25519PrivateKey::LoadFile(ledger_dir + "/signing.key");
  EXPECT_TRUE(key.ok());
  auto signer = NoteSigner::Create("source.example/log", std::move(key).value());
  EXPECT_TRUE(signer.ok());
  std::string text = Checkpoint{origin, size, root, {}}.Text();
  auto sig = signer->Sign(text);
  EXPECT_TRUE(sig.ok());
  return Note{text, {*sig}}.Format();
}

class MirrorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    src_dir_ = tmp_.Sub("source");
    ASSERT_TRUE(Ledger::Init(src_dir_, "source.example/log").ok());
    source_ = MustOpen(src_dir_);
    fake_.ledger = source_.get();
    vkey_ = source_->verifier().Vkey();
    dir_ = tmp_.Sub("mirror");
  }
  std::unique_ptr<Mirror> OpenMirror(std::optional<std::string> vkey) {
    auto m = Mirror::Open(dir_, "http://source.test", vkey);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return m.ok() ? std::move(m).value() : nullptr;
  }
  // The mirror's size, read as `sharetrail verify` would open it.
  uint64_t MirrorSize() {
    auto l = MustOpen(dir_, true);
    return l ? *l->Size() : UINT64_MAX;
  }
  Status StepError(Mirror& m) {
    auto r = m.Step(std::ref(fake_));
    return r.ok() ? Status::Ok() : r.status();
  }

  TempDir tmp_;
  std::string src_dir_, dir_, vkey_;
  std::unique_ptr<Ledger> source_;
  FakeSource fake_;
};

TEST_F(MirrorTest, CopiesTheLogAndCatchesUpAndVerifies) {
  Grow(*source_, 300);
  auto m = OpenMirror(vkey_);
  auto step = m->Step(std::ref(fake_));
  ASSERT_TRUE(step.ok()) << step.status().ToString();
  EXPECT_EQ(step->origin, "source.example/log");
  EXPECT_EQ(step->old_size, 0u);
  EXPECT_EQ(step->new_size, 300u);
  EXPECT_EQ(step->root, *source_->Root(300));
  Grow(*source_, 777);
  step = m->Step(std::ref(fake_));
  ASSERT_TRUE(step.ok()) << step.status().ToString();
  EXPECT_EQ(step->old_size, 300u);
  EXPECT_EQ(step->new_size, 777u);
  step = m->Step(std::ref(fake_));
  ASSERT_TRUE(step.ok());
  EXPECT_EQ(step->new_size, step->old_size) << "nothing new";
  m.reset();

  auto copy = MustOpen(dir_, true);
  ASSERT_EQ(*copy->Size(), 777u);
  EXPECT_EQ(*copy->Root(777), *source_->Root(777));
  EXPECT_EQ(*copy->SignedCheckpoint(), *source_->SignedCheckpoint());
  EXPECT_EQ(*copy->EntryBytes(500), *source_->EntryBytes(500));
  VerifyOptions vo;
  vo.verifier = source_->verifier();
  auto report = Verify(*copy, vo);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->checkpoints, 2u) << "the two checkpoints the mirror verified";
}

TEST_F(MirrorTest, FirstRunNeedsTheVkeyAndLeavesNothingIfItFails) {
  EXPECT_FALSE(Mirror::Open(dir_, "http://source.test", std::nullopt).ok());
  Grow(*source_, 10);
  fake_.tamper = [](const std::string& path, std::string* body) {
    if (path != "checkpoint") body->pop_back();
  };
  auto m = OpenMirror(vkey_);
  EXPECT_FALSE(m->Step(std::ref(fake_)).ok());
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/data.mdb")) << "a failed first step stores nothing";
  fake_.tamper = nullptr;
  ASSERT_TRUE(m->Step(std::ref(fake_)).ok());
  m.reset();
  EXPECT_EQ(MirrorSize(), 10u);
  // Later runs read the key from the mirror; another key is refused.
  EXPECT_TRUE(Mirror::Open(dir_, "http://source.test", std::nullopt).ok());
  TempDir other;
  ASSERT_TRUE(Ledger::Init(other.Sub("l"), "other.example/log").ok());
  auto o = MustOpen(other.Sub("l"));
  auto bad = Mirror::Open(dir_, "http://source.test", o->verifier().Vkey());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("differs"), std::string::npos) << bad.status().message();
}

// A first step killed before its commit leaves an empty store; the next run
// starts afresh rather than taking it for a mirror.
TEST_F(MirrorTest, AnEmptyStoreFromAKilledFirstStepIsStartedAfresh) {
  Grow(*source_, 3);
  std::filesystem::create_directories(dir_);
  ASSERT_TRUE(Store::Open(dir_, {}).ok());
  ASSERT_TRUE(std::filesystem::exists(dir_ + "/data.mdb"));
  auto no_key = Mirror::Open(dir_, "http://source.test", std::nullopt);
  ASSERT_FALSE(no_key.ok());
  EXPECT_NE(no_key.status().message().find("did not complete"), std::string::npos)
      << no_key.status().message();
  auto m = OpenMirror(vkey_);
  auto step = m->Step(std::ref(fake_));
  ASSERT_TRUE(step.ok()) << step.status().ToString();
  EXPECT_EQ(step->new_size, 3u);
}

TEST_F(MirrorTest, RefusesACheckpointNotSignedByTheVkey) {
  TempDir other;
  ASSERT_TRUE(Ledger::Init(other.Sub("l"), "source.example/log").ok());
  auto impostor = MustOpen(other.Sub("l"));
  Grow(*impostor, 5);
  fake_.ledger = impostor.get();
  auto m = OpenMirror(vkey_);
  Status s = StepError(*m);
  EXPECT_NE(s.message().find("not signed by"), std::string::npos) << s.message();
}

TEST_F(MirrorTest, TamperedOrTruncatedBundlesChangeNothing) {
  Grow(*source_, 200);
  auto m = OpenMirror(vkey_);
  ASSERT_TRUE(m->Step(std::ref(fake_)).ok());
  Grow(*source_, 400);
  struct Case {
    const char* what;
    std::function<void(const std::string&, std::string*)> tamper;
    const char* expect;
  };
  std::vector<Case> cases = {
      {"a digit changed in an entry body (still valid JSON)",
       [](const std::string& p, std::string* b) {
         if (p.starts_with("tile/entries/001")) (*b)[b->rfind("item-3") + 5] ^= 1;
       },
       "but its checkpoint signs"},
      {"a byte that breaks the JSON",
       [](const std::string& p, std::string* b) {
         if (p.starts_with("tile/entries/001")) (*b)[b->find("\"share\"")] = 'x';
       },
       "tile/entries/001.p/144: entry"},
      {"a truncated bundle",
       [](const std::string& p, std::string* b) {
         if (p.starts_with("tile/entries/001")) b->resize(b->size() - 10);
       },
       "runs past the end"},
      {"an entry dropped from a bundle",
       [](const std::string& p, std::string* b) {
         if (p.starts_with("tile/entries/001")) {
           size_t len = static_cast<uint8_t>((*b)[0]) << 8 | static_cast<uint8_t>((*b)[1]);
           b->erase(0, 2 + len);
         }
       },
       "expected 144"},
  };
  for (const Case& c : cases) {
    fake_.tamper = c.tamper;
    Status s = StepError(*m);
    EXPECT_NE(s.message().find(c.expect), std::string::npos) << c.what << ": " << s.message();
  }
  fake_.tamper = nullptr;
  m.reset();
  EXPECT_EQ(MirrorSize(), 200u) << "nothing half-fetched is stored";
  m = OpenMirror(std::nullopt);
  auto ok = m->Step(std::ref(fake_));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->new_size, 400u);
}

TEST_F(MirrorTest, RefusesAWrongRootARollbackAForkAndAnotherOrigin) {
  Grow(*source_, 300);
  auto m = OpenMirror(vkey_);
  ASSERT_TRUE(m->Step(std::ref(fake_)).ok());
  Grow(*source_, 310);
  Hash bogus = *source_->Root(300);
  fake_.checkpoint = Forge(src_dir_, "source.example/log", 310, bogus);
  EXPECT_NE(StepError(*m).message().find("but its checkpoint signs"), std::string::npos);
  fake_.checkpoint = *source_->SignedCheckpoint(299);
  EXPECT_NE(StepError(*m).message().find("a rollback"), std::string::npos);
  fake_.checkpoint = Forge(src_dir_, "source.example/log", 300, *source_->Root(299));
  EXPECT_NE(StepError(*m).message().find("a fork"), std::string::npos);
  fake_.checkpoint = Forge(src_dir_, "elsewhere.example/log", 310, *source_->Root(310));
  EXPECT_NE(StepError(*m).message().find("names origin \"elsewhere.example/log\""),
            std::string::npos);
  m.reset();
  EXPECT_EQ(MirrorSize(), 300u);
}

// The source's directory is replaced by a copy taken earlier that then took
// other events: same key, same origin, another history.
TEST_F(MirrorTest, RefusesARewrittenHistory) {
  Grow(*source_, 250);
  source_.reset();
  std::string fork_dir = tmp_.Sub("fork");
  std::filesystem::copy(src_dir_, fork_dir, std::filesystem::copy_options::recursive);
  source_ = MustOpen(src_dir_);
  fake_.ledger = source_.get();
  Grow(*source_, 260);
  auto m = OpenMirror(vkey_);
  ASSERT_TRUE(m->Step(std::ref(fake_)).ok());
  auto fork = MustOpen(fork_dir);
  Grow(*fork, 270, 1000);
  fake_.ledger = fork.get();
  Status s = StepError(*m);
  EXPECT_NE(s.message().find("entry 256: differs from the entry this mirror holds"),
            std::string::npos)
      << s.message();
  m.reset();
  EXPECT_EQ(MirrorSize(), 260u);
}

}  // namespace
}  // namespace sharetrail
