// A small blocking HTTP/1.1 client for talking to other sharetrail nodes
// (fetching a peer's checkpoint and tiles, submitting checkpoints to
// witnesses). With api/http.cc, the only file that includes CivetWeb.
//
// Invariants:
//   - one request per connection ("Connection: close"), so no state is
//     shared between calls and any thread may call at any time;
//   - an answer longer than max_body is refused, never read whole: a
//     hostile peer cannot make us allocate without bound;
//   - https:// verifies the server's certificate against ca_file when it is
//     given; without a ca_file an https URL is refused rather than trusted
//     blindly (a node's view of its peers is only as good as this check).
#ifndef SHARETRAIL_API_HTTP_CLIENT_H_
#define SHARETRAIL_API_HTTP_CLIENT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "ledger/status.h"

namespace sharetrail::api {

struct Url {
  bool tls = false;
  std::string host;
  int port = 0;
  std::string path;  // begins with '/', query included
  // Accepts http://host[:port][/path] and https://...; IPv6 hosts in [].
  static Result<Url> Parse(std::string_view url);
  // The same origin with another path ("/tile/0/000" relative to the base's
  // path prefix, so a log served under /log/ keeps its prefix).
  Url Join(std::string_view relative) const;
  std::string ToString() const;
};

struct ClientOptions {
  int timeout_ms = 10000;
  size_t max_body = size_t{64} << 20;
  std::string ca_file;  // PEM bundle trusted for https
  // Sent as "Authorization: Bearer <token>" when set (a mirror fetching a
  // peer's entry bundles, which only an auditor may read).
  std::string bearer_token;
};

struct ClientResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

// One request; an error only if no HTTP answer came back (connect, TLS,
// timeout, oversized or truncated body). Any status code is a response.
Result<ClientResponse> Fetch(const std::string& method, const Url& url, std::string_view body = {},
                             std::string_view content_type = {}, const ClientOptions& options = {});

// GET url's body; any status but 200 is an error naming the URL, the status
// and the start of what the server said.
Result<std::string> GetBody(const Url& url, const ClientOptions& options = {});

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_HTTP_CLIENT_H_
