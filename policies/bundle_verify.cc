// Verifying an evidence bundle from its files alone (docs/formats.md §8):
// signatures, proofs, digests, and every count figure recomputed from the
// bundled entries. Collects every problem rather than stopping at one, so
// the auditor sees all that does not match.
#include <algorithm>
#include <boost/json/serialize.hpp>

#include "ledger/base64.h"
#include "ledger/canonical_json.h"
#include "ledger/entry.h"
#include "ledger/hash.h"
#include "policies/bundle.h"
#include "policies/world.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

struct Checker {
  const ArchiveFiles& files;
  BundleVerdict v;

  void Problem(std::string what) { v.problems.push_back(std::move(what)); }
  const std::string* File(const std::string& name) {
    auto it = files.find(name);
    if (it == files.end()) {
      Problem(name + ": missing");
      return nullptr;
    }
    return &it->second;
  }

  void Manifest() {
    const std::string* text = File("manifest.json");
    if (!text) return;
    auto m = ParseStrict(*text);
    if (!m.ok() || !m->is_object() || Str(m->as_object(), "format") != kBundleFormat ||
        !m->as_object().contains("files") || !m->as_object().at("files").is_array()) {
      return Problem("manifest.json: not a " + std::string(kBundleFormat) + " manifest");
    }
    std::set<std::string> listed;
    for (const auto& f : m->as_object().at("files").as_array()) {
      if (!f.is_object()) return Problem("manifest.json: a file is not an object");
      const std::string name = Str(f.as_object(), "name");
      listed.insert(name);
      auto it = files.find(name);
      if (it == files.end()) {
        Problem(name + ": listed in manifest.json but missing");
      } else if (Sha256Hex(it->second) != Str(f.as_object(), "sha256")) {
        Problem(name + ": SHA-256 does not match manifest.json");
      }
    }
    for (const auto& [name, content] : files) {
      if (name != "manifest.json" && !listed.contains(name)) {
        Problem(name + ": not listed in manifest.json");
      }
    }
  }

  // The checkpoint note's tree head, if its signature verifies.
  std::optional<Checkpoint> SignedHead(const std::string& name, const NoteVerifier& key) {
    const std::string* text = File(name);
    if (!text) return std::nullopt;
    auto note = OpenNote(*text, {key});
    if (!note.ok()) {
      Problem(name + ": signature does not verify with " + key.Vkey() + ": " +
              note.status().message());
      return std::nullopt;
    }
    auto cp = Checkpoint::Parse(note->text);
    if (!cp.ok()) {
      Problem(name + ": " + cp.status().message());
      return std::nullopt;
    }
    return *cp;
  }

  std::optional<NoteVerifier> Key(const std::optional<std::string>& trusted) {
    const std::string* bundled = File("vkey.txt");
    std::string text = trusted ? *trusted : bundled ? *bundled : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    auto key = NoteVerifier::FromVkey(text);
    if (!key.ok()) {
      Problem(std::string(trusted ? "--vkey" : "vkey.txt") + ": " + key.status().message());
      return std::nullopt;
    }
    if (!trusted) {
      v.notes.push_back(
          "checked with the bundled vkey.txt only: this proves the bundle consistent with "
          "itself, not that it comes from the ledger you trust; pass the key you hold");
    } else if (bundled && key->Vkey() + "\n" != *bundled) {
      Problem("vkey.txt: differs from the key given");
    }
    return *key;
  }

  // Entries and their inclusion proofs at the checkpoint.
  DecodedEntries Entries(const Checkpoint& head) {
    DecodedEntries out;
    for (const auto& [name, bytes] : files) {
      if (!name.starts_with("entries/")) continue;
      ++v.entries;
      const std::string stem = name.substr(8, name.size() - 8 - 5);
      auto seq = ParseSeq(stem);
      // The ledger's own decoder: strict JSON, the entry schema, and bytes
      // that are exactly the canonical encoding (formats.md §2).
      auto entry = DecodeEntry(bytes);
      if (!seq || !name.ends_with(".json") || !entry.ok() || entry->seq != *seq) {
        Problem(name + ": not the canonical entry of that seq" +
                (entry.ok() ? std::string() : ": " + entry.status().message()));
        continue;
      }
      auto value = ParseStrict(bytes);  // the figures read it as JSON
      if (!value.ok() || !value->is_object()) {
        Problem(name + ": not a JSON object");
        continue;
      }
      const std::string proof_name = "proofs/" + stem + ".json";
      const std::string* proof_text = File(proof_name);
      if (!proof_text) continue;
      auto pv = ParseStrict(*proof_text);
      auto proof = pv.ok() ? InclusionProof::FromJson(*pv) : Result<InclusionProof>(pv.status());
      if (!proof.ok()) {
        Problem(proof_name + ": " + proof.status().message());
        continue;
      }
      if (proof->leaf_index != *seq || proof->tree_size != head.size) {
        Problem(proof_name + ": not a proof of that seq at the checkpoint's size");
        continue;
      }
      if (proof->leaf_hash != LeafHash(bytes)) {
        Problem(name + ": its leaf hash is not the one " + proof_name + " proves");
        continue;
      }
      if (Status st = proof->Verify(head.root); !st.ok()) {
        Problem(proof_name + ": does not lead to the checkpoint's root: " + st.message());
        continue;
      }
      ++v.proofs_verified;
      out.emplace(*seq, std::move(value->as_object()));
    }
    return out;
  }

  static std::optional<uint64_t> ParseSeq(const std::string& s) {
    if (s.empty() || s.size() > 19 || (s.size() > 1 && s[0] == '0') ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    return std::stoull(s);
  }

  void Consistency(const Checkpoint& head, const NoteVerifier& key) {
    if (!files.contains("previous-checkpoint.txt")) {
      v.notes.push_back("no previous checkpoint in the bundle (see manifest.json)");
      return;
    }
    auto prev = SignedHead("previous-checkpoint.txt", key);
    const std::string* text = File("consistency.json");
    if (!prev || !text) return;
    auto pv = ParseStrict(*text);
    auto proof = pv.ok() ? ConsistencyProof::FromJson(*pv) : Result<ConsistencyProof>(pv.status());
    if (!proof.ok()) return Problem("consistency.json: " + proof.status().message());
    if (proof->first != prev->size || proof->second != head.size) {
      return Problem("consistency.json: not a proof between the two checkpoints' sizes");
    }
    if (Status st = proof->Verify(prev->root, head.root); !st.ok()) {
      Problem("consistency.json: " + st.message());
    }
  }

  static std::string FirstDifference(const std::vector<Example>& a, const std::vector<Example>& b) {
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
      if (!(a[i] == b[i])) {
        return "; first at " + b[i].figure + ": report.json says \"" + a[i].text +
               "\", the entries give \"" + b[i].text + "\"";
      }
    }
    return "";
  }

  void Figures(const Report& report, const Checkpoint& head, const DecodedEntries& entries,
               bool examples_stated) {
    if (report.size != head.size || report.root != head.root ||
        report.checkpoint != *File("checkpoint.txt")) {
      Problem("report.json: its checkpoint is not checkpoint.txt");
    }
    for (uint64_t seq : report.AllSeqs()) {
      if (!entries.contains(seq))
        Problem("report.json: entry " + std::to_string(seq) + " is not verified in the bundle");
    }
    auto recomputed = CountedFigures(entries, report.scope, report.params);
    if (!recomputed.ok()) return Problem("recomputing: " + recomputed.status().message());
    std::map<std::string, const Figure*> mine;
    for (const Figure& f : recomputed->figures) mine[f.Name()] = &f;
    for (const Figure& f : report.figures) {
      if (f.basis == "engine") {
        ++v.figures_engine;
        continue;
      }
      auto it = mine.find(f.Name());
      if (it == mine.end()) {
        Problem("figure " + f.Name() + ": in report.json but not recomputed from the entries");
        continue;
      }
      if (it->second->value != f.value || it->second->seqs != f.seqs) {
        Problem("figure " + f.Name() + ": report.json says " + json::serialize(f.value) + " (" +
                std::to_string(f.seqs.size()) + " entries), the entries give " +
                json::serialize(it->second->value) + " (" +
                std::to_string(it->second->seqs.size()) + " entries)");
      } else {
        ++v.figures_recomputed;
      }
      mine.erase(it);
    }
    for (const auto& [name, f] : mine) {
      Problem("figure " + name + ": recomputed from the entries but missing from report.json");
    }
    // Bundles made before reports carried examples have no such member:
    // nothing to check, and a note says so.
    if (!examples_stated) {
      v.notes.push_back("report.json states no refusal examples (an older report)");
    } else if (report.examples != recomputed->examples) {
      Problem("report.json: its refusal examples are not those the entries give (" +
              std::to_string(report.examples.size()) + " in report.json, " +
              std::to_string(recomputed->examples.size()) + " recomputed" +
              FirstDifference(report.examples, recomputed->examples) + ")");
    }
    if (v.figures_engine > 0) {
      v.notes.push_back(std::to_string(v.figures_engine) +
                        " figures are derived by the rule engine (median working days, review "
                        "state): their entries are verified, their values not recomputed");
    }
    const std::string* html = File("report.html");
    if (html && *html != report.Html("proofs/", ".json")) {
      Problem("report.html: is not the rendering of report.json");
    }
  }
};

}  // namespace

BundleVerdict VerifyBundle(const ArchiveFiles& files,
                           const std::optional<std::string>& trusted_vkey) {
  Checker c{files, {}};
  c.Manifest();
  auto key = c.Key(trusted_vkey);
  if (!key) return c.v;
  auto head = c.SignedHead("checkpoint.txt", *key);
  if (!head) return c.v;
  c.v.size = head->size;
  DecodedEntries entries = c.Entries(*head);
  c.Consistency(*head, *key);
  const std::string* text = c.File("report.json");
  if (!text) return c.v;
  auto value = ParseStrict(*text);
  auto report = value.ok() ? Report::FromJson(*value) : Result<Report>(value.status());
  if (!report.ok()) {
    c.Problem("report.json: " + report.status().message());
    return c.v;
  }
  c.Figures(*report, *head, entries, value->as_object().contains("examples"));
  return c.v;
}

}  // namespace sharetrail::policy
