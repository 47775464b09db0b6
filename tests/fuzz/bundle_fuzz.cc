// Evidence bundles as an outsider's `verify-bundle` reads them
// (ledger/archive.h, policies/bundle.h; docs/formats.md "Bundle"): the
// archive reader, then the offline check of every entry, proof, checkpoint
// and figure. The seed is a real bundle stored as an uncompressed tar
// (which the reader takes too), so mutations reach the files inside rather
// than the gzip checksum.
//
// Properties: nothing crashes; an archive that reads writes back and reads
// to the same files; verifying is a function of the files (twice, the same
// verdict).
#include "ledger/archive.h"
#include "policies/bundle.h"
#include "tests/fuzz/fuzz_support.h"

using namespace sharetrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto files = ReadTarGz(fuzz::Bytes(data, size));
  if (!files.ok()) return 0;
  auto written = WriteTarGz(*files, 0);
  fuzz::Require(written.ok(), "files read from an archive can be written");
  auto again = ReadTarGz(*written);
  fuzz::Require(again.ok() && *again == *files, "an archive round-trips");
  policy::BundleVerdict v1 = policy::VerifyBundle(*files, std::nullopt);
  policy::BundleVerdict v2 = policy::VerifyBundle(*files, std::nullopt);
  fuzz::Require(v1.problems == v2.problems && v1.notes == v2.notes, "verifying twice agrees");
  return 0;
}
