// Where the HttpServer (api/http.h) runs a handler: on a handler-pool
// thread with a full-size stack (api/handler_pool.h), unless the request
// is one HttpOptions::shallow names, which runs on the CivetWeb worker's
// own small stack without the hand-off; and in sharetraild, which routes
// are shallow (App::Shallow: public proofs, tiles, the checkpoint, health).
#include <gtest/gtest.h>
#include <pthread.h>

#include <memory>
#include <string>

#include "api/app.h"
#include "api/handler_pool.h"
#include "api/http.h"
#include "api/http_client.h"
#include "ledger/ledger.h"
#include "tests/testutil.h"

namespace sharetrail::api {
namespace {

// The size of the stack the handler runs on.
HttpResponse StackSize(const HttpRequest&) {
  pthread_attr_t attr;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstacksize(&attr, &size);
    pthread_attr_destroy(&attr);
  }
  HttpResponse r;
  r.content_type = "text/plain";
  r.body = std::to_string(size);
  return r;
}

size_t StackOf(int port, const std::string& path) {
  auto url = Url::Parse("http://127.0.0.1:" + std::to_string(port) + path);
  EXPECT_TRUE(url.ok());
  auto r = Fetch("GET", *url);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::stoull(r->body) : 0;
}

TEST(HttpServerTest, OnlyShallowRequestsRunOnTheWorkersOwnStack) {
  HttpOptions o;
  o.listen = "127.0.0.1:0";
  o.threads = 2;
  o.shallow = [](const HttpRequest& req) { return req.path.starts_with("/shallow"); };
  auto server = HttpServer::Start(o, StackSize);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const int port = (*server)->port();
  EXPECT_EQ(StackOf(port, "/deep"), HandlerPool::kStackBytes);
  EXPECT_LT(StackOf(port, "/shallow/proof"), HandlerPool::kStackBytes);

  // Without the predicate every handler gets a full-size stack.
  o.shallow = nullptr;
  auto plain = HttpServer::Start(o, StackSize);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(StackOf((*plain)->port(), "/shallow/proof"), HandlerPool::kStackBytes);
}

TEST(HttpServerTest, SharetraildsShallowRoutesAreThePublicReads) {
  sharetrail::testing::TempDir tmp;
  std::string dir = tmp.Sub("ledger");
  ASSERT_TRUE(Ledger::Init(dir, "e2e.test/shallow").ok());
  AppOptions options;
  options.access_log = nullptr;
  auto app = App::Open(dir, options);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  auto shallow = [&](const std::string& method, const std::string& path) {
    HttpRequest req;
    req.method = method;
    req.path = path;
    return (*app)->Shallow(req);
  };
  for (const char* path : {"/api/v1/proof/inclusion", "/api/v1/proof/consistency", "/checkpoint",
                           "/tile/0/000.p/3", "/tile/entries/000", "/healthz", "/readyz"}) {
    EXPECT_TRUE(shallow("GET", path)) << path;
    EXPECT_TRUE(shallow("HEAD", path)) << path;
  }
  // Everything that decides, writes, queries or renders takes the pool.
  for (const char* path : {"/api/v1/events", "/api/v1/shared-with", "/api/v1/items/x",
                           "/api/v1/verify", "/api/v1/openapi.json", "/no/such/path"}) {
    EXPECT_FALSE(shallow("GET", path)) << path;
  }
  EXPECT_FALSE(shallow("POST", "/api/v1/proof/inclusion"));
  EXPECT_FALSE(shallow("POST", "/add-checkpoint"));
}

}  // namespace
}  // namespace sharetrail::api
