#include "ui/assets.h"
#include "ui/ui.h"

namespace sharetrail::ui {

Result<std::vector<api::Route>> Routes(const std::string& assets_dir) {
  ST_ASSIGN_OR_RETURN(Assets assets, Assets::Load(assets_dir));
  std::vector<api::Route> all{assets.Route()};
  for (auto group :
       {SessionPages, HomePages, RecordPages, ItemPages, SearchPages, FoiPages, GovernancePages}) {
    for (api::Route& r : group()) {
      r.kind = api::Kind::kPage;
      all.push_back(std::move(r));
    }
  }
  return all;
}

}  // namespace sharetrail::ui
