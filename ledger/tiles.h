// C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the log as static,
// cacheable resources any standard tiles client can fetch and verify.
//
//   tile/<L>/<N>[.p/<W>]        hashes of tree level 8*L, nodes N*256 .. N*256+W-1
//   tile/entries/<N>[.p/<W>]    entries N*256 .. N*256+W-1, each uint16 BE length || bytes
//
// (tlog-tiles "Merkle Tree": tile n at level l is MTH(D[(n*256+i)*256^l :
// (n*256+i+1)*256^l]) for i in 0..255, i.e. our stored complete-subtree node
// (8*l, n*256+i); "Log entries": bundles of big-endian uint16
// length-prefixed entries, each hashing to the matching level-0 tile hash.)
//
// Invariants:
//   - paths are canonical or refused: <L> and <W> decimal with no leading
//     zeros, L in 0..63, W in 1..255, <N> in 3-digit elements all but the
//     last prefixed "x" with no extra leading "x000/" element;
//   - a full tile (W = 256) is served only once the tree covers all of it,
//     and never changes after (append-only tree); a partial tile of width W
//     is served while the tree covers at least W of its nodes, so a client
//     holding any earlier checkpoint gets the exact partial tile it needs
//     (tlog-tiles "Partial Tiles": logs MUST serve partial tiles for every
//     size a checkpoint was produced for, and every commit produces one);
//   - every entry fits a bundle: kMaxEntryBytes (entry.h) is at most 65535.
#ifndef SHARETRAIL_LEDGER_TILES_H_
#define SHARETRAIL_LEDGER_TILES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/merkle.h"
#include "ledger/status.h"
#include "ledger/store.h"

namespace sharetrail {

constexpr int kTileHeight = 8;
constexpr uint64_t kTileWidth = 256;
constexpr int kMaxTileLevel = 63;

struct TilePath {
  bool entries = false;         // an entry bundle, not a hash tile
  int level = 0;                // 0 for bundles
  uint64_t index = 0;           // N
  uint64_t width = kTileWidth;  // 1..255 partial, 256 full

  bool partial() const { return width < kTileWidth; }
  // "tile/0/x001/234.p/7", without a leading '/'.
  std::string ToString() const;
};

// N as path elements: 1234067 -> "x001/x234/067", 5 -> "005".
std::string TileIndexPath(uint64_t n);
// Parses "tile/..." (no leading '/'); InvalidArgument naming the bad part.
Result<TilePath> ParseTilePath(std::string_view path);

// How many of the tile's hashes (or entries) the tree of `size` leaves
// holds: 0 (none yet), 1..255, or 256 (full).
uint64_t TileCoverage(int level, uint64_t index, uint64_t size);
// The tile that holds node `node_index` of tree level 8*level in the tree
// of `size`, at the width that tree has (full or partial).
TilePath TileFor(int level, uint64_t node_index, uint64_t size);

// The tile's bytes (32 * width) for the tree of `size`; NotFound if the
// tree does not cover that width.
Result<std::string> TileBytes(const NodeSource& nodes, uint64_t size, const TilePath& tile);

// Reads entry `seq`'s canonical bytes (valid until the next call).
using EntryReader = std::function<Result<std::string_view>(uint64_t seq)>;
// The bundle's bytes for the tree of `size`; NotFound as for TileBytes.
Result<std::string> EntryBundle(const EntryReader& entries, uint64_t size, const TilePath& tile);
// Splits a bundle into its entries; Corruption naming the offset if a
// length runs past the end, or if it does not hold exactly `count` entries.
Result<std::vector<std::string_view>> SplitEntryBundle(std::string_view bundle, uint64_t count);

// A tile or bundle from one store snapshot (size = its entry count).
Result<std::string> ServeTile(const ReadTxn& txn, const TilePath& tile);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_TILES_H_
