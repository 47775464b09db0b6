// Gzip-compressed POSIX tar archives of named byte strings, for evidence
// bundles. The only file that includes libarchive.
//
// Invariants:
// - Writing is deterministic: members in name order, mode 0644, owner 0:0,
//   mtime fixed, so the same files always give the same archive bytes.
// - Reading accepts regular files only, with relative names free of ".."
//   and no name twice; anything else is an error, never silently skipped.
#ifndef SHARETRAIL_LEDGER_ARCHIVE_H_
#define SHARETRAIL_LEDGER_ARCHIVE_H_

#include <map>
#include <string>
#include <string_view>

#include "ledger/status.h"

namespace sharetrail {

// Member name -> content.
using ArchiveFiles = std::map<std::string, std::string>;

Result<std::string> WriteTarGz(const ArchiveFiles& files, int64_t mtime);
Result<ArchiveFiles> ReadTarGz(std::string_view bytes);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_ARCHIVE_H_
