// Evidence bundles (issue 9): the annual report with everything needed to
// check it offline, without the ledger and without trusting its operator
// beyond the verifier key. The format is docs/formats.md §8.
//
// Invariants:
// - Every entry a figure counts or the report reads (Report::AllSeqs) is in
//   entries/<seq>.json as its canonical bytes, exactly as hashed, with an
//   inclusion proof in proofs/<seq>.json at the bundle's checkpoint.
// - manifest.json lists every other file with its SHA-256; no file is
//   outside the manifest.
// - VerifyBundle reads nothing but the files: it recomputes every count and
//   ratio figure from the bundled entries (report.h) and names every file,
//   proof or figure that does not match; it never stops at the first.
#ifndef SHARETRAIL_POLICIES_BUNDLE_H_
#define SHARETRAIL_POLICIES_BUNDLE_H_

#include <optional>
#include <string>
#include <vector>

#include "ledger/archive.h"
#include "ledger/ledger.h"
#include "policies/engine.h"
#include "policies/report.h"

namespace sharetrail::policy {

inline constexpr char kBundleFormat[] = "sharetrail-bundle-1";

// The bundle's files for the annual report of `scope` at the snapshot.
Result<ArchiveFiles> MakeBundle(const Engine& e, const Ledger& ledger, const Snapshot& s,
                                const ReportScope& scope);

struct BundleVerdict {
  std::vector<std::string> problems;  // each names the file, proof or figure
  std::vector<std::string> notes;     // what was not or could not be checked
  uint64_t size = 0;                  // the checkpoint's tree size
  size_t entries = 0, proofs_verified = 0, figures_recomputed = 0, figures_engine = 0;
  bool ok() const { return problems.empty(); }
};

// trusted_vkey: the verifier key the user obtained out of band. Without it
// the bundled vkey.txt is used, which proves only that the bundle is
// consistent with itself (a note says so).
BundleVerdict VerifyBundle(const ArchiveFiles& files,
                           const std::optional<std::string>& trusted_vkey);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_BUNDLE_H_
