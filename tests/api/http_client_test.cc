// The HTTP client (api/http_client.h) against our own HttpServer on
// 127.0.0.1: answers of any status come back whole, oversized or refused
// connections are errors naming the URL, and https is refused without a
// trust anchor, accepted with the right one and refused with another.
#include "api/http_client.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "api/http.h"
#include "tests/testutil.h"

namespace sharetrail::api {
namespace {

using sharetrail::testing::TempDir;

HttpResponse Echo(const HttpRequest& req) {
  HttpResponse r;
  if (req.path == "/missing") {
    r.status = 404;
    r.content_type = "text/plain";
    r.body = "no such thing";
    return r;
  }
  if (req.path == "/big") {
    r.content_type = "application/octet-stream";
    r.body.assign(100000, 'x');
    return r;
  }
  r.content_type = "text/plain; charset=utf-8";
  r.body = req.method + " " + req.path + "?" + req.query + " [" + req.Header("content-type") +
           "] " + req.body;
  return r;
}

std::unique_ptr<HttpServer> StartServer(HttpOptions o = {}) {
  o.listen = "127.0.0.1:0";
  o.threads = 2;
  auto s = HttpServer::Start(o, Echo);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

Url Local(int port, const std::string& path, bool tls = false) {
  auto u = Url::Parse(std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port) +
                      path);
  EXPECT_TRUE(u.ok());
  return *u;
}

TEST(UrlTest, ParsesAndJoins) {
  auto u = Url::Parse("https://log.example.gov.uk:8443/ofsted/");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_TRUE(u->tls);
  EXPECT_EQ(u->host, "log.example.gov.uk");
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->Join("/tile/0/000").path, "/ofsted/tile/0/000");
  EXPECT_EQ(u->Join("checkpoint").ToString(), "https://log.example.gov.uk:8443/ofsted/checkpoint");

  auto plain = Url::Parse("http://[::1]");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->host, "::1");
  EXPECT_EQ(plain->port, 80);
  EXPECT_EQ(plain->Join("checkpoint").ToString(), "http://[::1]/checkpoint");
}

TEST(UrlTest, RefusesBadUrlsSayingWhy) {
  auto expect = [](const std::string& url, const std::string& why) {
    auto u = Url::Parse(url);
    ASSERT_FALSE(u.ok()) << url;
    EXPECT_NE(u.status().message().find(why), std::string::npos) << u.status().ToString();
  };
  expect("ftp://example.org/", "http:// or https://");
  expect("http:///path", "invalid host");
  expect("http://example.org:0/", "port must be 1-65535");
  expect("http://example.org:99999/", "port must be 1-65535");
  expect("http://example.org:80x/", "port must be 1-65535");
  expect("http://[::1/", "unclosed [");
  expect("http://example.org/a b", "spaces or control characters");
  expect("http://exa mple.org/", "invalid host");
}

TEST(HttpClientTest, GetsAndPostsWholeAnswers) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  auto get = Fetch("GET", Local(server->port(), "/checkpoint?x=1"));
  ASSERT_TRUE(get.ok()) << get.status().ToString();
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(get->content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(get->body, "GET /checkpoint?x=1 [] ");

  auto post =
      Fetch("POST", Local(server->port(), "/add-checkpoint"), "old 0\n\nbody", "text/plain");
  ASSERT_TRUE(post.ok()) << post.status().ToString();
  EXPECT_EQ(post->body, "POST /add-checkpoint? [text/plain] old 0\n\nbody");

  auto missing = Fetch("GET", Local(server->port(), "/missing"));
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->body, "no such thing");
}

TEST(HttpClientTest, RefusesAnAnswerOverTheLimit) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  ClientOptions o;
  o.max_body = 4096;
  auto big = Fetch("GET", Local(server->port(), "/big"), {}, {}, o);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.status().message().find("100000 bytes is over the 4096-byte limit"),
            std::string::npos)
      << big.status().ToString();
  o.max_body = 100000;
  auto fits = Fetch("GET", Local(server->port(), "/big"), {}, {}, o);
  ASSERT_TRUE(fits.ok()) << fits.status().ToString();
  EXPECT_EQ(fits->body.size(), 100000u);
}

TEST(HttpClientTest, ConnectionRefusedNamesTheUrl) {
  int port = 0;
  {
    auto server = StartServer();
    ASSERT_NE(server, nullptr);
    port = server->port();
  }  // stopped: nothing listens there now
  auto r = Fetch("GET", Local(port, "/checkpoint"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("GET http://127.0.0.1:" + std::to_string(port) +
                                      "/checkpoint: cannot connect"),
            std::string::npos)
      << r.status().ToString();
}

int Shell(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()); }

std::string SelfSigned(const TempDir& tmp, const std::string& name) {
  std::string key = tmp.Sub(name + ".key"), cert = tmp.Sub(name + ".pem");
  EXPECT_EQ(Shell("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
                  "-keyout " +
                  key + " -out " + cert +
                  " -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1"),
            0);
  return name;
}

TEST(HttpClientTest, HttpsChecksTheServerCertificate) {
  TempDir tmp;
  SelfSigned(tmp, "server");
  SelfSigned(tmp, "other");
  HttpOptions o;
  o.tls_cert = tmp.Sub("server.pem");
  o.tls_key = tmp.Sub("server.key");
  o.tls_dir = tmp.path();
  auto server = StartServer(o);
  ASSERT_NE(server, nullptr);
  Url url = Local(server->port(), "/checkpoint", /*tls=*/true);

  auto blind = Fetch("GET", url);
  ASSERT_FALSE(blind.ok());
  EXPECT_NE(blind.status().message().find("https needs a CA file"), std::string::npos);

  ClientOptions trusted;
  trusted.ca_file = tmp.Sub("server.pem");
  auto ok = Fetch("GET", url, {}, {}, trusted);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->body, "GET /checkpoint? [] ");

  ClientOptions wrong;
  wrong.ca_file = tmp.Sub("other.pem");
  auto refused = Fetch("GET", url, {}, {}, wrong);
  EXPECT_FALSE(refused.ok()) << "a server whose certificate the CA file does not sign was trusted";
}

}  // namespace
}  // namespace sharetrail::api
