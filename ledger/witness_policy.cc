#include "ledger/witness_policy.h"

#include <algorithm>
#include <utility>

#include "ledger/files.h"
#include "ledger/hash.h"

namespace sharetrail {
namespace {

constexpr std::string_view kNone = "none";

// Sigsum's raw hex key, or nothing if s is not 64 hex digits.
bool RawKey(std::string_view s, std::string* key) {
  Hash h;
  if (!HashFromHex(s, &h)) return false;
  *key = std::string(AsBytes(h));
  return true;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

Status ForEachConfigLine(std::string_view text, const std::string& where,
                         const std::function<Status(const std::vector<std::string_view>&)>& fn) {
  int n = 0;
  for (size_t start = 0; start < text.size();) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    std::string at = where + " line " + std::to_string(++n) + ": ";
    for (char c : line) {
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\r') {
        return InvalidArgument(at + "control character");
      }
    }
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    std::vector<std::string_view> words;
    for (size_t i = 0; i < line.size();) {
      size_t b = line.find_first_not_of(" \t\r", i);
      if (b == std::string_view::npos) break;
      size_t e = line.find_first_of(" \t\r", b);
      if (e == std::string_view::npos) e = line.size();
      words.push_back(line.substr(b, e - b));
      i = e;
    }
    if (!words.empty()) ST_RETURN_IF_ERROR(fn(words).WithContext(at));
  }
  return Status::Ok();
}

Status WitnessPolicy::AddLine(const std::vector<std::string_view>& words) {
  std::string_view kind = words[0];
  auto defined = [&](const std::string& name) {
    if (name == kNone) return true;
    for (const PolicyWitness& w : witnesses_) {
      if (w.name == name) return true;
    }
    return groups_.count(name) != 0;
  };
  if (kind == "log") {
    if (words.size() < 2 || words.size() > 3) return InvalidArgument("want \"log <key> [<url>]\"");
    LogKey log;
    if (!RawKey(words[1], &log.hex_key)) {
      ST_ASSIGN_OR_RETURN(log.vkey, NoteVerifier::FromVkey(words[1]));
      log.has_vkey = true;
    }
    for (const LogKey& l : logs_) {
      if (l.hex_key == log.hex_key && l.vkey.public_key() == log.vkey.public_key()) {
        return InvalidArgument("log key listed twice");
      }
    }
    logs_.push_back(std::move(log));
    return Status::Ok();
  }
  if (kind == "witness") {
    if (words.size() < 3 || words.size() > 4) {
      return InvalidArgument("want \"witness <name> <key> [<url>]\"");
    }
    std::string name(words[1]);
    if (defined(name)) return InvalidArgument("name \"" + name + "\" is already defined");
    std::string raw;
    Result<CosignatureVerifier> key = RawKey(words[2], &raw)
                                          ? CosignatureVerifier::FromPublicKey(name, raw)
                                          : CosignatureVerifier::FromVkey(words[2]);
    if (!key.ok()) return key.status();
    if (key->name() != name) {
      return InvalidArgument("witness " + name + ": its vkey names \"" + key->name() +
                             "\"; the name must be the cosignature's key name");
    }
    for (const PolicyWitness& w : witnesses_) {
      if (w.key.public_key() == key->public_key()) {
        return InvalidArgument("witness " + name + " has the key of witness " + w.name);
      }
    }
    witnesses_.push_back(PolicyWitness{name, std::move(key).value(),
                                       words.size() == 4 ? std::string(words[3]) : ""});
    return Status::Ok();
  }
  if (kind == "group") {
    if (words.size() < 4) return InvalidArgument("want \"group <name> all|any|<k> <member>...\"");
    std::string name(words[1]);
    if (defined(name)) return InvalidArgument("name \"" + name + "\" is already defined");
    Group g;
    for (size_t i = 3; i < words.size(); ++i) {
      std::string m(words[i]);
      if (m == kNone || !defined(m)) {
        return InvalidArgument("group " + name + ": member \"" + m +
                               "\" is not a witness or group defined above");
      }
      if (Contains(g.members, m)) return InvalidArgument("group " + name + ": " + m + " twice");
      g.members.push_back(m);
    }
    std::string_view k = words[2];
    if (k == "all") {
      g.k = g.members.size();
    } else if (k == "any") {
      g.k = 1;
    } else {
      size_t v = 0;
      for (char c : k) {
        if (c < '0' || c > '9' || v > 1000) {
          return InvalidArgument("group " + name + ": threshold \"" + std::string(k) +
                                 "\" is not all, any or a number");
        }
        v = v * 10 + static_cast<size_t>(c - '0');
      }
      if (v < 1 || v > g.members.size()) {
        return InvalidArgument("group " + name + ": threshold " + std::to_string(v) +
                               " is not between 1 and its " + std::to_string(g.members.size()) +
                               " members");
      }
      g.k = v;
    }
    groups_.emplace(name, std::move(g));
    return Status::Ok();
  }
  if (kind == "quorum") {
    if (words.size() != 2) return InvalidArgument("want \"quorum <name>\"");
    if (has_quorum_) return InvalidArgument("a second quorum line");
    std::string name(words[1]);
    if (!defined(name)) {
      return InvalidArgument("quorum: \"" + name + "\" is not a witness or group defined above");
    }
    quorum_ = name;
    has_quorum_ = true;
    return Status::Ok();
  }
  return InvalidArgument("unknown line kind \"" + std::string(kind) +
                         "\" (want log, witness, group or quorum)");
}

Result<WitnessPolicy> WitnessPolicy::Parse(std::string_view text, const std::string& where) {
  WitnessPolicy p;
  ST_RETURN_IF_ERROR(ForEachConfigLine(
      text, where, [&p](const std::vector<std::string_view>& words) { return p.AddLine(words); }));
  if (!p.has_quorum_) return InvalidArgument(where + ": no quorum line");
  return p;
}

Result<WitnessPolicy> WitnessPolicy::Load(const std::string& path) {
  ST_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return Parse(text, path);
}

bool WitnessPolicy::Met(const std::string& name, const std::vector<std::string>& cosigned) const {
  if (name == kNone) return true;
  auto g = groups_.find(name);
  if (g == groups_.end()) return Contains(cosigned, name);
  size_t met = 0;
  for (const std::string& m : g->second.members) met += Met(m, cosigned) ? 1 : 0;
  return met >= g->second.k;
}

void WitnessPolicy::Explain(const std::string& name, const std::vector<std::string>& cosigned,
                            std::string* out) const {
  if (Met(name, cosigned)) return;
  auto g = groups_.find(name);
  if (g == groups_.end()) {
    *out += (out->empty() ? "" : "; ") + ("no cosignature from witness " + name);
    return;
  }
  size_t met = 0;
  for (const std::string& m : g->second.members) met += Met(m, cosigned) ? 1 : 0;
  *out += (out->empty() ? "" : "; ") +
          ("group " + name + " needs " + std::to_string(g->second.k) + " of " +
           std::to_string(g->second.members.size()) + ", has " + std::to_string(met));
  for (const std::string& m : g->second.members) Explain(m, cosigned, out);
}

Result<PolicyCheck> WitnessPolicy::Check(std::string_view note_text) const {
  ST_ASSIGN_OR_RETURN(Note note, Note::Parse(note_text));
  ST_ASSIGN_OR_RETURN(Checkpoint cp, Checkpoint::Parse(note.text));
  if (!logs_.empty()) {
    std::vector<NoteVerifier> keys;
    for (const LogKey& l : logs_) {
      if (l.has_vkey) {
        keys.push_back(l.vkey);
      } else {
        ST_ASSIGN_OR_RETURN(NoteVerifier v, NoteVerifier::FromPublicKey(cp.origin, l.hex_key));
        keys.push_back(std::move(v));
      }
    }
    ST_RETURN_IF_ERROR(OpenNote(note_text, keys)
                           .status()
                           .WithContext("checkpoint " + cp.origin + " " + std::to_string(cp.size) +
                                        ": log signature: "));
  }
  std::vector<CosignatureVerifier> keys;
  for (const PolicyWitness& w : witnesses_) keys.push_back(w.key);
  ST_ASSIGN_OR_RETURN(std::vector<Cosignature> found, OpenCosignatures(note, keys));
  PolicyCheck check;
  for (const PolicyWitness& w : witnesses_) {
    for (const Cosignature& c : found) {
      if (c.name == w.name && !Contains(check.cosigned, w.name)) check.cosigned.push_back(w.name);
    }
  }
  check.satisfied = Met(quorum_, check.cosigned);
  Explain(quorum_, check.cosigned, &check.missing);
  return check;
}

}  // namespace sharetrail
