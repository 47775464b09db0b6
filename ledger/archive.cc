#include "ledger/archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace sharetrail {
namespace {

// Archives larger than this are refused on reading: a bundle is a year of
// one ledger's entries, and this bounds the memory a hostile file can take.
constexpr size_t kMaxTotal = size_t{1} << 31;

struct ArchiveCloser {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct ReaderCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};
struct EntryCloser {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

Status ArchiveError(archive* a, const std::string& what) {
  const char* m = archive_error_string(a);
  return IOError(what + ": " + (m ? m : "libarchive error"));
}

la_ssize_t WriteToString(archive*, void* out, const void* buf, size_t n) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buf), n);
  return static_cast<la_ssize_t>(n);
}

bool SafeName(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

Result<std::string> WriteTarGz(const ArchiveFiles& files, int64_t mtime) {
  std::unique_ptr<archive, ArchiveCloser> a(archive_write_new());
  if (!a) return Internal("archive_write_new failed");
  std::string out;
  if (archive_write_set_format_pax_restricted(a.get()) != ARCHIVE_OK ||
      archive_write_add_filter_gzip(a.get()) != ARCHIVE_OK ||
      // The gzip header would otherwise carry the time of writing.
      archive_write_set_filter_option(a.get(), "gzip", "timestamp", nullptr) != ARCHIVE_OK ||
      archive_write_set_bytes_in_last_block(a.get(), 1) != ARCHIVE_OK ||
      archive_write_open2(a.get(), &out, nullptr, WriteToString, nullptr, nullptr) != ARCHIVE_OK) {
    return ArchiveError(a.get(), "tar.gz");
  }
  for (const auto& [name, content] : files) {
    if (!SafeName(name)) return InvalidArgument("archive member name \"" + name + "\"");
    std::unique_ptr<archive_entry, EntryCloser> e(archive_entry_new());
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(content.size()));
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0644);
    archive_entry_set_mtime(e.get(), mtime, 0);
    if (archive_write_header(a.get(), e.get()) != ARCHIVE_OK) {
      return ArchiveError(a.get(), name);
    }
    if (!content.empty() && archive_write_data(a.get(), content.data(), content.size()) !=
                                static_cast<la_ssize_t>(content.size())) {
      return ArchiveError(a.get(), name);
    }
  }
  if (archive_write_close(a.get()) != ARCHIVE_OK) return ArchiveError(a.get(), "tar.gz");
  return out;
}

Result<ArchiveFiles> ReadTarGz(std::string_view bytes) {
  std::unique_ptr<archive, ReaderCloser> a(archive_read_new());
  if (!a) return Internal("archive_read_new failed");
  if (archive_read_support_filter_gzip(a.get()) != ARCHIVE_OK ||
      archive_read_support_format_tar(a.get()) != ARCHIVE_OK ||
      archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return ArchiveError(a.get(), "not a gzip tar archive");
  }
  ArchiveFiles files;
  size_t total = 0;
  archive_entry* e = nullptr;
  for (;;) {
    int r = archive_read_next_header(a.get(), &e);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK) return ArchiveError(a.get(), "reading the archive");
    const char* path = archive_entry_pathname(e);
    std::string name = path ? path : "";
    if (archive_entry_filetype(e) != AE_IFREG) {
      return InvalidArgument("archive member \"" + name + "\" is not a regular file");
    }
    if (!SafeName(name)) return InvalidArgument("archive member name \"" + name + "\"");
    if (files.contains(name)) return InvalidArgument("archive member \"" + name + "\" twice");
    la_int64_t size = archive_entry_size(e);
    if (size < 0 || total + static_cast<size_t>(size) > kMaxTotal) {
      return InvalidArgument("archive too large");
    }
    std::string content(static_cast<size_t>(size), '\0');
    if (size > 0 && archive_read_data(a.get(), content.data(), content.size()) != size) {
      return ArchiveError(a.get(), name);
    }
    total += content.size();
    files.emplace(std::move(name), std::move(content));
  }
  return files;
}

}  // namespace sharetrail
