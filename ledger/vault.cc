#include "ledger/vault.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "ledger/files.h"
#include "ledger/keys.h"

namespace sharetrail {
namespace {

// Ids become file names: the ledger's id alphabet, never "." or "..".
Status CheckId(std::string_view id) {
  bool ok = !id.empty() && id.size() <= 128 &&
            ((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9'));
  for (char c : id) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                c == ':' || c == '-');
  }
  if (!ok) return InvalidArgument("vault id \"" + std::string(id) + "\" is not a valid id");
  return Status::Ok();
}

bool Exists(const std::string& path) { return access(path.c_str(), F_OK) == 0; }

}  // namespace

Result<std::unique_ptr<Vault>> Vault::Open(const std::string& ledger_dir) {
  std::string dir = ledger_dir + "/vault";
  for (const std::string& d : {dir, dir + "/keys", dir + "/data"}) {
    if (mkdir(d.c_str(), 0700) != 0 && errno != EEXIST) return Errno("mkdir " + d);
  }
  return std::unique_ptr<Vault>(new Vault(dir));
}

std::string Vault::KeyPath(std::string_view id) const {
  return dir_ + "/keys/" + std::string(id) + ".key";
}
std::string Vault::DataPath(std::string_view id) const {
  return dir_ + "/data/" + std::string(id) + ".bin";
}

Status Vault::Put(std::string_view id, std::string_view payload) {
  ST_RETURN_IF_ERROR(CheckId(id));
  if (Exists(KeyPath(id)) || Exists(DataPath(id))) {
    return FailedPrecondition("the vault already holds a payload (or its remnant) for " +
                              std::string(id));
  }
  ST_ASSIGN_OR_RETURN(std::string key, RandomBytes(kAeadKeySize));
  ST_ASSIGN_OR_RETURN(std::string sealed, AeadSeal(key, payload, id));
  ST_RETURN_IF_ERROR(WriteDurably(dir_ + "/keys", KeyPath(id), key));
  return WriteDurably(dir_ + "/data", DataPath(id), sealed);
}

Result<std::string> Vault::Get(std::string_view id) const {
  ST_RETURN_IF_ERROR(CheckId(id));
  auto key = ReadFile(KeyPath(id));
  auto sealed = ReadFile(DataPath(id));
  if (!key.ok() || !sealed.ok()) {
    if ((!key.ok() && key.status().code() != Code::kNotFound) ||
        (!sealed.ok() && sealed.status().code() != Code::kNotFound)) {
      return !key.ok() ? key.status() : sealed.status();
    }
    return NotFound("the vault holds no payload for " + std::string(id) +
                    " (never stored, or shredded)");
  }
  if (key->size() != kAeadKeySize) {
    return NotFound("the key for " + std::string(id) + " was destroyed");
  }
  return AeadOpen(*key, *sealed, id);
}

Status Vault::Shred(std::string_view id) {
  ST_RETURN_IF_ERROR(CheckId(id));
  std::string key_path = KeyPath(id);
  int fd = open(key_path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd >= 0) {
    // Overwrite in place before unlinking, so the key's blocks do not
    // survive the unlink with the key still in them.
    auto noise = RandomBytes(kAeadKeySize + 1);  // a different length marks it destroyed
    Status s = noise.ok() ? WriteAll(fd, *noise, key_path) : noise.status();
    if (s.ok() && fsync(fd) != 0) s = Errno("fsync " + key_path);
    close(fd);
    ST_RETURN_IF_ERROR(s);
    if (unlink(key_path.c_str()) != 0 && errno != ENOENT) return Errno("unlink " + key_path);
    ST_RETURN_IF_ERROR(SyncDir(dir_ + "/keys"));
  } else if (errno != ENOENT) {
    return Errno("open " + key_path);
  }
  std::string data_path = DataPath(id);
  if (unlink(data_path.c_str()) != 0 && errno != ENOENT) return Errno("unlink " + data_path);
  return SyncDir(dir_ + "/data");
}

Result<bool> Vault::Holds(std::string_view id) const {
  ST_RETURN_IF_ERROR(CheckId(id));
  return Exists(KeyPath(id)) || Exists(DataPath(id));
}

Result<std::vector<std::string>> Vault::List() const {
  std::set<std::string> ids;
  for (const char* sub : {"/keys", "/data"}) {
    std::string d = dir_ + sub;
    DIR* dir = opendir(d.c_str());
    if (dir == nullptr) return Errno("opendir " + d);
    while (dirent* e = readdir(dir)) {
      std::string name = e->d_name;
      size_t dot = name.rfind('.');
      if (dot == std::string::npos || name.ends_with(".tmp")) continue;
      std::string ext = name.substr(dot);
      if (ext == ".key" || ext == ".bin") ids.insert(name.substr(0, dot));
    }
    closedir(dir);
  }
  return std::vector<std::string>(ids.begin(), ids.end());
}

}  // namespace sharetrail
