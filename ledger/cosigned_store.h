// The cosigned notes a node keeps beside its ledger: for each witness of its
// policy, the latest checkpoint that witness cosigned, as a note carrying
// that witness's cosignature line, in <ledger>/cosigned/<hex SHA-256 of the
// witness name>.note. The server's submitter writes them (durably, after
// checking the cosignature); the CLI reads them to publish a checkpoint
// with its cosignatures (verify, bundles). Readers verify what they use:
// these files are a cache of signatures, not a trust anchor.
#ifndef SHARETRAIL_LEDGER_COSIGNED_STORE_H_
#define SHARETRAIL_LEDGER_COSIGNED_STORE_H_

#include <string>
#include <string_view>
#include <vector>

#include "ledger/note.h"
#include "ledger/status.h"

namespace sharetrail {

std::string CosignedDir(const std::string& ledger_dir);
std::string CosignedNotePath(const std::string& ledger_dir, const std::string& witness);
// Writes the note for witness (creating the directory), atomically.
Status KeepCosignedNote(const std::string& ledger_dir, const std::string& witness,
                        std::string_view note);
// Every kept note; a file that is not a note is an error naming it.
Result<std::vector<Note>> KeptCosignedNotes(const std::string& ledger_dir);
// note plus every kept signature line made over the same checkpoint text
// that note does not already carry.
Result<std::string> AddKeptCosignatures(const std::string& ledger_dir, std::string_view note);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_COSIGNED_STORE_H_
