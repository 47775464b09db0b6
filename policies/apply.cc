// Engine::Apply: how each entry changes the records of world.h and the
// indexes of index.h. Only the entry and the state before it are read.
#include <boost/json/serialize.hpp>

#include "ledger/canonical_json.h"
#include "ledger/hash.h"
#include "policies/engine.h"
#include "policies/events.h"
#include "policies/index.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

struct Ctx {
  const Entry& entry;
  const json::object& body;
  std::string party;  // the actor's
  std::string day;
  StateWriter* state;
  World world;

  Status Put(const std::string& key, const json::object& record) const {
    ST_ASSIGN_OR_RETURN(std::string bytes, Canonicalize(record));
    return state->Put(key, bytes);
  }
  Status Index(std::string_view index, std::string_view value,
               std::string_view summary = "") const {
    if (value.empty()) return Status::Ok();
    return state->Put(IndexKey(index, value, entry.seq), summary);
  }
  Status IndexAll(std::string_view index, const std::vector<std::string>& values) const {
    for (const auto& v : values) ST_RETURN_IF_ERROR(Index(index, v));
    return Status::Ok();
  }
  json::object Stamp() const { return json::object{{"seq", entry.seq}}; }
  // Sets record[field] = this entry's seq in an existing record (a user
  // disabled, a token revoked); the engine checked it exists.
  Status Mark(const std::string& key, std::string_view field, std::string_view missing) const {
    ST_ASSIGN_OR_RETURN(auto rec, world.Record(key));
    if (!rec) return Corruption(std::string(missing) + " " + key);
    (*rec)[field] = entry.seq;
    return Put(key, *rec);
  }
};

// Items named by a body, whether as "item" or "items".
std::vector<std::string> ItemsOf(const json::object& body) {
  std::vector<std::string> items = List(body, "items");
  std::string one = Str(body, "item");
  if (!one.empty()) items.push_back(one);
  return items;
}

Status ApplyDirectory(const Ctx& c) {
  const std::string& t = c.entry.event.type;
  const json::object& b = c.body;
  if (t == "party.registered") {
    ST_RETURN_IF_ERROR(c.Index("party", Str(b, "party")));
    return c.Put(
        keys::Party(Str(b, "party")),
        json::object{{"name", b.at("name")}, {"kind", b.at("kind")}, {"teams", b.at("teams")}});
  }
  if (t == "user.registered") {
    json::object u{{"party", b.at("party")}, {"team", b.at("team")}, {"roles", b.at("roles")}};
    if (b.contains("name")) u["name"] = b.at("name");
    if (Contains(List(b, "roles"), "admin")) {
      ST_RETURN_IF_ERROR(c.state->Put(keys::Admin(Str(b, "user")), ""));
    }
    ST_RETURN_IF_ERROR(c.Index("party", Str(b, "party")));
    return c.Put(keys::User(Str(b, "user")), u);
  }
  if (t == "user.disabled") {
    return c.Mark(keys::User(Str(b, "user")), "disabled", "disabling unregistered user");
  }
  if (t == "token.issued") {
    json::object rec = c.Stamp();
    rec["user"] = b.at("user");
    return c.Put(keys::Token(Str(b, "token")), rec);
  }
  if (t == "token.revoked") {
    return c.Mark(keys::Token(Str(b, "token")), "revoked", "revoking unissued token");
  }
  if (t == "agreement.registered" || t == "agreement.amended") {
    const json::object& doc = b.at("agreement").as_object();
    std::string id = Str(doc, "id");
    ST_ASSIGN_OR_RETURN(auto old, c.world.Record(keys::Agreement(id)));
    int64_t version = old ? old->at("version").as_int64() + 1 : 1;
    ST_RETURN_IF_ERROR(c.Index("agreement", id));
    json::object record{{"version", version}, {"seq", c.entry.seq}, {"doc", doc}};
    ST_ASSIGN_OR_RETURN(std::string bytes, Canonicalize(record));
    ST_RETURN_IF_ERROR(c.state->Put(keys::Agreement(id), bytes));
    return c.Put(
        keys::AgreementStamp(id),
        json::object{{"version", version}, {"seq", c.entry.seq}, {"digest", Sha256Hex(bytes)}});
  }
  if (t == "agreement.reviewed") {
    ST_RETURN_IF_ERROR(c.Index("agreement", Str(b, "agreement")));
    // The latest review held counts, not the latest recorded: a review
    // recorded late must not pull the next one earlier.
    ST_ASSIGN_OR_RETURN(auto last, c.world.Record(keys::Review(Str(b, "agreement"))));
    if (last && Str(*last, "date") > Str(b, "date")) return Status::Ok();
    return c.Put(
        keys::Review(Str(b, "agreement")),
        json::object{{"date", b.at("date")}, {"outcome", b.at("outcome")}, {"seq", c.entry.seq}});
  }
  return Status::Ok();
}

Status ApplyItems(const Ctx& c) {
  const std::string& t = c.entry.event.type;
  const json::object& b = c.body;
  std::string item = Str(b, "item");
  if (t == "item.registered") {
    json::object rec = b;
    rec.erase("decision");
    rec["seq"] = c.entry.seq;
    ST_RETURN_IF_ERROR(c.Put(keys::Item(item), rec));
    json::object held = c.Stamp();
    held["via"] = "owner";
    ST_RETURN_IF_ERROR(c.Put(keys::Held(item, Str(b, "owner")), held));
    ST_RETURN_IF_ERROR(c.Index("party", Str(b, "owner")));
    ST_RETURN_IF_ERROR(c.Index("agreement", Str(b, "agreement")));
    // 001 "Sharing inspection reports" ¶5: concerns about a provider are
    // told to the provider first; until the owner records that, the item
    // is an outstanding notice (ProviderNotices).
    std::string provider = Str(b, "provider");
    if (!provider.empty() && provider != Str(b, "owner")) {
      json::object notice = c.Stamp();
      notice["provider"] = provider;
      ST_RETURN_IF_ERROR(c.Put(keys::ProviderNotice(Str(b, "owner"), item), notice));
    }
    // The value names the item, so a subject's items are found without
    // reading entries (erasure requests are decided from state alone).
    for (const std::string& subject : List(b, "subjects")) {
      ST_RETURN_IF_ERROR(c.Index("subject", subject, item));
    }
    return Status::Ok();
  }
  if (t == "publication") {
    ST_ASSIGN_OR_RETURN(auto rec, c.world.Record(keys::Item(item)));
    if (!rec) return Corruption("publication of unregistered item " + item);
    (*rec)["published"] = b.at("date");
    return c.Put(keys::Item(item), *rec);
  }
  if (t == "share") {
    std::string to = Str(b, "to");
    json::array categories;
    for (const std::string& i : List(b, "items")) {
      ST_ASSIGN_OR_RETURN(auto rec, c.world.Record(keys::Item(i)));
      std::string category = rec ? Str(*rec, "category") : std::string();
      categories.push_back(json::value(category));
      // A recipient handing an item back to its originator does not make
      // the originator a recipient of its own item: 001 "Process for
      // sharing, accessing and storing information" ¶1 (own internal
      // mechanisms) and ¶3 (only "the inspectorate receiving") keep binding
      // the others, never the owner.
      ST_ASSIGN_OR_RETURN(auto prior, c.world.Record(keys::Held(i, to)));
      if (prior && Str(*prior, "via") == "owner") continue;
      json::object held = c.Stamp();
      held["via"] = "share";
      held["from"] = c.party;
      held["agreement"] = b.at("agreement");
      ST_RETURN_IF_ERROR(c.Put(keys::Held(i, to), held));
    }
    json::object summary{{"from", c.party},
                         {"to", to},
                         {"items", b.at("items")},
                         {"agreement", b.at("agreement")},
                         {"purpose", b.at("purpose")},
                         {"categories", categories},
                         {"time", c.entry.time}};
    ST_ASSIGN_OR_RETURN(std::string s, Canonicalize(summary));
    std::string agreement = Str(b, "agreement");
    ST_RETURN_IF_ERROR(c.Index("party", to));
    ST_RETURN_IF_ERROR(c.Index("agreement", agreement));
    ST_RETURN_IF_ERROR(c.Index("share.party", c.party + "/" + c.day, s));
    if (to != c.party) ST_RETURN_IF_ERROR(c.Index("share.party", to + "/" + c.day, s));
    ST_RETURN_IF_ERROR(c.Index("share.agreement", agreement + "/" + c.day, s));
    for (const std::string& i : List(b, "items")) ST_RETURN_IF_ERROR(c.Index("share.item", i, s));
    for (const auto& cat : categories) {
      ST_RETURN_IF_ERROR(c.Index("share.category", std::string(cat.as_string()) + "/" + c.day, s));
    }
    return Status::Ok();
  }
  if (t == "consent.given") {
    json::object rec = c.Stamp();
    rec["reference"] = b.at("reference");
    ST_RETURN_IF_ERROR(c.Index("party", Str(b, "to")));
    return c.Put(keys::Consent(item, Str(b, "to")), rec);
  }
  if (t == "consent.withdrawn") {
    ST_RETURN_IF_ERROR(c.Index("party", Str(b, "to")));
    return c.state->Delete(keys::Consent(item, Str(b, "to")));
  }
  if (t == "provider.notified") {
    // 001 "Sharing inspection reports" ¶5: only telling "the service
    // provider to which the concerns relate" counts, so a notification
    // marks just the items whose provider it names.
    for (const std::string& i : List(b, "items")) {
      ST_ASSIGN_OR_RETURN(auto rec, c.world.Record(keys::Item(i)));
      if (!rec || Str(*rec, "provider") != Str(b, "provider")) continue;
      ST_RETURN_IF_ERROR(c.Put(keys::Notified(i, c.party), c.Stamp()));
      ST_RETURN_IF_ERROR(c.state->Delete(keys::ProviderNotice(c.party, i)));
    }
    return c.Index("party", Str(b, "provider"));
  }
  return Status::Ok();
}

}  // namespace

// Defined in apply_holds.cc: holds, retention triggers, the disposition path.
Status ApplyHolds(const Entry& entry, const json::object& body, const std::string& party,
                  StateWriter* state, const World& world);
Status ApplyRefusedDeletion(const Entry& entry, const json::object& attempt,
                            const json::object& decision, const std::string& party,
                            StateWriter* state, const World& world);
Status ApplyErasure(const Entry& entry, const json::object& body, const std::string& party,
                    StateWriter* state, const World& world);
// Defined in apply_foi.cc: information requests.
Status ApplyFoi(const Entry& entry, const json::object& body, const std::string& party,
                StateWriter* state, const World& world);
// Defined in apply_receipts.cc: peers, shares sent, receipts between nodes.
Status ApplyReceipts(const Entry& entry, const json::object& body, StateWriter* state);
// Defined in apply_duties.cc: incidents, register requests, matters, JTAI.
Status ApplyDuties(const Entry& entry, const json::object& body, const std::string& party,
                   StateWriter* state, const World& world);

Status Engine::Apply(const Entry& entry, StateWriter* state) const {
  const json::object& body = entry.event.body;
  Ctx c{entry,
        body,
        Str(entry.event.actor, "party"),
        entry.time.substr(0, 10),
        state,
        MakeWorld(*state)};
  const std::string& type = entry.event.type;
  ST_RETURN_IF_ERROR(c.Index("day", c.day));
  ST_RETURN_IF_ERROR(c.Index("party", c.party));
  if (type == kRefusedType) {
    const json::object& attempt = body.at("attempt").as_object();
    const json::object& abody = attempt.at("body").as_object();
    ST_RETURN_IF_ERROR(c.Index("type", type));
    ST_RETURN_IF_ERROR(c.Index("attempt", Str(attempt, "type")));
    bool unauthorised_use = false;
    for (const auto& f : body.at("decision").at("findings").as_array()) {
      if (Str(f.as_object(), "severity") == "refuse") {
        ST_RETURN_IF_ERROR(c.Index("refusal", Str(f.as_object(), "rule")));
        unauthorised_use = unauthorised_use || Str(f.as_object(), "rule") == "purpose.unauthorised";
      }
    }
    ST_RETURN_IF_ERROR(c.IndexAll("item", ItemsOf(abody)));
    // Approvals and disposals name the request; their item is the request's.
    if (!abody.contains("item") && abody.contains("request")) {
      ST_ASSIGN_OR_RETURN(auto req, c.world.Record(keys::DeletionRequest(Str(abody, "request"))));
      if (req) ST_RETURN_IF_ERROR(c.Index("item", Str(*req, "item")));
    }
    ST_RETURN_IF_ERROR(c.Index("agreement", Str(abody, "agreement")));
    // Seed 004 "Processing of personal data" ¶4 with the DESIGN.md §3
    // reading: the public count includes uses refused as unauthorised, but
    // not attempts refused for other reasons (another authority's request),
    // which are no use of that authority's data.
    if (Str(attempt, "type") == "purpose.use" && unauthorised_use) {
      ST_RETURN_IF_ERROR(c.Index("beyond-purpose", c.day.substr(0, 4), "unauthorised"));
    }
    // A refused step on an information request belongs on its timeline.
    if (Str(attempt, "type").starts_with("foi.")) {
      ST_RETURN_IF_ERROR(c.Index("foi.req", Str(abody, "request"), "refused"));
    }
    if (Str(attempt, "type") == "erasure.requested") {
      ST_RETURN_IF_ERROR(ApplyErasure(entry, abody, c.party, state, c.world));
    }
    if (Str(attempt, "type") == "deletion.requested") {
      ST_RETURN_IF_ERROR(ApplyRefusedDeletion(entry, attempt, body.at("decision").as_object(),
                                              c.party, state, c.world));
    }
    return Status::Ok();
  }
  ST_RETURN_IF_ERROR(c.Index("type", type));
  ST_RETURN_IF_ERROR(c.IndexAll("item", ItemsOf(body)));
  ST_RETURN_IF_ERROR(ApplyDirectory(c));
  ST_RETURN_IF_ERROR(ApplyItems(c));
  ST_RETURN_IF_ERROR(ApplyHolds(entry, body, c.party, state, c.world));
  ST_RETURN_IF_ERROR(ApplyFoi(entry, body, c.party, state, c.world));
  ST_RETURN_IF_ERROR(ApplyReceipts(entry, body, state));
  return ApplyDuties(entry, body, c.party, state, c.world);
}

}  // namespace sharetrail::policy
