// The static files the pages use (govuk-frontend's CSS, JavaScript, fonts
// and images, and ours from ui/assets/), read into memory once at start-up
// from the directory the build copied them to.
//
// Invariant: a request can only ever get one of the files loaded at start;
// no request path reaches the file system.
#ifndef SHARETRAIL_UI_ASSETS_H_
#define SHARETRAIL_UI_ASSETS_H_

#include <map>
#include <string>

#include "api/app.h"
#include "ledger/status.h"

namespace sharetrail::ui {

class Assets {
 public:
  // Every regular file under dir, by its path relative to dir.
  static Result<Assets> Load(const std::string& dir);
  // GET /assets/{*}.
  api::Route Route() const;
  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string type, body;
  };
  std::map<std::string, File> files_;
};

}  // namespace sharetrail::ui

#endif  // SHARETRAIL_UI_ASSETS_H_
