#include "ledger/salvage.h"

#include <map>
#include <vector>

#include "ledger/entry.h"
#include "ledger/hash.h"
#include "ledger/store.h"

namespace sharetrail {
namespace {

// No canonical entry is shorter than this, so no file holds more entries
// than its size over it: keys beyond that are not seqs.
constexpr uint64_t kMinEntryBytes = 64;

std::string Range(uint64_t from, uint64_t to_exclusive) {
  if (to_exclusive == from + 1) return "seq " + std::to_string(from);
  return "seqs " + std::to_string(from) + ".." + std::to_string(to_exclusive - 1);
}

}  // namespace

Result<SalvageReport> SalvageEntries(const std::string& dir) {
  ST_ASSIGN_OR_RETURN(MappedFile file, MappedFile::Open(dir + "/data.mdb"));
  return SalvageEntries(file.bytes());
}

Result<SalvageReport> SalvageEntries(std::string_view data_file) {
  const uint64_t max_seqs = data_file.size() / kMinEntryBytes + 1;
  // The first copy of each seq found, and any later copy that differs (a
  // freed page may hold an older copy; a tampered file, another entry).
  std::vector<std::string_view> first;
  std::multimap<uint64_t, std::string_view> others;
  SalvageReport r;
  ST_ASSIGN_OR_RETURN(r.pages, ScanLeafRecords(data_file, "entries",
                                               [&](std::string_view key, std::string_view value) {
                                                 auto seq = U64Key::Decode(key);
                                                 if (!seq.ok() || *seq >= max_seqs) return;
                                                 auto tail = ReadEntryTail(value);
                                                 if (!tail.ok() || tail->seq != *seq)
                                                   return;  // a node, a checkpoint, not an entry
                                                 if (first.size() <= *seq) first.resize(*seq + 1);
                                                 if (first[*seq].empty()) {
                                                   first[*seq] = value;
                                                 } else if (first[*seq] != value) {
                                                   others.emplace(*seq, value);
                                                 }
                                               }));
  r.expected = r.pages.table_records;
  Hash prev{};
  for (uint64_t seq = 0; seq < first.size(); ++seq) {
    if (first[seq].empty()) continue;
    ++r.entries_found;
    r.highest_found = seq;
  }
  std::string why;
  for (; r.intact < first.size(); ++r.intact) {
    const uint64_t seq = r.intact;
    if (first[seq].empty()) {
      why = "missing";
      break;
    }
    std::optional<std::string_view> chained;
    auto copies = others.equal_range(seq);
    std::vector<std::string_view> candidates{first[seq]};
    for (auto it = copies.first; it != copies.second; ++it) candidates.push_back(it->second);
    for (std::string_view c : candidates) {
      if (ReadEntryTail(c)->prev == prev) {
        chained = c;
        break;
      }
    }
    if (!chained) {
      why = "present but its prev is not the hash of seq " + std::to_string(seq - 1);
      break;
    }
    prev = LeafHash(*chained);
  }
  const uint64_t known =
      std::max(r.expected.value_or(0), r.highest_found ? *r.highest_found + 1 : 0);
  if (r.intact < known) r.first_bad = r.intact;

  std::string& s = r.summary;
  s = "a scan of its " + std::to_string(r.pages.leaf_pages) + " surviving leaf pages finds ";
  s +=
      r.intact == 0 ? std::string("no intact entries") : Range(0, r.intact) + " intact and chained";
  if (r.first_bad) {
    s += "; seq " + std::to_string(*r.first_bad) + " is the first bad one (" +
         (why.empty() ? "missing" : why) + ")";
    uint64_t later = r.entries_found - std::min(r.entries_found, r.intact);
    if (later > 0) s += "; " + std::to_string(later) + " later entries survive";
  }
  s += r.expected ? "; the ledger held " + std::to_string(*r.expected) + " entries"
                  : "; how many entries the ledger held was in the lost pages, so entries after "
                    "the last one found may also be lost: check against a checkpoint you kept";
  return r;
}

}  // namespace sharetrail
