// Hot backup and restore of a whole ledger directory.
//
// A backup directory holds data.mdb, a compacted copy of one committed LMDB
// snapshot, and every other file of the ledger directory (signing.key,
// vault/, auth/, ...) with its permission bits. It leaves out what belongs
// to running processes (lock.mdb, writer.lock) and writes in progress
// (*.tmp, renamed into place when complete).
//
// Invariants:
//   - the store is copied first, from one read snapshot, while the writer
//     keeps appending: the backup's log is the ledger as of one commit. The
//     files beside it are copied afterwards and so may be newer, never older:
//     a vault payload whose entry missed the snapshot is a remnant that
//     `vault recover` removes; a payload the log refers to is there unless it
//     was lawfully shredded after the snapshot;
//   - a backup or restore reports success only after every file and
//     directory it wrote is fsync'd;
//   - a restore never writes into a non-empty directory: it builds the
//     ledger in a staging directory beside the target and moves it into
//     place only when the caller has verified it (CommitRestore).
#ifndef SHARETRAIL_LEDGER_BACKUP_H_
#define SHARETRAIL_LEDGER_BACKUP_H_

#include <string>

#include "ledger/ledger.h"
#include "ledger/status.h"

namespace sharetrail {

// Writes a backup of the open ledger (read-only is enough, so it runs
// beside a live writer) into dest, which must be absent or empty.
Status Backup(const Ledger& ledger, const std::string& dest);

// The staging directory a restore into target is built in.
std::string StagingDir(const std::string& target);

// Copies the backup in `from` into StagingDir(target). Refuses a target that
// is a non-empty directory or a file, a staging directory that already
// exists (an interrupted restore: remove it first), and a `from` that holds
// no backup.
Status StageRestore(const std::string& from, const std::string& target);

// Moves the staged restore into place as target (an empty target directory
// is replaced).
Status CommitRestore(const std::string& target);

// Removes the staged copy (after a failed verification).
Status DiscardRestore(const std::string& target);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_BACKUP_H_
