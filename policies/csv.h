// CSV as RFC 4180 defines it, read the way spreadsheets write it: the
// notifiable-incidents spreadsheet (seed 000 Annex A) as it is kept today.
//
// Invariants:
// - Fields are separated by commas and records by CRLF; a lone LF also ends
//   a record (spreadsheets on Unix write it), a lone CR inside an unquoted
//   field is an error.
// - A field in double quotes may hold commas, CR, LF and doubled quotes ("")
//   standing for one quote; the quotes are not part of the value.
// - A UTF-8 byte order mark at the very start is dropped; the rest must be
//   valid UTF-8 (RFC 3629).
// - A record with no characters at all (an empty line) is skipped; the final
//   record needs no line break.
// - Errors name the physical line (1-based) and the field (1-based) where
//   reading stopped; parsing stops at the first, since a broken quote leaves
//   every later field in doubt.
#ifndef SHARETRAIL_POLICIES_CSV_H_
#define SHARETRAIL_POLICIES_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "ledger/status.h"

namespace sharetrail::policy {

struct CsvRecord {
  size_t line = 0;  // physical line the record starts on
  std::vector<std::string> fields;
};

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_CSV_H_
