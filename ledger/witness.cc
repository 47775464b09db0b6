#include "ledger/witness.h"

#include <sys/stat.h>

#include <cerrno>
#include <utility>

#include "ledger/base64.h"
#include "ledger/files.h"
#include "ledger/merkle.h"
#include "ledger/witness_policy.h"

namespace sharetrail {
namespace {

// The spec: "The client MUST NOT send more than 63 consistency proof lines."
constexpr size_t kMaxProofLines = 63;

Result<uint64_t> ParseDecimal(std::string_view s, const std::string& what) {
  if (s.empty() || (s.size() > 1 && s[0] == '0') || s.size() > 20) {
    return InvalidArgument(what + ": \"" + std::string(s) + "\" is not canonical decimal");
  }
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') {
      return InvalidArgument(what + ": \"" + std::string(s) + "\" is not decimal");
    }
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return InvalidArgument(what + ": overflows 64 bits");
    v = v * 10 + d;
  }
  return v;
}

WitnessAnswer Refuse(WitnessVerdict v, std::string reason) {
  WitnessAnswer a;
  a.verdict = v;
  a.reason = std::move(reason);
  return a;
}

}  // namespace

Result<std::string> InitWitnessKey(const std::string& dir, const std::string& name) {
  ST_RETURN_IF_ERROR(CheckKeyName(name));
  ST_ASSIGN_OR_RETURN(Ed25519PrivateKey key, Ed25519PrivateKey::Generate());
  ST_ASSIGN_OR_RETURN(CosignatureVerifier v,
                      CosignatureVerifier::FromPublicKey(name, key.PublicKey()));
  std::string vkey = v.Vkey();
  ST_RETURN_IF_ERROR(key.SaveFile(dir + "/witness.key"));
  ST_RETURN_IF_ERROR(WriteDurably(dir, dir + "/witness.vkey", vkey + "\n"));
  return vkey;
}

Result<Cosigner> LoadWitnessKey(const std::string& dir) {
  Result<std::string> vkey = ReadFile(dir + "/witness.vkey");
  if (!vkey.ok()) {
    return vkey.status().WithContext("witness key: run sharetrail witness init first: ");
  }
  std::string line = *vkey;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  ST_ASSIGN_OR_RETURN(CosignatureVerifier v, CosignatureVerifier::FromVkey(line));
  ST_ASSIGN_OR_RETURN(Ed25519PrivateKey key, Ed25519PrivateKey::LoadFile(dir + "/witness.key"));
  if (key.PublicKey() != v.public_key()) {
    return Corruption(dir + "/witness.vkey does not match witness.key");
  }
  return Cosigner::Create(v.name(), std::move(key));
}

int HttpStatusOf(WitnessVerdict v) {
  switch (v) {
    case WitnessVerdict::kCosigned:
      return 200;
    case WitnessVerdict::kUnknownOrigin:
      return 404;
    case WitnessVerdict::kBadSignature:
      return 403;
    case WitnessVerdict::kBadRequest:
      return 400;
    case WitnessVerdict::kSizeConflict:
    case WitnessVerdict::kRootConflict:
      return 409;
    case WitnessVerdict::kProofFailed:
      return 422;
  }
  return 500;
}

Result<std::vector<WitnessedLog>> ParseWitnessConfig(std::string_view text) {
  std::vector<WitnessedLog> logs;
  ST_RETURN_IF_ERROR(ForEachConfigLine(
      text, "witness config", [&logs](const std::vector<std::string_view>& words) -> Status {
        if (words[0] != "log" || words.size() != 3) {
          return InvalidArgument("want \"log <origin> <vkey>\"");
        }
        ST_ASSIGN_OR_RETURN(NoteVerifier key, NoteVerifier::FromVkey(words[2]));
        WitnessedLog* log = nullptr;
        for (WitnessedLog& l : logs) {
          if (l.origin == words[1]) log = &l;
        }
        if (log == nullptr) log = &logs.emplace_back(WitnessedLog{std::string(words[1]), {}});
        log->keys.push_back(std::move(key));
        return Status::Ok();
      }));
  return logs;
}

Result<AddCheckpointRequest> AddCheckpointRequest::Parse(std::string_view body) {
  AddCheckpointRequest req;
  size_t nl = body.find('\n');
  if (nl == std::string_view::npos || body.substr(0, 4) != "old ") {
    return InvalidArgument("add-checkpoint: the body must start with \"old <size>\\n\"");
  }
  ST_ASSIGN_OR_RETURN(req.old_size, ParseDecimal(body.substr(4, nl - 4), "old size"));
  body.remove_prefix(nl + 1);
  while (true) {
    nl = body.find('\n');
    if (nl == std::string_view::npos) {
      return InvalidArgument("add-checkpoint: no empty line before the checkpoint");
    }
    if (nl == 0) break;
    if (req.proof.size() == kMaxProofLines) {
      return InvalidArgument("add-checkpoint: more than 63 consistency proof lines");
    }
    Result<Hash> h = HashFromBase64(body.substr(0, nl));
    if (!h.ok()) {
      return h.status().WithContext("add-checkpoint: proof line " +
                                    std::to_string(req.proof.size() + 1) + ": ");
    }
    req.proof.push_back(*h);
    body.remove_prefix(nl + 1);
  }
  req.note = std::string(body.substr(1));
  return req;
}

std::string AddCheckpointRequest::Format() const {
  std::string out = "old " + std::to_string(old_size) + "\n";
  for (const Hash& h : proof) out += Base64(h) + "\n";
  return out + "\n" + note;
}

struct Witness::LogState {
  WitnessedLog config;
  std::string path;
  std::mutex mu;  // guards everything below and the file at path
  bool loaded = false;
  uint64_t size = 0;
  Hash root{};
  std::string note;  // the latest cosigned checkpoint note, "" if none
};

Witness::Witness(std::string dir, Cosigner cosigner)
    : dir_(std::move(dir)), cosigner_(std::move(cosigner)) {}

Witness::~Witness() = default;

Result<std::unique_ptr<Witness>> Witness::Open(const std::string& dir, Cosigner cosigner,
                                               std::vector<WitnessedLog> logs) {
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Errno("mkdir " + dir);
  std::unique_ptr<Witness> w(new Witness(dir, std::move(cosigner)));
  for (WitnessedLog& l : logs) {
    if (l.keys.empty()) return InvalidArgument("witness: log " + l.origin + " has no key");
    if (w->logs_.count(l.origin) != 0) {
      return InvalidArgument("witness: log " + l.origin + " is configured twice");
    }
    auto state = std::make_unique<LogState>();
    // Origins are arbitrary text; their hash is a safe file name.
    state->path = dir + "/" + Sha256Hex(l.origin) + ".checkpoint";
    state->config = std::move(l);
    w->logs_.emplace(state->config.origin, std::move(state));
  }
  return w;
}

Status Witness::Load(LogState& log) {
  if (log.loaded) return Status::Ok();
  Result<std::string> bytes = ReadFile(log.path);
  if (bytes.ok()) {
    // Our own file held a checkpoint we accepted, so it must parse.
    Result<Note> n = Note::Parse(*bytes);
    Result<Checkpoint> stored =
        n.ok() ? Checkpoint::Parse(n->text) : Result<Checkpoint>(n.status());
    if (!stored.ok()) return Corruption(log.path + ": " + stored.status().message());
    log.size = stored->size;
    log.root = stored->root;
    log.note = std::move(*bytes);
  } else if (bytes.status().code() != Code::kNotFound) {
    return bytes.status();
  }
  log.loaded = true;
  return Status::Ok();
}

std::vector<std::string> Witness::Origins() const {
  std::vector<std::string> out;
  for (const auto& [origin, state] : logs_) out.push_back(origin);
  return out;
}

Result<std::string> Witness::Latest(const std::string& origin) {
  auto it = logs_.find(origin);
  if (it == logs_.end()) return NotFound("witness: unknown origin " + origin);
  std::lock_guard<std::mutex> lock(it->second->mu);
  ST_RETURN_IF_ERROR(Load(*it->second));
  return it->second->note;
}

Result<WitnessAnswer> Witness::AddCheckpoint(const AddCheckpointRequest& req, uint64_t now) {
  Result<Note> parsed = Note::Parse(req.note);
  if (!parsed.ok()) return Refuse(WitnessVerdict::kBadRequest, parsed.status().message());
  Result<Checkpoint> cp = Checkpoint::Parse(parsed->text);
  if (!cp.ok()) return Refuse(WitnessVerdict::kBadRequest, cp.status().message());
  auto it = logs_.find(cp->origin);
  if (it == logs_.end()) {
    return Refuse(WitnessVerdict::kUnknownOrigin, "this witness does not witness " + cp->origin);
  }
  LogState& log = *it->second;
  std::lock_guard<std::mutex> lock(log.mu);
  ST_ASSIGN_OR_RETURN(WitnessAnswer a, Decide(log, req, now));
  a.checkpoint = *cp;
  a.note = req.note;
  if (a.Evidence()) {
    // The evidence is the text and the log's own signature: other parties'
    // cosignatures add nothing to it and would only lengthen the record.
    Note kept{parsed->text, {}};
    for (const NoteSignature& sig : parsed->signatures) {
      for (const NoteVerifier& k : log.config.keys) {
        if (k.Verify(parsed->text, sig)) kept.signatures.push_back(sig);
      }
    }
    a.note = kept.Format();
  }
  return a;
}

Result<WitnessAnswer> Witness::Decide(LogState& log, const AddCheckpointRequest& req,
                                      uint64_t now) {
  ST_RETURN_IF_ERROR(Load(log));
  // The log's signature authenticates the request: check it first, so an
  // unauthenticated caller learns nothing about our state.
  Result<Note> note = OpenNote(req.note, log.config.keys);
  if (!note.ok()) {
    return Refuse(WitnessVerdict::kBadSignature, "no valid signature by a key trusted for " +
                                                     log.config.origin + ": " +
                                                     note.status().message());
  }
  ST_ASSIGN_OR_RETURN(Checkpoint cp, Checkpoint::Parse(note->text));
  if (req.old_size > cp.size) {
    return Refuse(WitnessVerdict::kBadRequest, "old size " + std::to_string(req.old_size) +
                                                   " exceeds the checkpoint size " +
                                                   std::to_string(cp.size));
  }
  if (req.old_size != log.size) {
    WitnessAnswer a = Refuse(WitnessVerdict::kSizeConflict,
                             "old size " + std::to_string(req.old_size) +
                                 " is not the latest cosigned size " + std::to_string(log.size));
    a.stored_size = log.size;
    return a;
  }
  if (req.old_size == 0) {
    if (!req.proof.empty()) {
      return Refuse(WitnessVerdict::kBadRequest, "the proof must be empty when old size is 0");
    }
  } else if (cp.size == log.size) {
    if (cp.root != log.root) {
      WitnessAnswer a = Refuse(WitnessVerdict::kRootConflict,
                               "size " + std::to_string(cp.size) + " was cosigned with root " +
                                   Base64(log.root) + ", not " + Base64(cp.root));
      a.stored_size = log.size;
      return a;
    }
    if (!req.proof.empty()) {
      return Refuse(WitnessVerdict::kBadRequest, "the proof must be empty for an equal size");
    }
  } else if (Status s = VerifyConsistency(log.size, cp.size, log.root, cp.root, req.proof);
             !s.ok()) {
    WitnessAnswer a =
        Refuse(WitnessVerdict::kProofFailed, "size " + std::to_string(cp.size) +
                                                 " is not consistent with the cosigned size " +
                                                 std::to_string(log.size) + ": " + s.message());
    a.stored_size = log.size;
    return a;
  }
  // Persist first: an answer a crash loses is harmless, a forgotten
  // cosignature is not.
  std::string keep = Note{note->text, note->signatures}.Format();
  ST_RETURN_IF_ERROR(WriteDurably(dir_, log.path, keep));
  log.size = cp.size;
  log.root = cp.root;
  log.note = std::move(keep);
  ST_ASSIGN_OR_RETURN(NoteSignature sig, cosigner_.Cosign(note->text, now));
  WitnessAnswer a;
  a.verdict = WitnessVerdict::kCosigned;
  a.stored_size = cp.size;
  a.signature_lines = SignatureLines({sig});
  return a;
}

}  // namespace sharetrail
