// Apply for information requests: the foi/<request> record (foi.h) and its
// indexes:
//   foi.req/<request>     every event on the request (its timeline)
//   foi.party/<party>     requests received, by receipt seq
//   foi.open/<party>      requests with a clock running or stopped: not yet
//                         answered, or under internal review
//   foi.uninformed/<party> requests with a counterparty not yet informed
//   foi.item/<item>, foi.category/<category>  what a request touches (holds)
//   foi.digest/<digest>   same normalised text: round robins
#include "ledger/canonical_json.h"
#include "ledger/hash.h"
#include "policies/foi.h"
#include "policies/index.h"
#include "policies/records.h"
#include "policies/rules/counterparties.h"
#include "policies/rules/rules.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

json::object& SubObject(json::object& o, std::string_view key) {
  json::value& v = o[key];
  if (!v.is_object()) v = json::object();
  return v.as_object();
}

bool Pending(const json::object& rec, std::string_view key, std::string_view done) {
  const json::object* step = Member(rec, key);
  return step != nullptr && !step->contains(done);
}

// The state label and the derived deadline, from the facts.
Status Derive(const Calendar& cal, json::object& rec) {
  std::string state = "open";
  if (rec.contains("response")) {
    state = Pending(rec, "ico", "decided")      ? "with_ico"
            : rec.contains("ico")               ? "ico_decided"
            : Pending(rec, "review", "decided") ? "under_review"
            : rec.contains("review")            ? "reviewed"
                                                : "answered";
  } else if (Pending(rec, "clarification", "received")) {
    state = "awaiting_clarification";
  } else if (const json::value* fees = rec.if_contains("fees");
             fees && !fees->as_array().back().as_object().contains("paid")) {
    state = "awaiting_fee";
  }
  rec["state"] = state;
  ST_ASSIGN_OR_RETURN(Due due, DueOf(cal, rec));
  if (due.date) {
    rec["due"] = due.date->ToString();
  } else {
    rec.erase("due");
  }
  rec["due_basis"] = due.basis;
  return Status::Ok();
}

Status Received(const Entry& e, const json::object& b, const std::string& party, StateWriter* s,
                const World& w, json::object& rec) {
  const uint64_t seq = e.seq;
  const std::string id = Str(b, "request");
  rec = json::object{{"request", id},
                     {"seq", seq},
                     {"party", party},
                     {"user", Str(e.event.actor, "user")},
                     {"regime", b.at("regime")},
                     {"received", b.at("received")},
                     {"requester", b.at("requester")}};
  for (const char* k : {"items", "categories", "digest", "topic"}) {
    if (b.contains(k)) rec[k] = b.at(k);
  }
  ST_ASSIGN_OR_RETURN(auto told, WhoMustBeTold(w, party, Str(b, "regime"), List(b, "items"),
                                               List(b, "categories")));
  json::array inform;
  for (const Counterparty& c : told) {
    json::array items;
    for (const auto& i : c.items) items.push_back(json::value(i));
    inform.push_back(json::object{{"party", c.party},
                                  {"agreement", c.agreement},
                                  {"cite", c.cite.ToJson()},
                                  {"items", items}});
  }
  rec["inform"] = inform;
  ST_RETURN_IF_ERROR(s->Put(IndexKey("foi.party", party, seq), id));
  ST_RETURN_IF_ERROR(s->Put(IndexKey("foi.open", party, seq), id));
  if (!inform.empty()) ST_RETURN_IF_ERROR(s->Put(IndexKey("foi.uninformed", party, seq), id));
  for (const std::string& i : List(b, "items")) {
    ST_RETURN_IF_ERROR(s->Put(IndexKey("foi.item", i, seq), id));
  }
  for (const std::string& c : List(b, "categories")) {
    ST_RETURN_IF_ERROR(s->Put(IndexKey("foi.category", c, seq), id));
  }
  // Round robin: the same text received elsewhere (or again). Both records
  // name each other, so each side sees the other's state.
  std::string digest = Str(b, "digest");
  if (digest.empty()) return Status::Ok();
  ST_ASSIGN_OR_RETURN(auto others, IndexValues(w.state(), "foi.digest", digest));
  for (const std::string& other_id : others) {
    ST_ASSIGN_OR_RETURN(json::object other,
                        w.Need(keys::Foi(other_id), "foi.digest", "request", other_id));
    SubObject(other, "linked")[id] = party;
    ST_RETURN_IF_ERROR(PutRecord(s, keys::Foi(other_id), other));
    SubObject(rec, "linked")[other_id] = Str(other, "party");
  }
  return s->Put(IndexKey("foi.digest", digest, seq), id);
}

// The calendar goes in whole, by digest; each open request whose deadline
// moves is rewritten and the move is on its timeline and in the stamp.
Status CalendarImported(const Entry& entry, const json::object& b, StateWriter* s, const World& w) {
  ST_ASSIGN_OR_RETURN(std::string bytes, Canonicalize(b.at("calendar")));
  ST_ASSIGN_OR_RETURN(Calendar cal, Calendar::ParseGovukJson(bytes));
  ST_ASSIGN_OR_RETURN(auto moved, DeadlinesMovedBy(w, cal));
  json::array list;
  for (const MovedDeadline& m : moved) {
    ST_ASSIGN_OR_RETURN(json::object rec,
                        w.Need(keys::Foi(m.request), "foi", "request", m.request));
    ST_RETURN_IF_ERROR(Derive(cal, rec));
    ST_RETURN_IF_ERROR(PutRecord(s, keys::Foi(m.request), rec));
    ST_RETURN_IF_ERROR(s->Put(IndexKey("foi.req", m.request, entry.seq), entry.event.type));
    list.push_back(json::object{{"request", m.request},
                                {"party", m.party},
                                {"from", m.from ? m.from->ToString() : ""},
                                {"to", m.to ? m.to->ToString() : ""}});
  }
  ST_RETURN_IF_ERROR(s->Put(keys::kCalendarData, bytes));
  return PutRecord(s, keys::kCalendar,
                   json::object{{"seq", entry.seq},
                                {"digest", Sha256Hex(bytes)},
                                {"first", cal.first().ToString()},
                                {"last", cal.last().ToString()},
                                {"source", b.at("source")},
                                {"moved", list}});
}

}  // namespace

Status ApplyFoi(const Entry& entry, const json::object& b, const std::string& party, StateWriter* s,
                const World& w) {
  const std::string& t = entry.event.type;
  if (t == "calendar.imported") return CalendarImported(entry, b, s, w);
  if (!t.starts_with("foi.")) return Status::Ok();
  const std::string id = Str(b, "request");
  const std::string key = keys::Foi(id);
  ST_ASSIGN_OR_RETURN(auto cal, w.Holidays());
  ST_RETURN_IF_ERROR(s->Put(IndexKey("foi.req", id, entry.seq), t));
  json::object rec;
  if (t == "foi.received") {
    ST_RETURN_IF_ERROR(Received(entry, b, party, s, w, rec));
  } else {
    ST_ASSIGN_OR_RETURN(auto found, w.Record(key));
    if (!found) return Corruption(t + " of unknown request " + id);
    rec = std::move(*found);
  }
  const uint64_t receipt = rec.at("seq").to_number<uint64_t>();
  const std::string owner = Str(rec, "party");
  const json::value day = b.contains("date") ? b.at("date") : json::value(nullptr);
  if (t == "foi.clarification-requested") {
    rec["clarification"] = json::object{{"requested", day}};
  } else if (t == "foi.clarification-received") {
    SubObject(rec, "clarification")["received"] = day;
  } else if (t == "foi.fee-notified") {
    json::value& fees = rec["fees"];
    if (!fees.is_array()) fees = json::array();
    fees.as_array().push_back(json::object{{"notified", day}});
  } else if (t == "foi.fee-paid") {
    rec["fees"].as_array().back().as_object()["paid"] = day;
  } else if (t == "foi.extended") {
    json::object ext{{"kind", b.at("kind")}, {"reason", b.at("reason")}, {"seq", entry.seq}};
    if (b.contains("due")) ext["due"] = b.at("due");
    if (Str(b, "kind") == "review_exceptional") {
      json::object& rv = SubObject(rec, "review");
      rv["extended"] = true;
      if (b.contains("due")) rv["due"] = b.at("due");
    } else {
      rec["extension"] = ext;
    }
  } else if (t == "foi.informed") {
    SubObject(rec, "informed")[Str(b, "party")] =
        json::object{{"seq", entry.seq}, {"date", entry.time.substr(0, 10)}};
    if (Uninformed(rec).empty())
      ST_RETURN_IF_ERROR(s->Delete(IndexKey("foi.uninformed", owner, receipt)));
  } else if (t == "foi.consulted") {
    SubObject(SubObject(rec, "consult"), Str(b, "party"))["sent"] = entry.time.substr(0, 10);
  } else if (t == "foi.consultation-answered") {
    SubObject(SubObject(rec, "consult"), Str(b, "party"))["answered"] = entry.time.substr(0, 10);
  } else if (t == "foi.responded") {
    // The deadline as it stood when the answer went out.
    ST_ASSIGN_OR_RETURN(Due due, DueOf(*cal, rec));
    ST_ASSIGN_OR_RETURN(Date answered, ParseDate(Str(b, "date")));
    ST_ASSIGN_OR_RETURN(int64_t taken, WorkingDaysTaken(*cal, rec, answered));
    json::object r{{"seq", entry.seq},
                   {"date", day},
                   {"outcome", b.at("outcome")},
                   {"working_days", taken},
                   {"informed_first", Uninformed(rec).empty()}};
    if (b.contains("exemptions")) r["exemptions"] = b.at("exemptions");
    if (due.date) {
      r["due"] = due.date->ToString();
      r["on_time"] = answered <= *due.date;
    }
    rec["response"] = r;
    ST_RETURN_IF_ERROR(s->Delete(IndexKey("foi.open", owner, receipt)));
  } else if (t == "foi.review-requested") {
    rec["review"] = json::object{{"requested", day}, {"seq", entry.seq}};
    ST_RETURN_IF_ERROR(s->Put(IndexKey("foi.open", owner, receipt), id));
  } else if (t == "foi.review-decided") {
    ST_ASSIGN_OR_RETURN(Due due, DueOf(*cal, rec));
    json::object decided{{"date", day}, {"outcome", b.at("outcome")}, {"seq", entry.seq}};
    if (due.date) decided["on_time"] = Str(b, "date") <= due.date->ToString();
    SubObject(rec, "review")["decided"] = decided;
    ST_RETURN_IF_ERROR(s->Delete(IndexKey("foi.open", owner, receipt)));
  } else if (t == "foi.ico-complaint") {
    rec["ico"] = json::object{{"date", day}, {"seq", entry.seq}};
    if (b.contains("reference")) rec["ico"].as_object()["reference"] = b.at("reference");
  } else if (t == "foi.ico-decided") {
    SubObject(rec, "ico")["decided"] =
        json::object{{"date", day}, {"outcome", b.at("outcome")}, {"seq", entry.seq}};
  }
  ST_RETURN_IF_ERROR(Derive(*cal, rec));
  return PutRecord(s, key, rec);
}

}  // namespace sharetrail::policy
