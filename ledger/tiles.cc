#include "ledger/tiles.h"

#include <algorithm>

#include "ledger/entry.h"
#include "ledger/txn_nodes.h"

namespace sharetrail {
namespace {

static_assert(kMaxEntryBytes <= 0xFFFF, "an entry must fit a bundle's uint16 length prefix");

// Tile indices beyond this would overflow N*256 + 255; no tree of at most
// 2^64 - 1 leaves has such a tile at any level.
constexpr uint64_t kMaxTileIndex = (uint64_t{1} << 56) - 1;

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Canonical decimal: digits only, no leading zeros, at most max_digits.
Result<uint64_t> ParseDecimal(std::string_view s, size_t max_digits, const char* what) {
  if (s.empty() || s.size() > max_digits ||
      !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return InvalidArgument(std::string(what) + " " + Quote(s) + ": expected a decimal number");
  }
  if (s.size() > 1 && s[0] == '0') {
    return InvalidArgument(std::string(what) + " " + Quote(s) + ": leading zeros are not allowed");
  }
  uint64_t v = 0;
  for (char c : s) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

std::vector<std::string_view> SplitSlash(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, slash - start));
    start = slash + 1;
  }
}

// <N> from its path elements (tlog-tiles "Merkle Tree": zero-padded 3-digit
// elements, all but the last prefixed "x").
Result<uint64_t> ParseIndex(const std::vector<std::string_view>& elems, std::string_view whole) {
  std::string where = "tile index " + Quote(whole);
  if (elems.size() > 7) return InvalidArgument(where + ": too many path elements");
  uint64_t n = 0;
  for (size_t i = 0; i < elems.size(); ++i) {
    std::string_view e = elems[i];
    bool last = i + 1 == elems.size();
    if (!last) {
      if (!e.starts_with('x')) {
        return InvalidArgument(where + ": every element but the last must begin with \"x\"");
      }
      e.remove_prefix(1);
    }
    if (e.size() != 3 ||
        !std::all_of(e.begin(), e.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return InvalidArgument(where + ": each element must be 3 digits");
    }
    uint64_t part = static_cast<uint64_t>((e[0] - '0') * 100 + (e[1] - '0') * 10 + (e[2] - '0'));
    if (i == 0 && part == 0 && !last) {
      return InvalidArgument(where + ": not canonical (a leading \"x000\" element)");
    }
    if (n > (kMaxTileIndex - part) / 1000) {
      return InvalidArgument(where + ": beyond any tile of a tree of at most 2^64-1 entries");
    }
    n = n * 1000 + part;
  }
  return n;
}

}  // namespace

std::string TileIndexPath(uint64_t n) {
  std::vector<std::string> elems;  // least significant first
  do {
    std::string e = std::to_string(n % 1000);
    elems.push_back(std::string(3 - e.size(), '0') + e);
    n /= 1000;
  } while (n > 0);
  std::string out;
  for (size_t i = elems.size(); i-- > 0;) out += i > 0 ? "x" + elems[i] + "/" : elems[i];
  return out;
}

std::string TilePath::ToString() const {
  std::string s = "tile/" + (entries ? std::string("entries") : std::to_string(level)) + "/" +
                  TileIndexPath(index);
  if (partial()) s += ".p/" + std::to_string(width);
  return s;
}

Result<TilePath> ParseTilePath(std::string_view path) {
  if (!path.starts_with("tile/")) return InvalidArgument(Quote(path) + ": not a tile path");
  std::vector<std::string_view> segs = SplitSlash(path.substr(5));
  if (segs.size() < 2) return InvalidArgument(Quote(path) + ": expected tile/<L>/<N>[.p/<W>]");
  TilePath t;
  if (segs[0] == "entries") {
    t.entries = true;
  } else {
    ST_ASSIGN_OR_RETURN(uint64_t level, ParseDecimal(segs[0], 2, "tile level"));
    if (level > kMaxTileLevel) {
      return InvalidArgument("tile level " + std::to_string(level) + ": must be 0 to 63");
    }
    t.level = static_cast<int>(level);
  }
  std::vector<std::string_view> elems(segs.begin() + 1, segs.end());
  if (elems.size() >= 2 && elems[elems.size() - 2].ends_with(".p")) {
    ST_ASSIGN_OR_RETURN(t.width, ParseDecimal(elems.back(), 3, "partial tile width"));
    if (t.width < 1 || t.width > 255) {
      return InvalidArgument("partial tile width " + std::to_string(t.width) +
                             ": must be 1 to 255");
    }
    elems.pop_back();
    elems.back().remove_suffix(2);
  }
  ST_ASSIGN_OR_RETURN(t.index, ParseIndex(elems, path));
  return t;
}

uint64_t TileCoverage(int level, uint64_t index, uint64_t size) {
  int shift = kTileHeight * level;
  if (shift >= 64 || index > kMaxTileIndex) return 0;
  uint64_t nodes = size >> shift;  // complete subtrees at tree level 8*level
  uint64_t start = index * kTileWidth;
  if (nodes <= start) return 0;
  return std::min(kTileWidth, nodes - start);
}

TilePath TileFor(int level, uint64_t node_index, uint64_t size) {
  TilePath t;
  t.level = level;
  t.index = node_index / kTileWidth;
  t.width = TileCoverage(level, t.index, size);
  return t;
}

namespace {

Status CheckCovered(const TilePath& tile, uint64_t size) {
  uint64_t have = TileCoverage(tile.level, tile.index, size);
  if (tile.width <= have) return Status::Ok();
  return NotFound(tile.ToString() + ": the tree of size " + std::to_string(size) + " holds " +
                  std::to_string(have) + " of this tile's " + std::to_string(tile.width) +
                  (tile.entries ? " entries" : " hashes"));
}

}  // namespace

Result<std::string> TileBytes(const NodeSource& nodes, uint64_t size, const TilePath& tile) {
  if (tile.entries) return InvalidArgument(tile.ToString() + ": an entry bundle, not a hash tile");
  ST_RETURN_IF_ERROR(CheckCovered(tile, size));
  std::string out;
  out.reserve(32 * tile.width);
  uint64_t first = tile.index * kTileWidth;
  for (uint64_t i = 0; i < tile.width; ++i) {
    ST_ASSIGN_OR_RETURN(Hash h, nodes.Node(kTileHeight * tile.level, first + i));
    out.append(AsBytes(h));
  }
  return out;
}

Result<std::string> EntryBundle(const EntryReader& entries, uint64_t size, const TilePath& tile) {
  if (!tile.entries) return InvalidArgument(tile.ToString() + ": a hash tile, not an entry bundle");
  ST_RETURN_IF_ERROR(CheckCovered(tile, size));
  std::string out;
  uint64_t first = tile.index * kTileWidth;
  for (uint64_t seq = first; seq < first + tile.width; ++seq) {
    ST_ASSIGN_OR_RETURN(std::string_view e, entries(seq));
    if (e.size() > 0xFFFF) {
      return Corruption("entry " + std::to_string(seq) + " is " + std::to_string(e.size()) +
                        " bytes, more than a bundle's 16-bit length can carry");
    }
    out.push_back(static_cast<char>(e.size() >> 8));
    out.push_back(static_cast<char>(e.size() & 0xFF));
    out.append(e);
  }
  return out;
}

Result<std::vector<std::string_view>> SplitEntryBundle(std::string_view bundle, uint64_t count) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < bundle.size()) {
    if (out.size() == count) {
      return Corruption("entry bundle: " + std::to_string(bundle.size() - pos) +
                        " bytes after the expected " + std::to_string(count) + " entries");
    }
    if (bundle.size() - pos < 2) {
      return Corruption("entry bundle: a length prefix cut short at byte " + std::to_string(pos));
    }
    size_t len = static_cast<size_t>(static_cast<uint8_t>(bundle[pos])) << 8 |
                 static_cast<uint8_t>(bundle[pos + 1]);
    pos += 2;
    if (bundle.size() - pos < len) {
      return Corruption("entry bundle: entry " + std::to_string(out.size()) + " of " +
                        std::to_string(len) + " bytes runs past the end (byte " +
                        std::to_string(bundle.size()) + ")");
    }
    out.push_back(bundle.substr(pos, len));
    pos += len;
  }
  if (out.size() != count) {
    return Corruption("entry bundle: holds " + std::to_string(out.size()) + " entries, expected " +
                      std::to_string(count));
  }
  return out;
}

Result<std::string> ServeTile(const ReadTxn& txn, const TilePath& tile) {
  ST_ASSIGN_OR_RETURN(uint64_t size, txn.Count(Table::kEntries));
  if (!tile.entries) return TileBytes(TxnNodes(txn), size, tile);
  return EntryBundle([&txn](uint64_t seq) { return txn.Get(Table::kEntries, U64Key(seq)); }, size,
                     tile);
}

}  // namespace sharetrail
