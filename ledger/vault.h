// The vault: payloads kept outside the chained entries (a document's bytes,
// personal details, free text), each sealed with its own AES-256-GCM key so
// that destroying the key destroys the payload (crypto-shredding) while the
// entries that refer to it — and every proof over them — stay intact.
//
// Layout under the ledger directory (0700):
//   vault/keys/<id>.key   32 random bytes, mode 0600
//   vault/data/<id>.bin   AeadSeal(key, payload, aad = id)
// Invariants:
//   - a payload is written once: key and data are each written to a
//     temporary file, fsync'd and renamed, key first; a payload exists only
//     when both files do;
//   - Shred overwrites the key file with random bytes and fsyncs it before
//     unlinking it, then removes the data; after a crash at any point the
//     payload is unreadable or still whole, never half-readable;
//   - keys are never logged, printed or returned by any API.
// The vault knows ids, not items or rules: when to shred is policy's call.
#ifndef SHARETRAIL_LEDGER_VAULT_H_
#define SHARETRAIL_LEDGER_VAULT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/status.h"

namespace sharetrail {

class Vault {
 public:
  // Opens (creating if needed) dir/vault.
  static Result<std::unique_ptr<Vault>> Open(const std::string& ledger_dir);

  // FailedPrecondition if a payload (or a remnant) exists for id.
  Status Put(std::string_view id, std::string_view payload);
  // NotFound if there is no payload, or it was shredded.
  Result<std::string> Get(std::string_view id) const;
  // Idempotent: shredding an absent payload is not an error.
  Status Shred(std::string_view id);
  // Whether the key or the data of id is still on disk.
  Result<bool> Holds(std::string_view id) const;
  // Ids with a key or data file on disk.
  Result<std::vector<std::string>> List() const;

 private:
  explicit Vault(std::string dir) : dir_(std::move(dir)) {}
  std::string KeyPath(std::string_view id) const;
  std::string DataPath(std::string_view id) const;
  std::string dir_;
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_VAULT_H_
