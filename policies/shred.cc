#include "policies/shred.h"

#include <boost/json/parse.hpp>

#include "policies/queries.h"

namespace sharetrail::policy {

namespace json = boost::json;

Result<std::vector<Shredded>> ShredPending(Ledger& ledger, Vault& vault, const json::object& actor,
                                           const std::function<void()>& between) {
  Table pending;
  {
    ST_ASSIGN_OR_RETURN(auto snap, ledger.Read());
    ST_ASSIGN_OR_RETURN(pending, PendingShreds(*snap));
  }
  std::vector<Shredded> done;
  for (const auto& row : pending.rows) {
    Shredded s;
    s.item = std::string(row.at("item").as_string());
    s.request = std::string(row.at("request").as_string());
    ST_RETURN_IF_ERROR(vault.Shred(s.item));
    if (between) between();
    ST_ASSIGN_OR_RETURN(
        s.recorded, ledger.Append(Event{
                        actor, "payload.shredded", {{"item", s.item}, {"request", s.request}}}));
    s.refused = json::parse(s.recorded.outcome).at("type") == "refused";
    done.push_back(std::move(s));
  }
  return done;
}

}  // namespace sharetrail::policy
