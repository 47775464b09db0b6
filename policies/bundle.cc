// Making an evidence bundle from a ledger snapshot (docs/formats.md §8).
#include "policies/bundle.h"

#include "ledger/base64.h"
#include "ledger/canonical_json.h"
#include "ledger/hash.h"
#include "policies/index.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

constexpr char kReadme[] = R"(sharetrail evidence bundle
==========================

This archive holds an annual compliance report and the ledger entries it
counts, with everything needed to check it without the ledger. The format is
specified in sharetrail's docs/formats.md, section 8 ("Evidence bundle").

To verify it by hand:

1. Obtain the ledger's verifier key from its operator by a channel you trust
   (not from this archive). Compare it with vkey.txt. Trusting vkey.txt alone
   proves only that the bundle is consistent with itself.
2. Check the Ed25519 signature on checkpoint.txt (a C2SP signed note) with
   that key; it gives the tree size and root hash.
3. For each entries/<seq>.json: compute SHA-256(0x00 || file bytes) (the
   RFC 6962 leaf hash) and run the RFC 9162 section 2.1.3.2 inclusion check
   with proofs/<seq>.json against the checkpoint's root.
4. If previous-checkpoint.txt is present: check its signature, then the
   consistency proof in consistency.json (RFC 9162 section 2.1.4.2) from its
   root to the checkpoint's root: the log was only appended to since.
5. Check the SHA-256 of every file against manifest.json.
6. Recount the figures of report.json from the entries: each figure lists
   the seqs it counts.

Or run: sharetrail verify-bundle --vkey "<key>" THIS_FILE
or:     python3 tools/verify_bundle.py --vkey "<key>" THIS_FILE
)";

// The number of entries before the year: the tree size at its start.
Result<uint64_t> SizeAtStartOf(const Snapshot& s, int year) {
  ST_ASSIGN_OR_RETURN(uint64_t size, s.Size());
  std::string from = "x/day/" + std::to_string(year) + "-01-01";
  ST_RETURN_IF_ERROR(s.Scan("x/day/", from, [&](std::string_view key, std::string_view) {
    size = IndexSeq(key);
    return false;
  }));
  return size;
}

}  // namespace

Result<ArchiveFiles> MakeBundle(const Engine& e, const Ledger& ledger, const Snapshot& s,
                                const ReportScope& scope) {
  ST_ASSIGN_OR_RETURN(Report report, AnnualReport(e, ledger, s, scope));
  ArchiveFiles files;
  ST_ASSIGN_OR_RETURN(files["report.json"], Canonicalize(report.Json()));
  files["report.html"] = report.Html("proofs/", ".json");
  for (uint64_t seq : report.AllSeqs()) {
    const std::string name = std::to_string(seq) + ".json";
    ST_ASSIGN_OR_RETURN(std::string_view bytes, s.EntryBytes(seq));
    files["entries/" + name] = std::string(bytes);
    ST_ASSIGN_OR_RETURN(InclusionProof proof, ledger.ProveInclusion(seq, report.size));
    ST_ASSIGN_OR_RETURN(files["proofs/" + name], Canonicalize(proof.ToJson()));
  }
  files["checkpoint.txt"] = report.checkpoint;
  files["vkey.txt"] = ledger.verifier().Vkey() + "\n";
  files["README.txt"] = kReadme;
  // The log as it stood at the end of the previous year: the tree head of
  // the entries dated before 1 January, signed by the log's key (Ed25519 is
  // deterministic, so these are the bytes the log served if it published
  // that size), and the proof that this year's checkpoint extends it.
  ST_ASSIGN_OR_RETURN(uint64_t start, SizeAtStartOf(s, scope.year));
  json::value previous_field = nullptr;
  std::string previous_why;
  if (start == 0) {
    previous_why = "no entry is dated before " + std::to_string(scope.year);
  } else {
    ST_ASSIGN_OR_RETURN(files["previous-checkpoint.txt"], ledger.SignedCheckpoint(start));
    ST_ASSIGN_OR_RETURN(ConsistencyProof c, ledger.ProveConsistency(start, report.size));
    ST_ASSIGN_OR_RETURN(files["consistency.json"], Canonicalize(c.ToJson()));
    previous_field = start;
    previous_why = "the tree head at the end of " + std::to_string(scope.year - 1) + " (the " +
                   std::to_string(start) + " entries dated before " + std::to_string(scope.year) +
                   ")";
  }
  json::array listed;
  for (const auto& [name, content] : files) {
    listed.push_back(json::object{{"name", name}, {"sha256", Sha256Hex(content)}});
  }
  json::object manifest{
      {"format", kBundleFormat},
      {"origin", report.origin},
      {"year", scope.year},
      {"scope", json::object{{"agreement", scope.agreement}, {"party", scope.party}}},
      {"checkpoint_size", report.size},
      {"previous_checkpoint_size", previous_field},
      {"previous_checkpoint", previous_why},
      {"files", std::move(listed)}};
  ST_ASSIGN_OR_RETURN(files["manifest.json"], Canonicalize(manifest));
  return files;
}

}  // namespace sharetrail::policy
