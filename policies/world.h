// The engine's view of the derived state: typed lookups over the records
// that Apply (apply.cc) keeps, and the one place their keys are spelled.
//
// Records are canonical JSON objects. Keys (ids never contain '/'):
//   party/<party>            {name, kind, teams:{id:name}}
//   user/<user>              {name?, party, team, roles:[...]}
//   admin/<user>             ""  (users holding the admin role)
//   agr/<agreement>          {version, seq, doc:{...}}
//   agrv/<agreement>         {version, seq, digest}  (hex SHA-256 of the agr/ record)
//   review/<agreement>       {date, seq}  (the last review held)
//   item/<item>              the item.registered body plus {seq, published?}
//   held/<item>/<party>      {seq, via:"owner"|"share", from?, agreement?}
//                            (a share never replaces the owner's own record)
//   consent/<item>/<party>   {seq, reference}
//   notified/<item>/<party>  {seq}  (the item's own provider notified of the concerns)
//   incident/<incident>      {seq, kind, agreement, by, consult:[...], consulted:[...]}
//   request/<request>        {seq, party, user, role, standing, fields, purpose, confirmed}
//   matter/<matter>          {seq, section, from, to, raised, answered?}
//   jtai/<inspection>/<req>  {seq, inspectorate, agency, removed?}
//   inspection/<inspection>  {ended}
//   hold/<hold>              {seq, scope, target?, authority, reason, placed, by, lifted?}
//   trigger/<item>/<kind>    {seq, date}  (retention trigger: registration_end, ...)
//   delreq/<request>         {seq, item, party, user, requested, state, ...}
//   erasure/<request>        {seq, subject, party, requested, items:[{item, delreq}]}
//                            (one deletion request per item, delreq/<request>.<n>)
//   foi/<request>            an information request: facts, derived due and
//                            state (foi.h; apply_foi.cc)
//   calendar                 {seq, digest, first, last, source} the bank
//                            holidays in force, if imported (else the embedded)
//   calendar.data            the imported calendar, GOV.UK bank-holidays.json
//   token/<token>            {seq, user, revoked?}  (API token ids; never secrets)
//   peer/<party>             {seq, origin, vkey, url?}  (the node that speaks for a
//                            party, whose signed log receipts are checked against)
//   sent/<seq>               {to, time, digest}  (a share this ledger recorded; digest
//                            is hex SHA-256 of its canonical body, for acknowledgements)
//   receipt/<peer>/<seq>     {seq, origin}  (the peer's share <seq> received here)
//   ack/<seq>                {seq, peer, origin, receipt}  (our share <seq>, receipt
//                            seen in the peer's log at <receipt>)
//   wrefused/<hex>           {seq}  (witness.refused of one (origin, size, root);
//                            hex SHA-256 of "origin\nsize\nroot", as origins hold '/')
//   x/<index>/<value>/<seq>  index records (index.h)
#ifndef SHARETRAIL_POLICIES_WORLD_H_
#define SHARETRAIL_POLICIES_WORLD_H_

#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ledger/state.h"
#include "policies/agreement.h"
#include "policies/calendar.h"

namespace sharetrail::policy {

namespace keys {
std::string Party(std::string_view id);
std::string User(std::string_view id);
std::string Admin(std::string_view user);
std::string Agreement(std::string_view id);
std::string AgreementStamp(std::string_view id);
std::string Review(std::string_view agreement);
std::string Item(std::string_view id);
std::string Held(std::string_view item, std::string_view party);
std::string Consent(std::string_view item, std::string_view party);
std::string Notified(std::string_view item, std::string_view party);
// Seed 001 "Sharing inspection reports" ¶5: an item about a provider's
// concerns that its owner has not yet told the provider of.
std::string ProviderNotice(std::string_view owner, std::string_view item);
std::string Incident(std::string_view id);
std::string Request(std::string_view id);
std::string Matter(std::string_view id);
std::string Jtai(std::string_view inspection, std::string_view request);
std::string Inspection(std::string_view id);
std::string Hold(std::string_view id);
std::string Trigger(std::string_view item, std::string_view kind);
std::string DeletionRequest(std::string_view id);
std::string Foi(std::string_view request);
std::string Erasure(std::string_view request);
inline constexpr char kCalendar[] = "calendar";
inline constexpr char kCalendarData[] = "calendar.data";
std::string Token(std::string_view id);
std::string Peer(std::string_view party);
std::string Sent(uint64_t seq);
std::string Receipt(std::string_view peer, uint64_t seq);
std::string Ack(uint64_t seq);
std::string WitnessRefusal(std::string_view origin, int64_t size, std::string_view root);
}  // namespace keys

// Cache of parsed agreement documents, keyed by the digest of the stored
// record, so a stale entry can never be served for a changed record.
class AgreementCache;
std::shared_ptr<AgreementCache> NewAgreementCache();

class World {
 public:
  World(const StateView& state, AgreementCache* cache) : state_(state), cache_(cache) {}
  const StateView& state() const { return state_; }

  Result<std::optional<boost::json::object>> Record(const std::string& key) const;
  Result<bool> Exists(const std::string& key) const;
  // A record that must exist; otherwise InvalidArgument "<field>: unknown <what> \"id\"".
  Result<boost::json::object> Need(const std::string& key, std::string_view field,
                                   std::string_view what, std::string_view id) const;

  Result<std::shared_ptr<const Agreement>> FindAgreement(std::string_view id) const;
  // Every registered agreement, current versions.
  Result<std::vector<std::shared_ptr<const Agreement>>> Agreements() const;
  Result<bool> AnyAdmin() const;
  // The bank holidays in force: the last imported calendar, else the one
  // shipped with the build (calendar.h).
  Result<std::shared_ptr<const Calendar>> Holidays() const;
  // The party's kind ("police", ...), or empty if it is not registered.
  Result<std::string> PartyKind(std::string_view party) const;

 private:
  const StateView& state_;
  AgreementCache* cache_;
};

// Field accessors for validated records and bodies.
std::string Str(const boost::json::object& o, std::string_view key);
bool Flag(const boost::json::object& o, std::string_view key);
std::vector<std::string> List(const boost::json::object& o, std::string_view key);
// The member `key` if it is an object, else null.
const boost::json::object* Member(const boost::json::object& o, std::string_view key);
bool Contains(const std::vector<std::string>& v, std::string_view s);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_WORLD_H_
