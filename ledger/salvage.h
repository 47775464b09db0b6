// What survives of a ledger whose data file LMDB can no longer open.
//
// A truncated data file loses the pages LMDB wrote last, the tables' roots
// among them, so no entry can be read through LMDB at all. The entries'
// leaf pages before the cut are still there; this reads them directly
// (store_pages.h), rebuilds the hash chain from seq 0, and names the first
// seq that is missing or does not chain: the first bad seq, as verify names
// it for every other kind of damage. It reads; it never repairs.
#ifndef SHARETRAIL_LEDGER_SALVAGE_H_
#define SHARETRAIL_LEDGER_SALVAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/status.h"
#include "ledger/store_pages.h"

namespace sharetrail {

struct SalvageReport {
  PageScanSummary pages;
  uint64_t entries_found = 0;  // distinct seqs with a copy in a leaf page
  // Entries 0..intact-1 were found, each chained to the one before it.
  uint64_t intact = 0;
  // How many entries the ledger held, if the count survived the damage.
  std::optional<uint64_t> expected;
  std::optional<uint64_t> highest_found;
  // The first seq missing or not chained, below the expected count (or the
  // highest found); none if every entry known to exist is intact.
  std::optional<uint64_t> first_bad;
  std::string summary;  // one sentence for the operator
};

// Scans dir/data.mdb.
Result<SalvageReport> SalvageEntries(const std::string& dir);
// Scans the bytes of a data file.
Result<SalvageReport> SalvageEntries(std::string_view data_file);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_SALVAGE_H_
