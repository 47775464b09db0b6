// The everyday questions (policies/queries.h) as GET endpoints: one line a
// query in the table at the bottom. Every list answers JSON or, with
// Accept: text/csv, CSV.
//
// Party scope: a route either names the parameter that picks a party (a
// user may ask only about their own; asking about another is proposed to
// the engine as a `read`, which refuses it and so records it: 403), or the
// columns a row must name the user's party in to be shown, or the summary
// fields naming the parties a whole answer is between (a user of neither
// is refused the same way). Auditors see every row of every party. Holds
// and agreement reviews are shown to every signed-in user: a hold binds
// every party holding records in its scope (seed 000 §13), and the
// agreements are published (docs/threat-model.md).
#include <boost/json/parse.hpp>

#include "api/app.h"
#include "api/response.h"
#include "policies/queries.h"
#include "policies/receipts.h"
#include "policies/report.h"
#include "policies/schema.h"

namespace sharetrail::api {
namespace json = boost::json;
using policy::Table;
namespace {

struct Scope {
  Scope() = default;
  Scope(std::string param, std::vector<std::string> rows = {},
        std::vector<std::string> summary = {})
      : party_param(std::move(param)),
        row_columns(std::move(rows)),
        summary_parties(std::move(summary)) {}
  std::string party_param;                   // e.g. "party", "by"
  std::vector<std::string> row_columns;      // e.g. {"from", "to"}
  std::vector<std::string> summary_parties;  // e.g. {"from", "to"}
};

using QueryFn = std::function<Result<Table>(Call&, const Snapshot&)>;

bool NamesParty(const json::value& cell, const std::string& party) {
  if (cell.is_string()) return cell.as_string() == party;
  if (cell.is_array()) {
    for (const auto& v : cell.as_array()) {
      if (NamesParty(v, party)) return true;
    }
  }
  return false;
}

void KeepOwnRows(Table* t, const std::vector<std::string>& columns, const std::string& party) {
  json::array kept;
  for (auto& row : t->rows) {
    bool own = false;
    for (const auto& col : columns) {
      const json::value* cell = row.as_object().if_contains(col);
      own = own || (cell != nullptr && NamesParty(*cell, party));
    }
    if (own) kept.push_back(std::move(row));
  }
  t->rows = std::move(kept);
}

// Narrows the party parameter to the caller's own party (auditors: any);
// asking about another is proposed to the engine, which decides and records
// it. An answer if the call stops here.
std::optional<HttpResponse> ScopeParty(Call& c, const std::string& param) {
  const Principal& who = *c.who;
  if (param.empty() || who.Auditor()) return std::nullopt;
  std::string asked = c.params.Str(param);
  if (asked.empty()) {
    c.params.Set(param, who.party);
  } else if (!policy::IsId(asked)) {
    return Error(400, "invalid_argument", param + ": expected a party id", param);
  } else if (asked != who.party) {
    auto r = c.app.Propose(who, "read", {{"resource", c.req.path}, {"party", asked}});
    if (!r.ok()) return FromStatus(r.status().WithContext(param + " -> "));
    if (json::parse(r->outcome).at("type") == "refused") return Refused(403, r->outcome);
  }
  return std::nullopt;
}

// An answer between named parties (its summary's `fields`) is the caller's
// only if their party is one of them; otherwise the read is proposed as a
// read of the first party's, which the engine refuses and records.
std::optional<HttpResponse> ScopeSummary(Call& c, const Table& t,
                                         const std::vector<std::string>& fields) {
  if (fields.empty() || c.who->Auditor()) return std::nullopt;
  std::string first;
  for (const auto& f : fields) {
    const json::value* v = t.summary.if_contains(f);
    if (v == nullptr || !v->is_string()) continue;
    if (v->as_string() == c.who->party) return std::nullopt;
    if (first.empty()) first = v->as_string();
  }
  if (first.empty()) return std::nullopt;  // an answer that names no party
  return Gate(c, "read", {{"resource", c.req.path}, {"party", first}});
}

HttpResponse RunQuery(Call& c, const Scope& scope, const QueryFn& fn) {
  const Principal& who = *c.who;
  if (auto stop = ScopeParty(c, scope.party_param)) return *stop;
  auto snap = c.app.ledger().Read();
  if (!snap.ok()) return FromStatus(snap.status());
  auto t = fn(c, **snap);
  if (!t.ok()) return FromStatus(t.status());
  if (auto stop = ScopeSummary(c, *t, scope.summary_parties)) return *stop;
  if (!scope.row_columns.empty() && !who.Auditor()) KeepOwnRows(&*t, scope.row_columns, who.party);
  return TableResponse(*t, c.req);
}

Route Query(std::string path, std::vector<std::string> params, Scope scope, QueryFn fn,
            std::string summary) {
  auto handle = [scope = std::move(scope), fn = std::move(fn)](Call& c) {
    return RunQuery(c, scope, fn);
  };
  return Route{"GET",  std::move(path),   Access::kUser, std::move(params),
               handle, std::move(summary)};
}

Result<int> Year(const Call& c) {
  ST_ASSIGN_OR_RETURN(auto y, c.params.OptUint("year", 9999));
  if (!y || *y < 1900) return InvalidArgument("year: required, e.g. year=2025");
  return static_cast<int>(*y);
}

// The period (from, to) and page (after, limit) that filters share.
template <typename Filter>
Status PeriodAndPage(const Call& c, Filter* f) {
  ST_ASSIGN_OR_RETURN(f->from, c.params.OptDate("from"));
  ST_ASSIGN_OR_RETURN(f->to, c.params.OptDate("to"));
  ST_ASSIGN_OR_RETURN(f->page, c.params.Page());
  return Status::Ok();
}

Result<Table> SharedWith(Call& c, const Snapshot& s) {
  policy::ShareFilter f;
  f.party = c.params.Str("party");
  f.agreement = c.params.Str("agreement");
  f.item = c.params.Str("item");
  f.category = c.params.Str("category");
  ST_RETURN_IF_ERROR(PeriodAndPage(c, &f));
  return policy::SharedWith(s, f);
}

Result<Table> Refusals(Call& c, const Snapshot& s) {
  policy::RefusalFilter f;
  f.rule = c.params.Str("rule");
  f.party = c.params.Str("party");
  ST_RETURN_IF_ERROR(PeriodAndPage(c, &f));
  return policy::Refusals(s, f);
}

// Seed 004: the count of uses beyond purpose is public; the rows (which
// name authorisations) are for auditors.
Result<Table> PurposeExceptions(Call& c, const Snapshot& s) {
  ST_ASSIGN_OR_RETURN(int year, Year(c));
  ST_ASSIGN_OR_RETURN(bool count, c.params.Bool("count"));
  ST_ASSIGN_OR_RETURN(Table t, policy::PurposeExceptions(s, year));
  if (count || !c.who->Auditor()) {
    t.rows.clear();
    t.columns.clear();
  }
  return t;
}

// Issue 9: the annual compliance report, as HTML for Accept: text/html,
// CSV for text/csv, else its canonical JSON. Party-scoped like the queries.
HttpResponse AnnualReport(Call& c) {
  if (auto stop = ScopeParty(c, "party")) return *stop;
  auto year = Year(c);
  if (!year.ok()) return FromStatus(year.status());
  std::string agreement = c.params.Str("agreement");
  if (!agreement.empty() && !policy::IsId(agreement)) {
    return Error(400, "invalid_argument", "agreement: expected an agreement id", "agreement");
  }
  auto snap = c.app.ledger().Read();
  if (!snap.ok()) return FromStatus(snap.status());
  auto r = policy::AnnualReport(c.app.engine(), c.app.ledger(), **snap,
                                {*year, agreement, c.params.Str("party")});
  if (!r.ok()) return FromStatus(r.status());
  const std::string accept = c.req.Header("accept");
  if (accept.find("text/html") != std::string::npos) {
    // The printable page carries its styles inline and runs no script.
    return HttpResponse{200,
                        "text/html; charset=utf-8",
                        r->Html("/api/v1/proof/inclusion?seq=", ""),
                        {{"Content-Security-Policy",
                          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                          "frame-ancestors 'none'"}}};
  }
  if (accept.find("text/csv") != std::string::npos) {
    return HttpResponse{200, "text/csv; charset=utf-8", r->Csv(), {}};
  }
  return Json(200, r->Json());
}

const std::vector<std::string> kPage = {"after", "limit"};
std::vector<std::string> With(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

std::vector<Route> QueryRoutes() {
  return {
      Query("/api/v1/shared-with",
            With({"party", "agreement", "item", "category", "from", "to"}, kPage), {"party", {}},
            SharedWith, "What was shared with whom"),
      Query(
          "/api/v1/may-disclose", {"item", "by", "to"}, {"by", {}},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(std::string item, c.params.Required("item"));
            ST_ASSIGN_OR_RETURN(std::string to, c.params.Required("to"));
            return policy::MayDisclose(c.app.engine(), s, item, c.params.Str("by"), to,
                                       c.app.Today());
          },
          "May a party pass an item on to another?"),
      Query(
          "/api/v1/incidents/daily", {"date"}, {"", {"from", "to"}},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(Date day, c.params.DateOr("date", c.app.Today()));
            return policy::IncidentsDaily(c.app.engine(), s, day);
          },
          "The Annex A summaries sent to DfE on a day"),
      Query(
          "/api/v1/incidents/scr-updates", {"on", "weeks"}, {"", {}, {"from", "to"}},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(Date on, c.params.DateOr("on", c.app.Today()));
            ST_ASSIGN_OR_RETURN(auto weeks, c.params.OptUint("weeks", 520));
            return policy::ScrUpdates(c.app.engine(), s, on, weeks ? static_cast<int>(*weeks) : 8);
          },
          "DfE's weekly serious case review updates"),
      Query(
          "/api/v1/incidents/outstanding", {}, {"", {"by"}},
          [](Call&, const Snapshot& s) { return policy::IncidentsOutstanding(s); },
          "Data-loss incidents still awaiting consultation"),
      Query(
          "/api/v1/standing-requests", {"on", "lapsed"}, {"", {"party"}},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(Date on, c.params.DateOr("on", c.app.Today()));
            ST_ASSIGN_OR_RETURN(bool lapsed, c.params.Bool("lapsed"));
            return policy::StandingRequests(c.app.engine(), s, on, lapsed);
          },
          "Standing register requests and lapses"),
      Query("/api/v1/purpose-exceptions", {"year", "count"}, {}, PurposeExceptions,
            "Uses of register data beyond purpose (counts public, rows for auditors)"),
      Query(
          "/api/v1/matters", {"awaiting"}, {"", {"from", "to"}},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(bool awaiting, c.params.Bool("awaiting"));
            return policy::Matters(s, awaiting, c.app.Today());
          },
          "Matters raised under s117/s119"),
      Query(
          "/api/v1/reviews", {"on", "due"}, {},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(Date on, c.params.DateOr("on", c.app.Today()));
            ST_ASSIGN_OR_RETURN(bool due, c.params.Bool("due"));
            return policy::Reviews(c.app.engine(), s, on, due);
          },
          "Agreement reviews and when each is due"),
      Query("/api/v1/refusals", With({"rule", "party", "from", "to"}, kPage), {"party", {}},
            Refusals, "Refused attempts: who, what, which rule"),
      Query(
          "/api/v1/jtai/outstanding", {}, {"", {"inspectorate", "agency"}},
          [](Call&, const Snapshot& s) { return policy::JtaiOutstanding(s); },
          "JTAI data not removed after the inspection ended"),
      Query(
          "/api/v1/provider-notices", {}, {"", {"party"}},
          [](Call&, const Snapshot& s) { return policy::ProviderNotices(s); },
          "Items whose provider has not yet been told of the concerns"),
      Query(
          "/api/v1/peers", {}, {}, [](Call&, const Snapshot& s) { return policy::Peers(s); },
          "The nodes registered as speaking for other parties (origin, key, URL)"),
      Query(
          "/api/v1/holds", {"all"}, {},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(bool all, c.params.Bool("all"));
            return policy::Holds(s, all);
          },
          "Holds in force (all=true: lifted too)"),
      Query(
          "/api/v1/may-delete", {"item", "by", "on"}, {"by", {}},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(std::string item, c.params.Required("item"));
            ST_ASSIGN_OR_RETURN(Date on, c.params.DateOr("on", c.app.Today()));
            return policy::MayDelete(c.app.engine(), s, item, c.params.Str("by"), on);
          },
          "May a party delete its copy of an item?"),
      Query(
          "/api/v1/disposition-review", {"on"}, {"", {"party"}},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(Date on, c.params.DateOr("on", c.app.Today()));
            return policy::DispositionReview(c.app.engine(), s, on);
          },
          "Deletion requests awaiting a decision or action"),
      Query(
          "/api/v1/subject", {"ref"}, {"", {"party"}},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(std::string ref, c.params.Required("ref"));
            return policy::SubjectAccess(s, ref);
          },
          "Subject access: everything referring to a subject reference"),
      Query(
          "/api/v1/disposals", {"year"}, {"", {"party"}},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(int year, Year(c));
            return policy::Disposals(s, year);
          },
          "Disposals carried out in a year"),
      Query(
          "/api/v1/foi/due", {"within", "party", "on"}, {"party", {}},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(Date on, c.params.DateOr("on", c.app.Today()));
            ST_ASSIGN_OR_RETURN(auto within, c.params.OptUint("within", 260));
            return policy::FoiDue(c.app.engine(), s, on, within ? static_cast<int>(*within) : 5,
                                  c.params.Str("party"), false);
          },
          "Open information requests due within N working days"),
      Query(
          "/api/v1/foi/late", {"party", "on"}, {"party", {}},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(Date on, c.params.DateOr("on", c.app.Today()));
            return policy::FoiDue(c.app.engine(), s, on, 0, c.params.Str("party"), true);
          },
          "Open information requests past their deadline"),
      Query(
          "/api/v1/foi/uninformed", {"party"}, {"party", {}},
          [](Call& c, const Snapshot& s) {
            return policy::FoiUninformed(c.app.engine(), s, c.params.Str("party"));
          },
          "Counterparties not yet told of a request (seed 000 s15)"),
      Query(
          "/api/v1/foi/stats", {"year", "party"}, {"party", {}},
          [](Call& c, const Snapshot& s) -> Result<Table> {
            ST_ASSIGN_OR_RETURN(int year, Year(c));
            return policy::FoiStats(c.app.engine(), s, year, c.params.Str("party"));
          },
          "A year's information requests per party: on time, late, median working days"),
      Route{"GET",
            "/api/v1/report/annual",
            Access::kUser,
            {"year", "agreement", "party"},
            AnnualReport,
            "The SIRO's annual compliance report (JSON, or HTML / CSV by Accept)"},
  };
}

}  // namespace sharetrail::api
