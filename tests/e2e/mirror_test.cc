// The tlog-tiles routes and `sharetrail mirror`, driving the real
// sharetraild and CLI: a copy made, verified, caught up after downtime; a
// rewritten history and a wrong key refused with the copy unchanged.
#include <filesystem>

#include "tests/e2e/server_support.h"

namespace sharetrail::testing {
namespace {

namespace fs = std::filesystem;

struct Ran {
  int code = -1;
  std::string out, err;
};

class MirrorE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<Server>(
        std::vector<Account>{{"ivy", "ofsted", "information-governance", "ig_officer"},
                             {"aud", "ofsted", "information-governance", "auditor"}});
    auditor_ = Token("aud");
    ivy_ = Token("ivy");
    std::ofstream(tmp_.Sub("token")) << auditor_ << "\n";
    vkey_ = server_->Cli("vkey");
    vkey_ = vkey_.substr(0, vkey_.find('\n'));
    server_->Start();
    Append(3, "a");
  }
  std::string Token(const std::string& user) {
    std::string t = server_->Cli("user token issue " + user + " --as admin");
    t = t.substr(t.find("token: ") + 7);
    return t.substr(0, t.find('\n'));
  }
  void Append(int n, const std::string& tag) {
    for (int i = 0; i < n; ++i) {
      auto r =
          server_->Post("/api/v1/events", ItemEvent("item-" + tag + std::to_string(i), "ofsted"),
                        {{"Authorization", "Bearer " + ivy_}});
      ASSERT_EQ(r.status, 201) << r.body;
    }
  }
  uint64_t Size() {
    std::string cp = server_->Get("/checkpoint").body;
    return std::stoull(cp.substr(cp.find('\n') + 1));
  }
  Ran Sharetrail(const std::string& args) {
    std::string out = tmp_.Sub("out"), err = tmp_.Sub("err");
    std::string cmd = std::string(SHARETRAIL_BINARY_DIR) + "/sharetrail " + args + " >" + out +
                      " 2>" + err + " </dev/null";
    int status = std::system(cmd.c_str());
    return {WEXITSTATUS(status), Slurp(out), Slurp(err)};
  }
  std::string Url() { return "http://127.0.0.1:" + std::to_string(server_->port()); }
  Ran MirrorOnce(const std::string& extra = "") {
    return Sharetrail("mirror " + Url() + " --dir " + tmp_.Sub("mirror") + " --once --token-file " +
                      tmp_.Sub("token") + " " + extra);
  }
  Ran VerifyMirror() {
    return Sharetrail("--ledger " + tmp_.Sub("mirror") + " verify --vkey " + vkey_);
  }

  TempDir tmp_;
  std::unique_ptr<Server> server_;
  std::string auditor_, ivy_, vkey_;
};

TEST_F(MirrorE2e, TlogRoutesServeCheckpointTilesAndBundlesToAuditors) {
  uint64_t size = Size();
  ASSERT_LT(size, 256u);
  HttpResult cp = server_->Get("/checkpoint");
  EXPECT_EQ(cp.headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(cp.headers["cache-control"], "no-store");
  EXPECT_EQ(cp.headers["x-content-type-options"], "nosniff");
  std::string partial = ".p/" + std::to_string(size);
  HttpResult tile = server_->Get("/tile/0/000" + partial);
  EXPECT_EQ(tile.status, 200) << tile.body;
  EXPECT_EQ(tile.body.size(), 32 * size);
  EXPECT_EQ(tile.headers["content-type"], "application/octet-stream");
  EXPECT_EQ(tile.headers["cache-control"], "public, max-age=60");
  EXPECT_EQ(tile.headers["x-content-type-options"], "nosniff");
  EXPECT_FALSE(tile.headers["content-security-policy"].empty());
  EXPECT_EQ(server_->Get("/tile/0/000").status, 404) << "the full tile does not exist yet";
  EXPECT_EQ(server_->Get("/tile/0/000.p/" + std::to_string(size + 1)).status, 404);
  HttpResult bad = server_->Get("/tile/0/x000/000");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("not canonical"), std::string::npos) << bad.body;
  EXPECT_EQ(server_->Get("/tile/64/000").status, 400);

  std::string bundle = "/tile/entries/000" + partial;
  EXPECT_EQ(server_->Get(bundle).status, 401);
  EXPECT_EQ(server_->Get(bundle, {{"Authorization", "Bearer " + ivy_}}).status, 403);
  HttpResult ok = server_->Get(bundle, {{"Authorization", "Bearer " + auditor_}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.headers["cache-control"], "private, max-age=60");
  std::string first = server_->Cli("show --seq 0 --canonical");
  first = first.substr(0, first.find_last_not_of('\n') + 1);
  ASSERT_GE(ok.body.size(), 2 + first.size());
  EXPECT_EQ(ok.body.substr(2, first.size()), first) << "entry 0's canonical bytes";
}

TEST_F(MirrorE2e, MirrorCopiesVerifiesAndCatchesUpAfterDowntime) {
  Ran first = MirrorOnce("--vkey " + vkey_);
  ASSERT_EQ(first.code, 0) << first.err;
  uint64_t size = Size();
  EXPECT_NE(first.out.find("mirrored e2e.test/server to size " + std::to_string(size) + " (+" +
                           std::to_string(size) + " entries), root "),
            std::string::npos)
      << first.out;
  Ran v = VerifyMirror();
  EXPECT_EQ(v.code, 0) << v.out << v.err;
  // Downtime: the node goes on; the next run catches up, key from the copy.
  Append(5, "b");
  Ran second = MirrorOnce();
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.out.find("to size " + std::to_string(Size()) + " (+5 entries)"),
            std::string::npos)
      << second.out;
  EXPECT_EQ(VerifyMirror().code, 0);
  // The copy answers queries like the source (its derived state is built).
  Ran q = Sharetrail("--ledger " + tmp_.Sub("mirror") + " verify --deep");
  EXPECT_EQ(q.code, 0) << q.out << q.err;

  // Looping until SIGTERM.
  pid_t pid = fork();
  if (pid == 0) {
    int out = open(tmp_.Sub("loop.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(out, 2);
    std::string bin = std::string(SHARETRAIL_BINARY_DIR) + "/sharetrail";
    std::string url = Url(), dir = tmp_.Sub("mirror"), token = tmp_.Sub("token");
    execl(bin.c_str(), bin.c_str(), "mirror", url.c_str(), "--dir", dir.c_str(), "--interval",
          "0.2", "--token-file", token.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200 && Slurp(tmp_.Sub("loop.out")).find("mirrored") == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Append(2, "c");
  std::string want = "to size " + std::to_string(Size()) + " (+2 entries)";
  for (int i = 0; i < 200 && Slurp(tmp_.Sub("loop.out")).find(want) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_NE(Slurp(tmp_.Sub("loop.out")).find(want), std::string::npos)
      << Slurp(tmp_.Sub("loop.out"));
}

TEST_F(MirrorE2e, ARewrittenHistoryIsRefusedAndTheCopyKept) {
  // The node's directory as it is now, kept aside.
  server_->Stop();
  fs::copy(server_->dir(), tmp_.Sub("old"), fs::copy_options::recursive);
  server_->Start();
  Append(4, "b");
  ASSERT_EQ(MirrorOnce("--vkey " + vkey_).code, 0);
  uint64_t mirrored = Size();
  // The operator puts the old copy back and writes another history over
  // it: same key, same origin, more entries than before.
  server_->Stop();
  fs::remove_all(server_->dir());
  fs::copy(tmp_.Sub("old"), server_->dir(), fs::copy_options::recursive);
  server_->Start();
  Append(6, "x");
  ASSERT_GT(Size(), mirrored);
  Ran r = MirrorOnce();
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("differs from the entry this mirror holds: a fork"), std::string::npos)
      << r.err;
  Ran v = VerifyMirror();
  EXPECT_EQ(v.code, 0) << v.out << v.err;
  EXPECT_NE(v.out.find(std::to_string(mirrored)), std::string::npos) << v.out;
}

TEST_F(MirrorE2e, AWrongKeyIsRefused) {
  Ran other = Sharetrail("--ledger " + tmp_.Sub("other") + " init --origin e2e.test/server");
  ASSERT_EQ(other.code, 0) << other.err;
  std::string wrong = Sharetrail("--ledger " + tmp_.Sub("other") + " vkey").out;
  wrong = wrong.substr(0, wrong.find('\n'));
  ASSERT_NE(wrong, vkey_);
  Ran r = MirrorOnce("--vkey " + wrong);
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("not signed by " + wrong), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp_.Sub("mirror") + "/data.mdb")) << "nothing stored";
  ASSERT_EQ(MirrorOnce("--vkey " + vkey_).code, 0);
  Ran again = MirrorOnce("--vkey " + wrong);
  EXPECT_NE(again.code, 0);
  EXPECT_NE(again.err.find("differs from the key"), std::string::npos) << again.err;
  Ran none = Sharetrail("mirror " + Url() + " --dir " + tmp_.Sub("fresh") + " --once");
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("--vkey is required"), std::string::npos) << none.err;
}

}  // namespace
}  // namespace sharetrail::testing
