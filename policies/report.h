// The SIRO's annual compliance report (issue 9; DESIGN.md §4 "annual
// protocol compliance for a SIRO (per agreement and party)"): figures per
// section, agreement and party, each with the seqs of the entries it counts,
// stated at one signed checkpoint.
//
// Invariants:
// - Every figure of basis "count", "ratio", "median" or "state" is a pure
//   function of decoded entries (CountedFigures), so the report made from
//   the ledger and the one recomputed from an evidence bundle's entries are
//   the same function of the same bytes. "count": the value is the number
//   of seqs. "ratio": text with one decimal place, from two count figures.
//   "median": the median of the working days each answer's decision
//   recorded. "state": an agreement's review position from its text and
//   reviews. "engine": only a median over answers decided before the engine
//   recorded their working days, derived from its state; a bundle verifier
//   checks its entries but cannot recompute it.
// - Figures are unique and sorted by (section, agreement, party, metric).
// - An entry is counted only if its time (or, for an information request,
//   its received date) falls in the year; entries outside the year are read
//   only as context (holds placed earlier, answers given later, the
//   categories of shared items) and are listed in `context`.
// - No floating point anywhere: the report's JSON is canonical JSON.
#ifndef SHARETRAIL_POLICIES_REPORT_H_
#define SHARETRAIL_POLICIES_REPORT_H_

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ledger/hash.h"
#include "ledger/ledger.h"
#include "policies/engine.h"

namespace sharetrail::policy {

struct ReportScope {
  int year = 0;
  std::string agreement, party;  // empty: all
};

struct Figure {
  std::string section, agreement, party, metric;  // agreement/party "" = not one
  boost::json::value value;                       // integer, or text for ratios
  std::vector<uint64_t> seqs;                     // ascending
  std::string basis;                              // "count", "ratio", "median", "state", "engine"

  std::string Name() const;  // "section/agreement/party/metric", for messages
};

// Parameters that come from the agreements rather than from entries.
struct ReportParams {
  int standing_lapse_months = 12;  // seed 004 "How requests should be made"
};

using DecodedEntries = std::map<uint64_t, boost::json::object>;

// One refusal shown for each refusals/…/rule.<r> figure, so a reader sees
// what was attempted and why it was refused, not only how often: the
// figure's first entry, as "<user> (<party>) proposed <type>: <reason>".
struct Example {
  std::string figure;  // Figure::Name()
  uint64_t seq = 0;
  std::string text;
  bool operator==(const Example&) const = default;
};

struct CountedResult {
  std::vector<Figure> figures;    // count and ratio figures, sorted
  std::set<uint64_t> consulted;   // entries read that no figure counts
  std::vector<Example> examples;  // in figure order
};
// The count and ratio figures over the given entries (pure).
Result<CountedResult> CountedFigures(const DecodedEntries& entries, const ReportScope& scope,
                                     const ReportParams& params);

struct Report {
  ReportScope scope;
  ReportParams params;
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::string checkpoint;  // the signed note at `size`
  std::vector<Figure> figures;
  std::vector<Example> examples;
  std::vector<uint64_t> context;  // entries read but not counted, ascending

  // Every seq the report rests on: figures' and context, ascending.
  std::vector<uint64_t> AllSeqs() const;
  boost::json::object Json() const;
  static Result<Report> FromJson(const boost::json::value& v);
  // One row per figure: section, agreement, party, metric, value, seqs.
  std::string Csv() const;
  // A printable GOV.UK-style page with SVG charts (report_html.cc); each
  // entry links to its inclusion proof at proof_prefix + seq + proof_suffix
  // (the API's URL, or a bundle's proofs/<seq>.json).
  std::string Html(const std::string& proof_prefix, const std::string& proof_suffix) const;
};

// Reads what the year needs from the indexes, computes every figure and
// states the snapshot's checkpoint (signed by `ledger`).
Result<Report> AnnualReport(const Engine& e, const Ledger& ledger, const Snapshot& s,
                            const ReportScope& scope);

// Text with one decimal place (no floats in the ledger's JSON).
std::string Tenths(int64_t numerator, int64_t denominator);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_REPORT_H_
