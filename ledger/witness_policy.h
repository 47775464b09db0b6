// A witness policy: which witnesses a checkpoint must carry cosignatures
// from before it is trusted. The file format is the Sigsum policy format
// (sigsum-go doc/policy.md), applied to C2SP checkpoints as its Appendix A
// suggests (one policy per log origin; witness names are the key names of
// the cosignature lines):
//
//   # comment                       '#' to end of line; blank lines ignored
//   log <key> [<url>]               a key the log signs checkpoints with
//   witness <name> <key> [<url>]    a cosigner (cosignature/v1, Ed25519)
//   group <name> all|any|<k> <member>...
//   quorum <name>|none              exactly one
//
// A key is either Sigsum's 64 hex digits of the raw Ed25519 key (the log's
// key name is then the checkpoint's origin; the witness's is <name>) or a
// signed-note vkey (type 0x01 for a log, 0x04 for a witness, whose name
// must be <name>). A group or the quorum may only name witnesses and groups
// defined on earlier lines (so there are no cycles), each member at most
// once; k is 1..n. A URL is where the witness takes add-checkpoint (its
// submission prefix); it is needed only to submit, never to verify.
#ifndef SHARETRAIL_LEDGER_WITNESS_POLICY_H_
#define SHARETRAIL_LEDGER_WITNESS_POLICY_H_

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/cosignature.h"
#include "ledger/note.h"
#include "ledger/status.h"

namespace sharetrail {

// Calls fn(words) for each non-blank line of a line-based configuration
// file (this policy, the witness config): '#' starts a comment, spaces and
// tabs separate words, control characters other than tab are refused. An
// error from fn (or a control character) comes back as
// "<where> line N: <message>".
Status ForEachConfigLine(std::string_view text, const std::string& where,
                         const std::function<Status(const std::vector<std::string_view>&)>& fn);

struct PolicyWitness {
  std::string name;
  CosignatureVerifier key;
  std::string url;
};

// The outcome of checking one checkpoint note against a policy.
struct PolicyCheck {
  bool satisfied = false;
  std::vector<std::string> cosigned;  // witnesses with a valid cosignature, in policy order
  std::string missing;                // why the quorum is not met ("" if it is)
};

class WitnessPolicy {
 public:
  // Errors read "<where> line N: what is wrong".
  static Result<WitnessPolicy> Parse(std::string_view text, const std::string& where = "policy");
  static Result<WitnessPolicy> Load(const std::string& path);

  const std::vector<PolicyWitness>& witnesses() const { return witnesses_; }
  // The log's signature (when the policy lists log keys) and then the
  // cosignatures against the quorum. An error if the note is malformed, a
  // listed log key's or witness's line is invalid, or no listed log key
  // signed it; an unmet quorum is a PolicyCheck, not an error.
  Result<PolicyCheck> Check(std::string_view note) const;

 private:
  struct Group {
    size_t k = 0;
    std::vector<std::string> members;
  };
  struct LogKey {
    std::string hex_key;  // raw key, named by the checkpoint origin
    bool has_vkey = false;
    NoteVerifier vkey;
  };
  bool Met(const std::string& name, const std::vector<std::string>& cosigned) const;
  void Explain(const std::string& name, const std::vector<std::string>& cosigned,
               std::string* out) const;
  Status AddLine(const std::vector<std::string_view>& words);

  std::vector<LogKey> logs_;
  std::vector<PolicyWitness> witnesses_;
  std::map<std::string, Group> groups_;
  std::string quorum_;
  bool has_quorum_ = false;
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_WITNESS_POLICY_H_
