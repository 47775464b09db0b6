#include "ledger/cosigned_store.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include "ledger/files.h"
#include "ledger/hash.h"

namespace sharetrail {

std::string CosignedDir(const std::string& ledger_dir) { return ledger_dir + "/cosigned"; }

std::string CosignedNotePath(const std::string& ledger_dir, const std::string& witness) {
  // Witness names are arbitrary key names; their hash is a safe file name.
  return CosignedDir(ledger_dir) + "/" + Sha256Hex(witness) + ".note";
}

Status KeepCosignedNote(const std::string& ledger_dir, const std::string& witness,
                        std::string_view note) {
  std::string dir = CosignedDir(ledger_dir);
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Errno("mkdir " + dir);
  return WriteDurably(dir, CosignedNotePath(ledger_dir, witness), note);
}

Result<std::vector<Note>> KeptCosignedNotes(const std::string& ledger_dir) {
  std::vector<Note> out;
  std::string dir = CosignedDir(ledger_dir);
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) {
    if (errno == ENOENT) return out;
    return Errno("opendir " + dir);
  }
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name.size() > 5 && name.ends_with(".note")) names.push_back(name);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    ST_ASSIGN_OR_RETURN(std::string bytes, ReadFile(dir + "/" + name));
    Result<Note> n = Note::Parse(bytes);
    if (!n.ok()) return n.status().WithContext(dir + "/" + name + ": ");
    out.push_back(std::move(n).value());
  }
  return out;
}

Result<std::string> AddKeptCosignatures(const std::string& ledger_dir, std::string_view note) {
  ST_ASSIGN_OR_RETURN(Note n, Note::Parse(note));
  ST_ASSIGN_OR_RETURN(std::vector<Note> kept, KeptCosignedNotes(ledger_dir));
  for (const Note& k : kept) {
    if (k.text != n.text) continue;
    for (const NoteSignature& s : k.signatures) {
      bool have =
          std::any_of(n.signatures.begin(), n.signatures.end(), [&](const NoteSignature& o) {
            return o.name == s.name && o.key_id == s.key_id && o.signature == s.signature;
          });
      if (!have) n.signatures.push_back(s);
    }
  }
  return n.Format();
}

}  // namespace sharetrail
