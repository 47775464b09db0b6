#include "ledger/backup.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <vector>

#include "ledger/files.h"

namespace sharetrail {
namespace {

constexpr const char* kStore = "data.mdb";

// Names in a directory, without "." and "..".
Result<std::vector<std::string>> List(const std::string& dir) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return Errno("opendir " + dir);
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  closedir(d);
  return names;
}

// Copies one regular file with its permission bits, fsync'd. A file that
// vanished before it could be opened (a vault payload shredded meanwhile)
// is skipped: the backup is as of a moment the file no longer existed.
Status CopyFile(const std::string& src, const std::string& dst, mode_t mode) {
  int in = open(src.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return errno == ENOENT ? Status::Ok() : Errno("open " + src);
  int out = open(dst.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out < 0) {
    close(in);
    return Errno("create " + dst);
  }
  Status s;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = read(in, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) s = Errno("read " + src);
    if (n <= 0) break;
    s = WriteAll(out, std::string_view(buf, static_cast<size_t>(n)), dst);
    if (!s.ok()) break;
  }
  // fchmod, not the open mode: the umask must not loosen or tighten a
  // key file's 0600 or a directory's 0700.
  if (s.ok() && fchmod(out, mode & 07777) != 0) s = Errno("chmod " + dst);
  if (s.ok() && fsync(out) != 0) s = Errno("fsync " + dst);
  close(in);
  close(out);
  return s;
}

// Copies the tree under src into dst (which exists), keeping modes; at the
// top level skips the per-process files and, unless with_store, data.mdb.
Status CopyTree(const std::string& src, const std::string& dst, bool top, bool with_store) {
  ST_ASSIGN_OR_RETURN(std::vector<std::string> names, List(src));
  for (const std::string& name : names) {
    if (top && (name == "lock.mdb" || name == "writer.lock")) continue;
    if (top && !with_store && name == kStore) continue;
    if (name.ends_with(".tmp")) continue;  // a durable write in progress
    std::string from = src + "/" + name, to = dst + "/" + name;
    struct stat st;
    if (stat(from.c_str(), &st) != 0) {
      if (errno == ENOENT) continue;
      return Errno("stat " + from);
    }
    if (S_ISDIR(st.st_mode)) {
      if (mkdir(to.c_str(), 0700) != 0) return Errno("mkdir " + to);
      ST_RETURN_IF_ERROR(CopyTree(from, to, false, with_store));
      if (chmod(to.c_str(), st.st_mode & 07777) != 0) return Errno("chmod " + to);
    } else if (S_ISREG(st.st_mode)) {
      ST_RETURN_IF_ERROR(CopyFile(from, to, st.st_mode));
    } else {
      return FailedPrecondition(from + " is neither a file nor a directory; not backed up");
    }
  }
  return SyncDir(dst);
}

// Creates dir (mode 0700) or accepts it if it is an empty directory.
Status MakeEmptyDir(const std::string& dir, const char* role) {
  if (mkdir(dir.c_str(), 0700) == 0) return Status::Ok();
  if (errno != EEXIST) return Errno("mkdir " + dir);
  struct stat st;
  if (stat(dir.c_str(), &st) != 0) return Errno("stat " + dir);
  if (!S_ISDIR(st.st_mode)) return FailedPrecondition(std::string(role) + " " + dir + " is a file");
  ST_ASSIGN_OR_RETURN(std::vector<std::string> names, List(dir));
  if (!names.empty()) {
    return FailedPrecondition(std::string(role) + " " + dir +
                              " is not empty; refusing to write into it");
  }
  if (chmod(dir.c_str(), 0700) != 0) return Errno("chmod " + dir);
  return Status::Ok();
}

}  // namespace

Status Backup(const Ledger& ledger, const std::string& dest) {
  // A backup inside the ledger would copy itself into itself.
  std::error_code ec;
  auto src = std::filesystem::weakly_canonical(ledger.dir(), ec);
  if (ec) return IOError("resolving " + ledger.dir() + ": " + ec.message());
  auto dst = std::filesystem::weakly_canonical(dest, ec);
  if (ec) return IOError("resolving " + dest + ": " + ec.message());
  auto [s, d] = std::mismatch(src.begin(), src.end(), dst.begin(), dst.end());
  if (s == src.end()) {
    return InvalidArgument("backup directory " + dest + " is inside the ledger directory");
  }
  ST_RETURN_IF_ERROR(MakeEmptyDir(dest, "backup directory"));
  // The store first (see the header): one snapshot, compacted.
  ST_RETURN_IF_ERROR(ledger.store().CopyTo(dest, /*compact=*/true));
  // mdb_env_copy2 writes but does not fsync the copy.
  std::string copy = dest + "/" + kStore;
  int fd = open(copy.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("open " + copy);
  // LMDB creates the copy 0666 less the umask; the log is as private as
  // the ledger's own data.mdb.
  int rc = fchmod(fd, 0600);
  if (rc == 0) rc = fsync(fd);
  close(fd);
  if (rc != 0) return Errno("chmod/fsync " + copy);
  ST_RETURN_IF_ERROR(CopyTree(ledger.dir(), dest, true, /*with_store=*/false));
  return SyncDir(ParentDir(dest));
}

std::string StagingDir(const std::string& target) {
  std::string t = target;
  while (t.size() > 1 && t.back() == '/') t.pop_back();
  return t + ".restoring";
}

Status StageRestore(const std::string& from, const std::string& target) {
  if (access((from + "/" + kStore).c_str(), F_OK) != 0 ||
      access((from + "/signing.key").c_str(), F_OK) != 0) {
    return NotFound(from + " is not a sharetrail backup (no data.mdb and signing.key)");
  }
  struct stat st;
  if (stat(target.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) return FailedPrecondition("restore target " + target + " is a file");
    ST_ASSIGN_OR_RETURN(std::vector<std::string> names, List(target));
    if (!names.empty()) {
      return FailedPrecondition("restore target " + target +
                                " is not empty; refusing to overwrite it");
    }
  }
  std::string staging = StagingDir(target);
  if (mkdir(staging.c_str(), 0700) != 0) {
    if (errno == EEXIST) {
      return FailedPrecondition(staging + " exists (an interrupted restore?); remove it first");
    }
    return Errno("mkdir " + staging);
  }
  Status copied = CopyTree(from, staging, true, /*with_store=*/true);
  // A half-made staging directory would block every later restore.
  if (!copied.ok()) {
    std::error_code ec;
    std::filesystem::remove_all(staging, ec);
  }
  return copied;
}

Status CommitRestore(const std::string& target) {
  std::string staging = StagingDir(target);
  // The target was checked empty when staging; rmdir fails if that changed.
  if (rmdir(target.c_str()) != 0 && errno != ENOENT) return Errno("rmdir " + target);
  if (rename(staging.c_str(), target.c_str()) != 0) return Errno("rename " + staging);
  return SyncDir(ParentDir(target));
}

Status DiscardRestore(const std::string& target) {
  std::error_code ec;
  std::filesystem::remove_all(StagingDir(target), ec);
  if (ec) return IOError("removing " + StagingDir(target) + ": " + ec.message());
  return Status::Ok();
}

}  // namespace sharetrail
