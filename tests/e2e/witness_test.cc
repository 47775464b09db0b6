// Three sharetraild nodes on 127.0.0.1 witness each other (C2SP
// tlog-witness): each node's published checkpoint gathers the other two's
// cosignatures and meets a 2-of-2 witness policy; a node whose ledger is
// replaced by a rewritten history (same origin and key, other entries) is
// refused by both witnesses, each records the refusal on its own ledger as
// witness.refused, and the rewritten node's checkpoint fails the policy.
#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctime>
#include <filesystem>
#include <memory>

#include "tests/e2e/server_support.h"

namespace sharetrail::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

// sharetrail against any ledger directory; returns the exit code.
int RunCli(const std::string& dir, const std::string& args, const std::string& input,
           const std::string& scratch, std::string* out) {
  std::string in = scratch + "/cli.in", o = scratch + "/cli.out";
  std::ofstream(in, std::ios::binary) << input;
  std::string cmd = std::string(SHARETRAIL_BINARY_DIR) + "/sharetrail --ledger " + dir + " " +
                    args + " <" + in + " >" + o + " 2>&1";
  int status = std::system(cmd.c_str());
  *out = Slurp(o);
  return WEXITSTATUS(status);
}

std::string ItemLine(const std::string& item) {
  return R"({"type":"item.registered","body":{"item":")" + item +
         R"(","title":"Letter","kind":"letter","owner":"ofsted","category":"concerns_letter",)"
         R"("classification":"official-sensitive","safeguarding":false,"personal_data":false,)"
         R"("digest":")" +
         std::string(64, 'b') + "\"}}\n";
}

int CountCosignatures(const std::string& note) {
  int n = 0;
  for (size_t at = note.find("\n\xE2\x80\x94 "); at != std::string::npos;
       at = note.find("\n\xE2\x80\x94 ", at + 1)) {
    ++n;
  }
  return n - 1;  // the log's own line
}

class WitnessE2eTest : public ::testing::Test {
 protected:
  static constexpr int kNodes = 3;
  const char* names_[kNodes] = {"a", "b", "c"};

  void SetUp() override {
    for (int i = 0; i < kNodes; ++i) {
      nodes_[i] = std::make_unique<Server>(std::vector<Account>{}, std::vector<std::string>{},
                                           std::string("e2e.test/") + names_[i]);
      ports_[i] = FreePort();
      nodes_[i]->SetListen("127.0.0.1:" + std::to_string(ports_[i]));
      log_vkeys_[i] = nodes_[i]->Cli("vkey");
      log_vkeys_[i].pop_back();
      std::string init = nodes_[i]->Cli(std::string("witness init --dir ") + nodes_[i]->dir() +
                                        " --name witness.e2e.test/" + names_[i]);
      witness_vkeys_[i] = init.substr(init.find("witness vkey: ") + 14);
      witness_vkeys_[i].pop_back();
    }
    for (int i = 0; i < kNodes; ++i) {
      std::string config = "# the ledgers this node witnesses\n", policy;
      std::string members;
      for (int j = 0; j < kNodes; ++j) {
        if (j == i) continue;
        config += std::string("log e2e.test/") + names_[j] + " " + log_vkeys_[j] + "\n";
        std::string w = std::string("witness.e2e.test/") + names_[j];
        policy += "witness " + w + " " + witness_vkeys_[j] +
                  " http://127.0.0.1:" + std::to_string(ports_[j]) + "\n";
        members += " " + w;
      }
      policy += "group others all" + members + "\nquorum others\n";
      std::ofstream(nodes_[i]->Path("witness.conf")) << config;
      std::ofstream(nodes_[i]->Path("policy.txt")) << policy;
      nodes_[i]->SetFlags({"--witness-config", nodes_[i]->Path("witness.conf"), "--witness-policy",
                           nodes_[i]->Path("policy.txt")});
    }
  }

  // The node's published checkpoint once it carries `want` cosignatures on
  // its current size (bounded wait).
  std::string WaitCosigned(int i, int want) {
    std::string note;
    for (int tries = 0; tries < 600; ++tries) {
      note = nodes_[i]->Get("/api/v1/checkpoint/cosigned").body;
      if (CountCosignatures(note) >= want) return note;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << names_[i] << " never got " << want << " cosignatures: " << note << "\n"
                  << nodes_[i]->Get("/api/v1/witness").body;
    return note;
  }

  void AddItem(int i, const std::string& item) {
    Headers h = nodes_[i]->Login("admin");
    HttpResult r = nodes_[i]->Post("/api/v1/events", ItemEvent(item, "ofsted"), h);
    ASSERT_EQ(r.status, 201) << r.body;
  }

  std::unique_ptr<Server> nodes_[kNodes];
  int ports_[kNodes];
  std::string log_vkeys_[kNodes], witness_vkeys_[kNodes];
};

TEST_F(WitnessE2eTest, CrossWitnessingAndARewrittenHistoryIsRefused) {
  // A copy of c's ledger as it is now: the fork point of the rewrite.
  std::string fork = nodes_[2]->Path("fork");
  fs::create_directories(fork);
  for (const char* f : {"data.mdb", "signing.key"}) {
    fs::copy_file(nodes_[2]->dir() + "/" + f, fork + "/" + f);
  }
  for (auto& n : nodes_) n->Start();
  for (int i = 0; i < kNodes; ++i) AddItem(i, std::string("letter-") + names_[i]);

  for (int i = 0; i < kNodes; ++i) {
    std::string note = WaitCosigned(i, 2);
    std::ofstream(nodes_[i]->Path("cosigned.txt")) << note;
    std::string out;
    EXPECT_EQ(RunCli(nodes_[i]->dir(),
                     "verify --witness-policy " + nodes_[i]->Path("policy.txt") + " --checkpoint " +
                         nodes_[i]->Path("cosigned.txt"),
                     "", nodes_[i]->Path(""), &out),
              0)
        << out;
    EXPECT_NE(out.find("quorum met"), std::string::npos) << out;
  }
  // An evidence bundle made now carries a's cosigned checkpoint.
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::string year = std::to_string(utc.tm_year + 1900), bundle = nodes_[0]->Path("bundle.tar.gz");
  std::string out;
  ASSERT_EQ(RunCli(nodes_[0]->dir(), "bundle --year " + year + " -o " + bundle, "",
                   nodes_[0]->Path(""), &out),
            0)
      << out;
  EXPECT_EQ(RunCli(nodes_[0]->dir(),
                   "verify-bundle " + bundle + " --witness-policy " + nodes_[0]->Path("policy.txt"),
                   "", nodes_[0]->Path(""), &out),
            0)
      << out;
  EXPECT_NE(out.find("quorum met"), std::string::npos) << out;

  // c's history rewritten from the fork point: other entries, longer than
  // what the witnesses cosigned, signed with the same key.
  uint64_t cosigned_size = nodes_[2]->Get("/readyz").Json().at("size").as_int64();
  nodes_[2]->Stop();
  std::string lines;
  for (int k = 0; k < 4; ++k) lines += ItemLine("forged-" + std::to_string(k));
  ASSERT_EQ(RunCli(fork, "record --as admin -", lines, nodes_[2]->Path(""), &out), 0) << out;
  fs::copy_file(fork + "/data.mdb", nodes_[2]->dir() + "/data.mdb",
                fs::copy_options::overwrite_existing);
  fs::remove(nodes_[2]->dir() + "/lock.mdb");
  nodes_[2]->Start();
  uint64_t rewritten_size = nodes_[2]->Get("/readyz").Json().at("size").as_int64();
  ASSERT_GT(rewritten_size, cosigned_size);

  // Both witnesses refuse it (422: the consistency proof from the size they
  // cosigned fails) and record the refusal on their own ledgers.
  for (int i : {0, 1}) {
    std::string last;
    bool found = false;
    for (int tries = 0; tries < 600 && !found; ++tries) {
      uint64_t size = nodes_[i]->Get("/readyz").Json().at("size").as_int64();
      for (uint64_t seq = size; seq-- > 0 && seq + 5 > size;) {
        RunCli(nodes_[i]->dir(), "--json show --seq " + std::to_string(seq), "",
               nodes_[i]->Path(""), &last);
        if (last.find("\"witness.refused\"") != std::string::npos) {
          found = true;
          break;
        }
      }
      if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_TRUE(found) << names_[i] << ": " << nodes_[2]->Get("/api/v1/witness").body << "\n"
                       << Slurp(nodes_[i]->Path("server.out"));
    json::value e = json::parse(last).at("entry");
    EXPECT_EQ(e.at("actor").at("user"), "witness");
    EXPECT_EQ(e.at("actor").at("role"), "system");
    EXPECT_EQ(e.at("body").at("origin"), "e2e.test/c");
    EXPECT_EQ(e.at("body").at("old_size").as_int64(), static_cast<int64_t>(cosigned_size));
    EXPECT_EQ(e.at("body").at("size").as_int64(), static_cast<int64_t>(rewritten_size));
    EXPECT_EQ(e.at("body").at("decision").at("outcome"), "warn");
  }
  json::value status = nodes_[2]->Get("/api/v1/witness").Json();
  for (const auto& s : status.at("submissions").as_array()) {
    EXPECT_NE(std::string(s.at("last_error").as_string()).find("HTTP 422"), std::string::npos)
        << json::serialize(s);
  }

  // The rewritten node's checkpoint carries no cosignature: the policy fails.
  std::string note = nodes_[2]->Get("/api/v1/checkpoint/cosigned").body;
  EXPECT_EQ(CountCosignatures(note), 0) << note;
  std::ofstream(nodes_[2]->Path("rewritten.txt")) << note;
  EXPECT_EQ(RunCli(nodes_[2]->dir(),
                   "verify --witness-policy " + nodes_[2]->Path("policy.txt") + " --checkpoint " +
                       nodes_[2]->Path("rewritten.txt"),
                   "", nodes_[2]->Path(""), &out),
            1)
      << out;
  EXPECT_NE(out.find("FAILED: witness policy: group others needs 2 of 2, has 0"), std::string::npos)
      << out;

  // The honest nodes go on being witnessed, by each other and by c.
  AddItem(0, "letter-a2");
  WaitCosigned(0, 2);
  for (auto& n : nodes_) EXPECT_EQ(n->Stop(), 0);
}

}  // namespace
}  // namespace sharetrail::testing
