// sharetraild under TLS with a certificate generated for the test (openssl
// CLI): curl verifies the chain against it, the session cookie is Secure,
// and plain HTTP to the TLS port gets no answer.
#include "tests/e2e/server_support.h"

namespace sharetrail::testing {
namespace {

struct ShellRun {
  int code;
  std::string out;
};

ShellRun Shell(const std::string& cmd, const std::string& out_path) {
  int status = std::system((cmd + " >" + out_path + " 2>&1").c_str());
  return {WEXITSTATUS(status), Slurp(out_path)};
}

TEST(ServerTlsTest, ServesHttpsWithAGeneratedCertificate) {
  TempDir tmp;
  std::string cert = tmp.Sub("cert.pem"), key = tmp.Sub("key.pem");
  ShellRun gen = Shell(
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
      " -keyout " +
          key + " -out " + cert +
          " -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1",
      tmp.Sub("gen.out"));
  ASSERT_EQ(gen.code, 0) << gen.out;

  Server server({{"tina", "ofsted", "information-governance", "ig_officer"}},
                {"--tls-cert", cert, "--tls-key", key});
  server.Start();
  std::string base = "https://127.0.0.1:" + std::to_string(server.port());
  std::string curl = "curl -sS --max-time 20 --cacert " + cert + " ";

  ShellRun health = Shell(curl + base + "/healthz", tmp.Sub("health.out"));
  EXPECT_EQ(health.code, 0) << health.out;
  EXPECT_EQ(health.out, "{\"status\":\"ok\"}\n");

  ShellRun login =
      Shell(curl + "-i -H 'Content-Type: application/json' -d '{\"user\":\"tina\",\"password\":\"" +
                std::string(kPassword) + "\"}' " + base + "/api/v1/session",
            tmp.Sub("login.out"));
  EXPECT_EQ(login.code, 0) << login.out;
  EXPECT_NE(login.out.find("HTTP/1.1 201"), std::string::npos) << login.out;
  EXPECT_NE(login.out.find("; Secure"), std::string::npos) << login.out;

  // Without the certificate as trust anchor, curl refuses the server.
  ShellRun untrusted =
      Shell("curl -sS --max-time 20 " + base + "/healthz", tmp.Sub("untrusted.out"));
  EXPECT_NE(untrusted.code, 0);
  // Plain HTTP on the TLS port is no HTTP answer.
  EXPECT_NE(server.Get("/healthz").status, 200);
  // The server survived all of it and still answers.
  EXPECT_EQ(Shell(curl + base + "/readyz", tmp.Sub("ready.out")).code, 0);
}

TEST(ServerTlsTest, RefusesHalfAConfiguration) {
  TempDir tmp;
  Server server({}, {"--tls-cert", tmp.Sub("missing-cert.pem")});
  std::string out = tmp.Sub("out");
  std::string cmd = std::string(SHARETRAIL_BINARY_DIR) + "/sharetraild --ledger " + server.dir() +
                    " --listen 127.0.0.1:0 --tls-cert " + tmp.Sub("missing.pem") + " >" + out +
                    " 2>&1";
  int status = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_NE(Slurp(out).find("give both --tls-cert and --tls-key"), std::string::npos) << Slurp(out);
}

}  // namespace
}  // namespace sharetrail::testing
