// The log as C2SP tlog-tiles (https://c2sp.org/tlog-tiles, ledger/tiles.h):
//   GET /checkpoint               the latest signed checkpoint
//   GET /tile/<L>/<N>[.p/<W>]      Merkle tree hashes, public
//   GET /tile/entries/<N>[.p/<W>]  entry bundles, auditors only
// so a standard tiles client, or `sharetrail mirror`, can fetch and verify
// the log without the JSON API.
//
// Who may read what: hash tiles reveal hashes only, as the public proof
// endpoints already do. Entry bundles are the entries themselves, with
// every party's shares, accesses and requests in them; the API shows a user
// only their own party's records (docs/threat-model.md), so bundles need a
// signed-in auditor, who reads every party's records anyway. Their answers
// are "private" so no shared cache keeps them.
//
// Nothing is recorded per fetch (a mirror fetches thousands; the access log
// has each request).
#include "api/app.h"
#include "api/response.h"
#include "ledger/tiles.h"

namespace sharetrail::api {
namespace {

// tlog-tiles "Checkpoints": mutable, so not cached. The note carries the
// witnesses' cosignatures on that exact checkpoint when the node has them
// (App::PublishedCheckpoint); a client that does not know a signature
// line's key skips it (signed-note).
HttpResponse CheckpointNote(Call& c) {
  auto note = c.app.PublishedCheckpoint();
  if (!note.ok()) return FromStatus(note.status());
  HttpResponse r{200, "text/plain; charset=utf-8", *note, {}};
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse Tile(Call& c) {
  auto tile = ParseTilePath("tile/" + c.args[0]);
  if (!tile.ok()) return FromStatus(tile.status());
  if (tile->entries && c.who == nullptr) {
    HttpResponse r = Error(401, "unauthenticated",
                           "entry bundles hold every party's entries: send an auditor's bearer "
                           "token (hash tiles are public)");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  if (tile->entries && !c.who->Auditor()) {
    return Error(403, "forbidden",
                 "entry bundles hold every party's entries: only an auditor may read them");
  }
  auto txn = c.app.ledger().store().BeginRead();
  if (!txn.ok()) return FromStatus(txn.status());
  auto bytes = ServeTile(**txn, *tile);
  if (!bytes.ok()) return FromStatus(bytes.status());
  HttpResponse r{200, "application/octet-stream", std::move(bytes).value(), {}};
  // Full tiles never change; a partial one of a given width does not
  // either, but the spec lets a log drop it once the full tile exists.
  std::string scope = tile->entries ? "private" : "public";
  r.headers.emplace_back("Cache-Control", tile->partial()
                                              ? scope + ", max-age=60"
                                              : scope + ", max-age=31536000, immutable");
  return r;
}

}  // namespace

std::vector<Route> TlogRoutes() {
  return {
      {"GET",
       "/checkpoint",
       Access::kPublic,
       {},
       CheckpointNote,
       "The latest signed checkpoint (C2SP tlog-checkpoint)",
       Kind::kApi,
       true},
      {"GET",
       "/tile/{*}",
       Access::kPublic,
       {},
       Tile,
       "C2SP tlog-tiles: hash tiles (public) and entry bundles (auditors)",
       Kind::kApi,
       true},
  };
}

}  // namespace sharetrail::api
