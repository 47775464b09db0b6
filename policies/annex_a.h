// Seed 000 Annex A: the daily notifiable-incidents spreadsheet, checked row
// by row before anything of it reaches the ledger (`sharetrail import
// annex-a`). The headings are the agreement file's: the fields_limited rule
// for notifiable_incident_summary lists the Annex A fields and their labels,
// so the header row must use exactly those labels.
//
// Invariants:
// - ValidateAnnexA reports every problem it finds (not just the first), each
//   as (row, column, problem), rows numbered as a spreadsheet shows them:
//   the header is row 1.
// - A report with no errors has one AnnexARow per non-blank data row, values
//   trimmed and dates normalised to YYYY-MM-DD; blank cells are left out.
// - Child's details stay minimal: initials only (at most four letters), as
//   Annex A asks; anything longer is refused as a probable name.
#ifndef SHARETRAIL_POLICIES_ANNEX_A_H_
#define SHARETRAIL_POLICIES_ANNEX_A_H_

#include <map>
#include <string>
#include <vector>

#include "policies/agreement.h"
#include "policies/csv.h"

namespace sharetrail::policy {

struct AnnexASpec {
  std::vector<std::string> fields;            // in the agreement's order
  std::map<std::string, std::string> labels;  // field -> heading
  Cite cite;
};

// The Annex A headings of an agreement (its fields_limited rule for
// notifiable_incident_summary); NotFound if it has none.
Result<AnnexASpec> AnnexASpecOf(const Agreement& agreement);

struct RowError {
  size_t row = 0;
  std::string column;  // the heading, or "" for the whole row
  std::string problem;
  std::string ToString() const;  // row 3, column "Age": "x" is not a whole number
};

struct AnnexARow {
  size_t row = 0;
  std::map<std::string, std::string> values;  // field -> value, non-blank only
};

struct AnnexAImport {
  std::vector<std::string> columns;  // fields, in the header's order
  std::vector<AnnexARow> rows;
  std::vector<RowError> errors;
  bool ok() const { return errors.empty(); }
};

// The fields every row must fill.
const std::vector<std::string>& AnnexARequiredFields();

AnnexAImport ValidateAnnexA(const std::vector<CsvRecord>& records, const AnnexASpec& spec);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_ANNEX_A_H_
