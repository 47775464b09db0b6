// The annual report from a ledger snapshot: which entries the year needs
// (from the indexes), the engine's figures, the checkpoint; and the report's
// JSON and CSV forms.
#include "policies/report.h"

#include <algorithm>

#include "ledger/base64.h"
#include "ledger/canonical_json.h"
#include "ledger/cosigned_store.h"
#include "policies/index.h"
#include "policies/queries.h"
#include "policies/rules/rules.h"
#include "policies/table.h"
#include "policies/world.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

// Types read as context whatever their date: earlier holds and standing
// requests, information requests received in the year but answered later,
// incidents consulted on in a later year.
const std::vector<std::string_view> kContextTypes = {
    "hold.placed",       "hold.lifted",       "register.requested", "standing_request.reconfirmed",
    "foi.received",      "foi.responded",     "incident.reported",  "agreement.registered",
    "agreement.amended", "agreement.reviewed"};

class Loader {
 public:
  Loader(const Snapshot& s, DecodedEntries* out) : s_(s), out_(out) {}
  Status Load(uint64_t seq) {
    if (out_->contains(seq)) return Status::Ok();
    ST_ASSIGN_OR_RETURN(std::string_view bytes, s_.EntryBytes(seq));
    ST_ASSIGN_OR_RETURN(json::value v, ParseStrict(bytes));
    if (!v.is_object()) return Corruption("entry " + std::to_string(seq) + " is not an object");
    out_->emplace(seq, std::move(v.as_object()));
    return Status::Ok();
  }
  Status LoadIndex(std::string_view index, std::string_view value) {
    std::vector<uint64_t> seqs;
    ST_RETURN_IF_ERROR(ScanIndex(s_, index, value, [&](uint64_t seq, std::string_view) {
      seqs.push_back(seq);
      return true;
    }));
    for (uint64_t seq : seqs) ST_RETURN_IF_ERROR(Load(seq));
    return Status::Ok();
  }

 private:
  const Snapshot& s_;
  DecodedEntries* out_;
};

Result<DecodedEntries> Collect(const Snapshot& s, int year) {
  DecodedEntries entries;
  Loader loader(s, &entries);
  const std::string y = std::to_string(year);
  std::vector<uint64_t> in_year;
  // x/day/<YYYY-MM-DD>/<seq>: the year's entries in log order.
  ST_RETURN_IF_ERROR(s.Scan("x/day/", "x/day/" + y + "-01-01", [&](std::string_view k, auto) {
    if (k.substr(6, 4) != y) return false;
    in_year.push_back(IndexSeq(k));
    return true;
  }));
  for (uint64_t seq : in_year) ST_RETURN_IF_ERROR(loader.Load(seq));
  for (std::string_view type : kContextTypes) ST_RETURN_IF_ERROR(loader.LoadIndex("type", type));
  // The categories of the items shared: their item.registered entries.
  std::set<std::string> items;
  for (const auto& [seq, e] : entries) {
    if (Str(e, "type") != "share") continue;
    for (const auto& item : List(e.at("body").as_object(), "items")) items.insert(item);
  }
  for (const std::string& item : items) {
    uint64_t registered = 0;
    bool found = false;
    ST_RETURN_IF_ERROR(ScanIndex(s, "item", item, [&](uint64_t seq, std::string_view) {
      registered = seq;
      found = true;
      return false;  // the first entry naming an item registers it
    }));
    if (found) ST_RETURN_IF_ERROR(loader.Load(registered));
  }
  return entries;
}

const Figure* FindFigure(const std::vector<Figure>& figs, const std::string& section,
                         const std::string& party, const std::string& metric) {
  for (const Figure& f : figs) {
    if (f.section == section && f.party == party && f.metric == metric) return &f;
  }
  return nullptr;
}

// The one figure only the engine can derive: the median working days to
// answer, for answers decided before the engine recorded each answer's
// working days with its decision (report_figures.cc counts it from those).
Status EngineFigures(const Engine& e, const Snapshot& s, const ReportScope& scope,
                     std::vector<Figure>* figs) {
  // Only answers decided before the engine recorded their working days
  // need it; otherwise FoiStats would walk every request again for nothing.
  bool needed = false;
  for (const Figure& f : *figs) {
    needed = needed || (f.section == "foi" && f.metric == "answered" &&
                        !FindFigure(*figs, "foi", f.party, "median_working_days"));
  }
  if (!needed) return Status::Ok();
  ST_ASSIGN_OR_RETURN(Table stats, FoiStats(e, s, scope.year, scope.party));
  std::vector<Figure> add;
  for (const auto& row : stats.rows) {
    const std::string party = CellText(row.at("party"));
    const Figure* answered = FindFigure(*figs, "foi", party, "answered");
    std::string median = CellText(row.at("median_working_days"));
    if (answered == nullptr || median.empty()) continue;
    if (FindFigure(*figs, "foi", party, "median_working_days") != nullptr) continue;
    add.push_back(Figure{"foi", "", party, "median_working_days", json::value(median),
                         answered->seqs, "engine"});
  }
  figs->insert(figs->end(), add.begin(), add.end());
  std::sort(figs->begin(), figs->end(), [](const Figure& a, const Figure& b) {
    return std::tie(a.section, a.agreement, a.party, a.metric) <
           std::tie(b.section, b.agreement, b.party, b.metric);
  });
  return Status::Ok();
}

json::array SeqArray(const std::vector<uint64_t>& seqs) {
  json::array out;
  for (uint64_t s : seqs) out.push_back(s);
  return out;
}

// A figure as report.json has it; also a CSV row (the same columns).
json::object FigureObject(const Figure& f) {
  return json::object{{"section", f.section},    {"agreement", f.agreement}, {"party", f.party},
                      {"metric", f.metric},      {"value", f.value},         {"basis", f.basis},
                      {"seqs", SeqArray(f.seqs)}};
}

// A non-negative integer, whichever way Boost.JSON holds it (parsed text
// gives int64, values built in memory may be uint64).
std::optional<uint64_t> Count(const json::value* v) {
  if (v != nullptr && v->is_uint64()) return v->as_uint64();
  if (v != nullptr && v->is_int64() && v->as_int64() >= 0) {
    return static_cast<uint64_t>(v->as_int64());
  }
  return std::nullopt;
}

Result<std::vector<uint64_t>> SeqsFrom(const json::value* v, const std::string& what) {
  if (v == nullptr || !v->is_array()) return InvalidArgument(what + ": not a list of seqs");
  std::vector<uint64_t> out;
  for (const auto& s : v->as_array()) {
    std::optional<uint64_t> seq = Count(&s);
    if (!seq) return InvalidArgument(what + ": not a seq");
    out.push_back(*seq);
  }
  return out;
}

}  // namespace

Result<Report> AnnualReport(const Engine& e, const Ledger& ledger, const Snapshot& s,
                            const ReportScope& scope) {
  if (scope.year < kMinParseYear || scope.year > kMaxParseYear) {
    return InvalidArgument("year: " + std::to_string(scope.year) + " is out of range");
  }
  Report r;
  r.scope = scope;
  World w = e.MakeWorld(s);
  ST_ASSIGN_OR_RETURN(auto agreements, w.Agreements());
  r.params.standing_lapse_months = StandingLapseMonths(agreements);
  ST_ASSIGN_OR_RETURN(r.size, s.Size());
  ST_ASSIGN_OR_RETURN(r.root, ledger.Root(r.size));
  ST_ASSIGN_OR_RETURN(std::string note, ledger.SignedCheckpoint(r.size));
  // With the witnesses' cosignatures this node holds for that checkpoint, so
  // a bundle can be checked against a witness policy.
  ST_ASSIGN_OR_RETURN(r.checkpoint, AddKeptCosignatures(ledger.dir(), note));
  r.origin = ledger.origin();
  ST_ASSIGN_OR_RETURN(DecodedEntries entries, Collect(s, scope.year));
  ST_ASSIGN_OR_RETURN(CountedResult counted, CountedFigures(entries, scope, r.params));
  r.figures = std::move(counted.figures);
  r.context.assign(counted.consulted.begin(), counted.consulted.end());
  r.examples = std::move(counted.examples);
  ST_RETURN_IF_ERROR(EngineFigures(e, s, scope, &r.figures));
  return r;
}

std::vector<uint64_t> Report::AllSeqs() const {
  std::set<uint64_t> all(context.begin(), context.end());
  for (const Figure& f : figures) all.insert(f.seqs.begin(), f.seqs.end());
  return {all.begin(), all.end()};
}

json::object Report::Json() const {
  json::array figs, xs;
  for (const Figure& f : figures) figs.push_back(FigureObject(f));
  for (const Example& x : examples) {
    xs.push_back(json::object{{"figure", x.figure}, {"seq", x.seq}, {"text", x.text}});
  }
  return json::object{
      {"format", "sharetrail-report-1"},
      {"title", "Annual information sharing compliance report"},
      {"year", scope.year},
      {"scope", json::object{{"agreement", scope.agreement}, {"party", scope.party}}},
      {"parameters", json::object{{"standing_lapse_months", params.standing_lapse_months}}},
      {"checkpoint",
       json::object{
           {"origin", origin}, {"size", size}, {"root", Base64(root)}, {"note", checkpoint}}},
      {"figures", std::move(figs)},
      {"examples", std::move(xs)},
      {"context", SeqArray(context)}};
}

Result<Report> Report::FromJson(const json::value& v) {
  if (!v.is_object()) return InvalidArgument("report: not a JSON object");
  const json::object& o = v.as_object();
  if (Str(o, "format") != "sharetrail-report-1") return InvalidArgument("report: unknown format");
  Report r;
  const json::value* year = o.if_contains("year");
  const json::value* scope = o.if_contains("scope");
  const json::value* params = o.if_contains("parameters");
  const json::value* cp = o.if_contains("checkpoint");
  if (!year || !year->is_int64() || !scope || !scope->is_object() || !params ||
      !params->is_object() || !cp || !cp->is_object()) {
    return InvalidArgument("report: year, scope, parameters or checkpoint missing");
  }
  r.scope = {static_cast<int>(year->as_int64()), Str(scope->as_object(), "agreement"),
             Str(scope->as_object(), "party")};
  const json::value* months = params->as_object().if_contains("standing_lapse_months");
  if (!months || !months->is_int64()) return InvalidArgument("report: standing_lapse_months");
  r.params.standing_lapse_months = static_cast<int>(months->as_int64());
  const json::object& c = cp->as_object();
  std::optional<uint64_t> size = Count(c.if_contains("size"));
  if (!size) return InvalidArgument("report: size");
  r.size = *size;
  ST_ASSIGN_OR_RETURN(r.root, HashFromBase64(Str(c, "root")));
  r.origin = Str(c, "origin");
  r.checkpoint = Str(c, "note");
  const json::value* figs = o.if_contains("figures");
  if (!figs || !figs->is_array()) return InvalidArgument("report: figures");
  for (const auto& fv : figs->as_array()) {
    if (!fv.is_object()) return InvalidArgument("report: a figure is not an object");
    const json::object& f = fv.as_object();
    Figure fig{Str(f, "section"),
               Str(f, "agreement"),
               Str(f, "party"),
               Str(f, "metric"),
               f.contains("value") ? f.at("value") : json::value(),
               {},
               Str(f, "basis")};
    ST_ASSIGN_OR_RETURN(fig.seqs, SeqsFrom(f.if_contains("seqs"), "figure " + fig.Name()));
    r.figures.push_back(std::move(fig));
  }
  ST_ASSIGN_OR_RETURN(r.context, SeqsFrom(o.if_contains("context"), "report: context"));
  if (const json::value* xs = o.if_contains("examples")) {
    if (!xs->is_array()) return InvalidArgument("report: examples");
    for (const auto& xv : xs->as_array()) {
      std::optional<uint64_t> seq =
          xv.is_object() ? Count(xv.as_object().if_contains("seq")) : std::nullopt;
      if (!seq) return InvalidArgument("report: an example has no seq");
      r.examples.push_back({Str(xv.as_object(), "figure"), *seq, Str(xv.as_object(), "text")});
    }
  }
  return r;
}

std::string Report::Csv() const {
  Table t;
  t.columns = {"section", "agreement", "party", "metric", "value", "basis", "seqs"};
  for (const Figure& f : figures) t.rows.push_back(FigureObject(f));
  return t.Csv();
}

}  // namespace sharetrail::policy
