// The HTTP server: the one file pair that includes CivetWeb. Everything
// above it sees plain requests and responses.
//
// Invariants:
//   - a request body longer than max_body is never read into memory: the
//     request reaches the handler with body_too_large set (and the
//     connection is closed after the answer, as the body was not drained);
//   - listen addresses are given explicitly; sharetraild defaults to
//     127.0.0.1, never to every interface;
//   - handlers run on threads with full-size stacks (handler_pool.h), not
//     on CivetWeb's 100 KiB worker stacks;
//   - under TLS, the certificate and key are combined into one 0600 PEM file
//     in tls_dir (CivetWeb reads both from one file).
#ifndef SHARETRAIL_API_HTTP_H_
#define SHARETRAIL_API_HTTP_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ledger/status.h"

namespace sharetrail::api {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // URL-decoded path, no query
  std::string query;   // raw query string, without '?'
  std::string remote_addr;
  bool tls = false;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  bool body_too_large = false;

  // The header's value, or empty.
  std::string Header(const std::string& lower_name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

struct HttpOptions {
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free one
  std::string tls_cert, tls_key;          // PEM files; both or neither
  std::string tls_dir;                    // where the combined PEM is written
  int threads = 16;
  // Run handlers on threads with full-size stacks (handler_pool.h). Only a
  // handler that needs no stack to speak of (the benchmark's ceiling) runs
  // on CivetWeb's own.
  bool own_stacks = true;
  // Requests whose handler needs little stack (see Route::shallow): run on
  // the CivetWeb worker's own 100 KiB stack even with own_stacks, saving
  // the hand-off. Unset: none.
  std::function<bool(const HttpRequest&)> shallow;
  size_t max_body = 1 << 20;
  // CivetWeb's bound on reading a request and writing its answer: a client
  // that sends its request slowly, or not at all, is disconnected after
  // this long instead of holding a request thread.
  int request_timeout_ms = 30000;
};

class HttpServer {
 public:
  static Result<std::unique_ptr<HttpServer>> Start(const HttpOptions& options, HttpHandler handler);
  ~HttpServer();  // stops accepting and waits for requests in flight
  int port() const { return port_; }

 private:
  class Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl, int port);
  std::unique_ptr<Impl> impl_;
  int port_;
};

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_HTTP_H_
