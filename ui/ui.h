// The web pages sharetraild serves beside the JSON API: server-rendered
// GOV.UK Design System pages for IG officers, FOI teams and SIROs. Every
// task works without JavaScript.
//
// ui/ uses api/ (it reads and writes through the JSON API in-process, see
// client.h) and policies/ (event kinds for forms); nothing uses ui/ but
// sharetraild's main, which adds these routes to the API's.
#ifndef SHARETRAIL_UI_UI_H_
#define SHARETRAIL_UI_UI_H_

#include <string>
#include <vector>

#include "api/app.h"

namespace sharetrail::ui {

// The pages' routes, with GET /assets/{*} serving the files under
// assets_dir (the build's ui-assets directory).
Result<std::vector<api::Route>> Routes(const std::string& assets_dir);

// The route tables of each page group (page_*.cc).
std::vector<api::Route> SessionPages();
std::vector<api::Route> HomePages();
std::vector<api::Route> RecordPages();
std::vector<api::Route> ItemPages();
std::vector<api::Route> SearchPages();
std::vector<api::Route> FoiPages();
std::vector<api::Route> GovernancePages();

}  // namespace sharetrail::ui

#endif  // SHARETRAIL_UI_UI_H_
