#include "ui/assets.h"

#include <filesystem>
#include <memory>

#include "ledger/files.h"

namespace sharetrail::ui {
namespace fs = std::filesystem;
namespace {

std::string TypeOf(const fs::path& p) {
  static const std::map<std::string, std::string> kTypes = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".map", "application/json"},
      {".json", "application/json"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"}};
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace

Result<Assets> Assets::Load(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return NotFound("assets: " + dir +
                    " is not a directory (the build copies the web assets there; "
                    "pass --assets DIR)");
  }
  Assets a;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    ST_ASSIGN_OR_RETURN(std::string body, ReadFile(it->path().string()));
    a.files_[fs::relative(it->path(), dir).generic_string()] = {TypeOf(it->path()),
                                                                std::move(body)};
  }
  if (ec) return IOError("assets: cannot list " + dir + ": " + ec.message());
  if (!a.files_.count("govuk-frontend.min.css")) {
    return NotFound("assets: " + dir + " has no govuk-frontend.min.css");
  }
  return a;
}

api::Route Assets::Route() const {
  auto files = std::make_shared<std::map<std::string, File>>(files_);
  auto handle = [files](api::Call& c) {
    auto it = files->find(c.args[0]);
    if (it == files->end()) {
      return api::HttpResponse{404, "text/plain", "no such asset\n", {}};
    }
    // Fonts and images carry their version in govuk-frontend's release, and
    // a new build restarts the server: a day's caching is safe.
    return api::HttpResponse{
        200, it->second.type, it->second.body, {{"Cache-Control", "public, max-age=86400"}}};
  };
  return api::Route{"GET",
                    "/assets/{*}",
                    api::Access::kPublic,
                    {},
                    handle,
                    "Static files of the web pages",
                    api::Kind::kPage};
}

}  // namespace sharetrail::ui
