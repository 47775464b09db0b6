// Subject erasure: "erase everything we hold about this person" becomes one
// deletion request per item, each meeting the same blockers as any other
// (holds first: 000 §13; retention minimums: 003), so an erasure never
// destroys what a hold or the law keeps, and the answer says which and why.
#include "policies/index.h"
#include "policies/rules/disposal.h"

namespace sharetrail::policy {
namespace json = boost::json;

Result<std::vector<ErasureItem>> ErasureItems(const World& w, std::string_view subject,
                                              std::string_view party, Date today) {
  ST_ASSIGN_OR_RETURN(auto items, IndexValues(w.state(), "subject", subject));
  std::vector<ErasureItem> out;
  std::vector<std::string> seen;
  for (const std::string& id : items) {
    if (Contains(seen, id)) continue;
    seen.push_back(id);
    ST_ASSIGN_OR_RETURN(bool holds, HoldsItem(w, id, party));
    if (!holds) continue;
    ST_ASSIGN_OR_RETURN(json::object item, NeedItem(w, id, "body.subject"));
    item["item"] = id;
    ErasureItem e{id, Decision()};
    ST_RETURN_IF_ERROR(CheckDisposalBlockers(w, item, party, today, &e.blockers));
    out.push_back(std::move(e));
  }
  return out;
}

Status CheckErasureRequested(const Proposal& p, const World& w, Decision* d) {
  ST_RETURN_IF_ERROR(
      MustBeNew(w, keys::Erasure(p.Body("request")), "body.request", p.Body("request")));
  ST_ASSIGN_OR_RETURN(auto items, ErasureItems(w, p.Body("subject"), p.party, p.today));
  if (items.empty()) {
    return InvalidArgument("body.subject: " + p.party + " holds nothing referring to \"" +
                           p.Body("subject") + "\"");
  }
  size_t blocked = 0;
  for (const ErasureItem& e : items) blocked += e.blockers.refused();
  // Everything kept: the request is refused, each reason named. Some kept:
  // the rest go ahead, and each kept item is a warning with its reason.
  const bool all = blocked == items.size();
  for (const ErasureItem& e : items) {
    for (const Finding& f : e.blockers.findings()) {
      if (f.severity != Outcome::kRefuse) continue;
      std::string reason = e.item + " is kept: " + f.reason;
      if (all) {
        d->Refuse(f.rule, f.cite, reason);
      } else {
        d->Warn(f.rule, f.cite, reason);
      }
    }
  }
  if (!all) {
    d->Oblige("erasure.disposition", std::to_string(items.size() - blocked) +
                                         " item(s) go to disposition review as deletion requests " +
                                         p.Body("request") +
                                         ".<n>; approve each before it is disposed of");
  }
  return Status::Ok();
}

}  // namespace sharetrail::policy
