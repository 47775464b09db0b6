// Small durable-file helpers for the files kept beside the LMDB store (the
// vault's keys and payloads, the credential store).
#ifndef SHARETRAIL_LEDGER_FILES_H_
#define SHARETRAIL_LEDGER_FILES_H_

#include <string>
#include <string_view>

#include "ledger/status.h"

namespace sharetrail {

// IOError "<what>: <strerror(errno)>".
Status Errno(const std::string& what);
Status SyncDir(const std::string& dir);
// The directory path is in ("." for a bare file name): the one to sync.
std::string ParentDir(const std::string& path);
Status WriteAll(int fd, std::string_view bytes, const std::string& path);
// Writes bytes to path (in dir) durably: a temporary of `mode` (less the
// umask), fsync, rename, fsync dir. A crash leaves the old file or the new
// one, never a mix.
Status WriteDurably(const std::string& dir, const std::string& path, std::string_view bytes,
                    unsigned mode = 0600);
// The whole file; NotFound if it does not exist.
Result<std::string> ReadFile(const std::string& path);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_FILES_H_
