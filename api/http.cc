#include "api/http.h"

#include <CivetServer.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <exception>

#include "api/handler_pool.h"
#include "ledger/files.h"

namespace sharetrail::api {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Reads at most max + 1 bytes, so an oversized chunked body is detected
// without holding it.
std::string ReadBody(mg_connection* conn, size_t max, bool* too_large) {
  std::string body;
  constexpr size_t kChunk = 16384;
  for (;;) {
    size_t had = body.size();
    body.resize(had + kChunk);
    int n = mg_read(conn, body.data() + had, kChunk);
    body.resize(had + (n > 0 ? static_cast<size_t>(n) : 0));
    if (n <= 0) break;
    if (body.size() > max) {
      *too_large = true;
      body.clear();
      break;
    }
  }
  return body;
}

// CivetWeb's listening_ports syntax: "127.0.0.1:8080", with "s" for TLS.
Result<std::string> Ports(const HttpOptions& o) {
  size_t colon = o.listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == o.listen.size()) {
    return InvalidArgument("listen: expected HOST:PORT, got \"" + o.listen + "\"");
  }
  for (size_t i = colon + 1; i < o.listen.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(o.listen[i]))) {
      return InvalidArgument("listen: port must be a number, got \"" + o.listen + "\"");
    }
  }
  return o.listen + (o.tls_cert.empty() ? "" : "s");
}

Result<std::string> CombinedPem(const HttpOptions& o) {
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    return InvalidArgument("tls: give both --tls-cert and --tls-key, or neither");
  }
  ST_ASSIGN_OR_RETURN(std::string cert, ReadFile(o.tls_cert));
  ST_ASSIGN_OR_RETURN(std::string key, ReadFile(o.tls_key));
  if (mkdir(o.tls_dir.c_str(), 0700) != 0 && errno != EEXIST) return Errno("mkdir " + o.tls_dir);
  std::string path = o.tls_dir + "/tls.pem";
  ST_RETURN_IF_ERROR(WriteDurably(o.tls_dir, path, key + "\n" + cert));
  return path;
}

}  // namespace

std::string HttpRequest::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

class HttpServer::Impl : public CivetHandler {
 public:
  Impl(HttpHandler handler, std::function<bool(const HttpRequest&)> shallow, size_t max_body,
       int threads)
      : handler_(std::move(handler)),
        shallow_(std::move(shallow)),
        max_body_(max_body),
        pool_(threads) {}
  std::unique_ptr<CivetServer> server;
  using CivetHandler::handleDelete;
  using CivetHandler::handleGet;
  using CivetHandler::handleHead;
  using CivetHandler::handlePatch;
  using CivetHandler::handlePost;
  using CivetHandler::handlePut;

  bool handleGet(CivetServer*, mg_connection* c) override { return Serve(c); }
  bool handlePost(CivetServer*, mg_connection* c) override { return Serve(c); }
  bool handlePut(CivetServer*, mg_connection* c) override { return Serve(c); }
  bool handleDelete(CivetServer*, mg_connection* c) override { return Serve(c); }
  bool handlePatch(CivetServer*, mg_connection* c) override { return Serve(c); }
  bool handleHead(CivetServer*, mg_connection* c) override { return Serve(c); }

 private:
  bool Serve(mg_connection* conn) {
    const mg_request_info* ri = mg_get_request_info(conn);
    HttpRequest req;
    req.method = ri->request_method ? ri->request_method : "";
    req.path = ri->local_uri ? ri->local_uri : "";
    req.query = ri->query_string ? ri->query_string : "";
    req.remote_addr = ri->remote_addr;
    req.tls = ri->is_ssl != 0;
    for (int i = 0; i < ri->num_headers; ++i) {
      req.headers[Lower(ri->http_headers[i].name)] = ri->http_headers[i].value;
    }
    if (ri->content_length > static_cast<long long>(max_body_)) {
      req.body_too_large = true;
    } else if (req.method != "GET" && req.method != "HEAD") {
      req.body = ReadBody(conn, max_body_, &req.body_too_large);
    }
    HttpResponse resp;
    if (shallow_ && shallow_(req)) {
      resp = handler_(req);
    } else {
      pool_.Run([&] { resp = handler_(req); });
    }
    std::string head = "HTTP/1.1 " + std::to_string(resp.status) + " " +
                       mg_get_response_code_text(conn, resp.status) +
                       "\r\nContent-Type: " + resp.content_type +
                       "\r\nContent-Length: " + std::to_string(resp.body.size()) + "\r\n";
    // Nothing is cached unless the answer says otherwise (static files do).
    bool cache_set = false;
    for (const auto& [k, v] : resp.headers) {
      head += k + ": " + v + "\r\n";
      cache_set = cache_set || k == "Cache-Control";
    }
    if (!cache_set) head += "Cache-Control: no-store\r\n";
    if (req.body_too_large) head += "Connection: close\r\n";
    head += "\r\n";
    // One write for head and body: two small writes meet Nagle's algorithm
    // and the client's delayed ACK and stall each answer for ~40 ms.
    if (req.method != "HEAD") head += resp.body;
    mg_write(conn, head.data(), head.size());
    return true;
  }

  HttpHandler handler_;
  std::function<bool(const HttpRequest&)> shallow_;
  size_t max_body_;
  HandlerPool pool_;  // handlers run here, not on CivetWeb's small stacks
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl, int port)
    : impl_(std::move(impl)), port_(port) {}

HttpServer::~HttpServer() {
  if (impl_ && impl_->server) impl_->server->close();
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const HttpOptions& o, HttpHandler handler) {
  ST_ASSIGN_OR_RETURN(std::string ports, Ports(o));
  std::vector<std::string> options = {
      "listening_ports",   ports, "num_threads",        std::to_string(o.threads),
      "enable_keep_alive", "yes", "request_timeout_ms", std::to_string(o.request_timeout_ms),
      "tcp_nodelay",       "1"};
  if (!o.tls_cert.empty() || !o.tls_key.empty()) {
    ST_ASSIGN_OR_RETURN(std::string pem, CombinedPem(o));
    options.insert(options.end(), {"ssl_certificate", pem, "ssl_protocol_version", "4"});
  }
  auto impl = std::make_unique<Impl>(std::move(handler), o.shallow, o.max_body,
                                     o.own_stacks ? o.threads : 0);
  // CivetServer reports a failed start (port in use, bad certificate) by
  // throwing; it is turned into a Status here and goes no further.
  try {
    impl->server = std::make_unique<CivetServer>(options);
  } catch (const std::exception& e) {
    return IOError("cannot listen on " + o.listen + ": " + e.what());
  }
  impl->server->addHandler("/", impl.get());
  std::vector<int> bound = impl->server->getListeningPorts();
  if (bound.empty()) return IOError("cannot listen on " + o.listen + ": no port bound");
  int port = bound.front();
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl), port));
}

}  // namespace sharetrail::api
