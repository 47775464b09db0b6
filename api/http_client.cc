#include "api/http_client.h"

#include <civetweb.h>

#include <cctype>
#include <charconv>
#include <mutex>

namespace sharetrail::api {
namespace {

// CivetWeb's client needs its library state (and, for https, its TLS
// context) initialised once per process; CivetServer does the same for a
// server, and the calls are reference-counted.
void InitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { mg_init_library(MG_FEATURES_TLS); });
}

bool ValidHost(std::string_view h) {
  if (h.empty()) return false;
  for (unsigned char c : h) {
    if (!(std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '_')) return false;
  }
  return true;
}

bool HeaderSafe(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

struct Connection {
  mg_connection* conn = nullptr;
  ~Connection() {
    if (conn != nullptr) mg_close_connection(conn);
  }
};

}  // namespace

Result<Url> Url::Parse(std::string_view url) {
  Url u;
  std::string_view rest;
  if (url.substr(0, 7) == "http://") {
    rest = url.substr(7);
  } else if (url.substr(0, 8) == "https://") {
    u.tls = true;
    rest = url.substr(8);
  } else {
    return InvalidArgument("URL \"" + std::string(url) + "\": must begin with http:// or https://");
  }
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  u.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return InvalidArgument("URL \"" + std::string(url) + "\": unclosed [ in the host");
    }
    u.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return InvalidArgument("URL \"" + std::string(url) + "\": junk after the host");
      }
      port = after.substr(1);
    }
  } else {
    size_t colon = authority.rfind(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (!ValidHost(u.host)) {
    return InvalidArgument("URL \"" + std::string(url) + "\": missing or invalid host");
  }
  if (!HeaderSafe(u.path) || u.path.find(' ') != std::string::npos) {
    return InvalidArgument("URL \"" + std::string(url) + "\": spaces or control characters");
  }
  u.port = u.tls ? 443 : 80;
  if (!port.empty()) {
    int p = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (ec != std::errc() || end != port.data() + port.size() || p < 1 || p > 65535) {
      return InvalidArgument("URL \"" + std::string(url) + "\": port must be 1-65535");
    }
    u.port = p;
  }
  return u;
}

Url Url::Join(std::string_view relative) const {
  Url u = *this;
  std::string base = path.substr(0, path.find('?'));
  if (base.empty() || base.back() != '/') base += '/';
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  u.path = base + std::string(relative);
  return u;
}

std::string Url::ToString() const {
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  bool default_port = port == (tls ? 443 : 80);
  return (tls ? "https://" : "http://") + h + (default_port ? "" : ":" + std::to_string(port)) +
         path;
}

Result<ClientResponse> Fetch(const std::string& method, const Url& url, std::string_view body,
                             std::string_view content_type, const ClientOptions& options) {
  const std::string where = method + " " + url.ToString();
  if (!HeaderSafe(method) || !HeaderSafe(content_type) || !HeaderSafe(options.bearer_token)) {
    return InvalidArgument(where + ": control characters in the method, content type or token");
  }
  if (url.tls && options.ca_file.empty()) {
    return InvalidArgument(where + ": https needs a CA file to check the server's certificate");
  }
  InitOnce();
  char err[256] = {0};
  Connection c;
  if (url.tls) {
    mg_client_options o{};
    o.host = url.host.c_str();
    o.port = url.port;
    o.server_cert = options.ca_file.c_str();
    o.host_name = url.host.c_str();
    c.conn = mg_connect_client_secure(&o, err, sizeof(err));
  } else {
    c.conn = mg_connect_client(url.host.c_str(), url.port, 0, err, sizeof(err));
  }
  if (c.conn == nullptr) return IOError(where + ": cannot connect: " + err);

  std::string head = method + " " + url.path + " HTTP/1.1\r\nHost: " + url.host +
                     "\r\nConnection: close\r\nUser-Agent: sharetrail\r\n";
  if (!options.bearer_token.empty())
    head += "Authorization: Bearer " + options.bearer_token + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") {
    head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    if (!content_type.empty()) head += "Content-Type: " + std::string(content_type) + "\r\n";
  }
  head += "\r\n";
  head.append(body);
  if (mg_write(c.conn, head.data(), head.size()) != static_cast<int>(head.size())) {
    return IOError(where + ": cannot send the request");
  }
  if (mg_get_response(c.conn, err, sizeof(err), options.timeout_ms) < 0) {
    return IOError(where + ": no answer: " + err);
  }
  const mg_response_info* info = mg_get_response_info(c.conn);
  if (info == nullptr) return IOError(where + ": no answer");
  ClientResponse r;
  r.status = info->status_code;
  for (int i = 0; i < info->num_headers; ++i) {
    std::string name = info->http_headers[i].name;
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (name == "content-type") r.content_type = info->http_headers[i].value;
  }
  if (info->content_length > static_cast<long long>(options.max_body)) {
    return OutOfRange(where + ": answer of " + std::to_string(info->content_length) +
                      " bytes is over the " + std::to_string(options.max_body) + "-byte limit");
  }
  char buf[16384];
  for (;;) {
    int n = mg_read(c.conn, buf, sizeof(buf));
    if (n < 0) return IOError(where + ": connection failed while reading the answer");
    if (n == 0) break;
    if (r.body.size() + static_cast<size_t>(n) > options.max_body) {
      return OutOfRange(where + ": answer is over the " + std::to_string(options.max_body) +
                        "-byte limit");
    }
    r.body.append(buf, static_cast<size_t>(n));
  }
  if (info->content_length >= 0 && r.body.size() != static_cast<size_t>(info->content_length)) {
    return IOError(where + ": answer truncated at " + std::to_string(r.body.size()) + " of " +
                   std::to_string(info->content_length) + " bytes");
  }
  return r;
}

Result<std::string> GetBody(const Url& url, const ClientOptions& options) {
  ST_ASSIGN_OR_RETURN(ClientResponse r, Fetch("GET", url, {}, {}, options));
  if (r.status == 200) return std::move(r.body);
  std::string said = r.body.substr(0, 300);
  while (!said.empty() && (said.back() == '\n' || said.back() == '\r')) said.pop_back();
  return FailedPrecondition("GET " + url.ToString() + ": HTTP " + std::to_string(r.status) +
                            (said.empty() ? "" : ": " + said));
}

}  // namespace sharetrail::api
