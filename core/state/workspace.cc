#include "core/state/workspace.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <stdio.h>

#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/exec/unique_fd.h"
#include "core/record/file_output.h"
#include "core/state/run_id.h"

namespace gantry::state {

namespace fs = std::filesystem;
using exec::UniqueFd;

namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

absl::Status PathError(int err, absl::string_view what, const fs::path& path) {
  return absl::ErrnoToStatus(err, absl::StrCat(what, " '", path.string(), "'"));
}

bool IsSkippedName(const char* name) {
  return std::strcmp(name, ".git") == 0 || std::strcmp(name, ".gantry") == 0;
}

// The names in the directory open at `dir_fd`, without "." and "..". Reading them all
// first lets callers change the directory (and keeps one descriptor per level at most).
absl::StatusOr<std::vector<std::string>> ListDir(int dir_fd, const fs::path& path) {
  const int fd = fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
  if (fd < 0) return PathError(errno, "cannot read directory", path);
  DIR* dir = fdopendir(fd);
  if (dir == nullptr) {
    const int err = errno;
    close(fd);
    return PathError(err, "cannot read directory", path);
  }
  // A dup shares the offset: start from the beginning whatever was read before.
  rewinddir(dir);
  std::vector<std::string> names;
  while (true) {
    errno = 0;
    const struct dirent* entry = readdir(dir);
    if (entry == nullptr) {
      const int err = errno;
      closedir(dir);
      if (err != 0) return PathError(err, "cannot read directory", path);
      return names;
    }
    if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0) continue;
    names.emplace_back(entry->d_name);
  }
}

mode_t KeptPermissions(mode_t mode) { return mode & 01777; }  // no setuid/setgid

// Gives the copy at `fd` its mode and the times of the original `from`. Last, so that
// filling a directory neither needs its final mode nor disturbs its times.
absl::Status SetModeAndTimes(int fd, mode_t mode, const struct stat& from, const fs::path& path) {
  if (fchmod(fd, mode) != 0) return PathError(errno, "cannot set mode of", path);
  const struct timespec times[2] = {from.st_atim, from.st_mtim};
  if (futimens(fd, times) != 0) return PathError(errno, "cannot set times of", path);
  return absl::OkStatus();
}

class TreeCopier {
 public:
  // `source`: as the paths below it are spelt.
  TreeCopier(const struct stat& dest_root, const fs::path& source)
      : root_(dest_root), source_(source.lexically_normal()) {}

  const CopyStats& stats() const { return stats_; }

  absl::Status CopyContents(int src_dir, int dst_dir, const fs::path& src_path,
                            const fs::path& dst_path) {
    absl::StatusOr<std::vector<std::string>> names = ListDir(src_dir, src_path);
    if (!names.ok()) return names.status();
    for (const std::string& name : *names) {
      if (IsSkippedName(name.c_str())) {
        ++stats_.skipped;
        continue;
      }
      absl::Status s = CopyEntry(src_dir, dst_dir, name, src_path / name, dst_path / name);
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  }

 private:
  absl::Status CopyEntry(int src_dir, int dst_dir, const std::string& name,
                         const fs::path& src_path, const fs::path& dst_path) {
    struct stat st;
    if (fstatat(src_dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      return PathError(errno, "cannot read", src_path);
    }
    if (S_ISDIR(st.st_mode)) {
      // The workspace itself, met inside its source: do not copy it into itself.
      if (st.st_dev == root_.st_dev && st.st_ino == root_.st_ino) {
        ++stats_.skipped;
        return absl::OkStatus();
      }
      return CopyDirectory(src_dir, dst_dir, name, st, src_path, dst_path);
    }
    if (S_ISREG(st.st_mode)) return CopyFile(src_dir, dst_dir, name, src_path, dst_path);
    if (S_ISLNK(st.st_mode)) return CopySymlink(src_dir, dst_dir, name, st, src_path, dst_path);
    ++stats_.skipped;
    return absl::OkStatus();
  }

  absl::Status CopyDirectory(int src_dir, int dst_dir, const std::string& name,
                             const struct stat& st, const fs::path& src_path,
                             const fs::path& dst_path) {
    UniqueFd src(openat(src_dir, name.c_str(), kDirFlags));
    if (!src.valid()) return PathError(errno, "cannot open directory", src_path);
    // Owner-only and writable while being filled; the source's mode comes last.
    if (mkdirat(dst_dir, name.c_str(), 0700) != 0) {
      return PathError(errno, "cannot create directory", dst_path);
    }
    UniqueFd dst(openat(dst_dir, name.c_str(), kDirFlags));
    if (!dst.valid()) return PathError(errno, "cannot open directory", dst_path);
    ++stats_.directories;
    if (absl::Status s = CopyContents(src.get(), dst.get(), src_path, dst_path); !s.ok()) {
      return s;
    }
    return SetModeAndTimes(dst.get(), KeptPermissions(st.st_mode), st, dst_path);
  }

  // `follow`: `name` is a symlink whose target's content is copied (LeadsOutside).
  absl::Status CopyFile(int src_dir, int dst_dir, const std::string& name, const fs::path& src_path,
                        const fs::path& dst_path, bool follow = false) {
    // O_NONBLOCK: should the entry have become a FIFO since fstatat, open must not hang.
    UniqueFd src(openat(src_dir, name.c_str(),
                        O_RDONLY | O_CLOEXEC | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW)));
    if (!src.valid()) return PathError(errno, "cannot open", src_path);
    struct stat st;
    if (fstat(src.get(), &st) != 0) return PathError(errno, "cannot read", src_path);
    if (!S_ISREG(st.st_mode)) {
      ++stats_.skipped;
      return absl::OkStatus();
    }
    UniqueFd dst(
        openat(dst_dir, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!dst.valid()) return PathError(errno, "cannot create", dst_path);
    if (ioctl(dst.get(), FICLONE, src.get()) == 0) {
      ++stats_.reflinked;
    } else if (absl::Status s = CopyData(src.get(), dst.get(), src_path, dst_path); !s.ok()) {
      return s;
    }
    ++stats_.files;
    stats_.bytes += static_cast<uint64_t>(st.st_size);
    return SetModeAndTimes(dst.get(), KeptPermissions(st.st_mode), st, dst_path);
  }

  // Copies everything from the current offset of `src` to `dst`: copy_file_range(2)
  // (in-kernel, and itself a clone on some file systems), else read/write.
  static absl::Status CopyData(int src, int dst, const fs::path& src_path,
                               const fs::path& dst_path) {
    bool use_range = true;
    while (use_range) {
      const ssize_t n = copy_file_range(src, nullptr, dst, nullptr, size_t{1} << 30, 0);
      if (n > 0) continue;
      if (n == 0) {
        // End of file; or a file system (procfs-like) that reports its size as zero:
        // the read loop below settles which.
        use_range = false;
        break;
      }
      if (errno == EINTR) continue;
      if (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP ||
          errno == EPERM || errno == ETXTBSY) {
        use_range = false;
        break;
      }
      return PathError(errno, absl::StrCat("cannot copy to '", dst_path.string(), "' from"),
                       src_path);
    }
    // Most files are copied by now, and a read of a few bytes says so; a buffer for the
    // rest is made only when bytes remain (allocating and filling 128 KiB for every file
    // copied made most of a workspace's copy time under TSan).
    char first[4096];
    ssize_t n = ReadSome(src, first, sizeof first);
    if (n > 0) {
      if (absl::Status s = WriteAll(dst, first, n, dst_path); !s.ok()) return s;
      std::vector<char> buf(size_t{128} << 10);
      while ((n = ReadSome(src, buf.data(), buf.size())) > 0) {
        if (absl::Status s = WriteAll(dst, buf.data(), n, dst_path); !s.ok()) return s;
      }
    }
    return n == 0 ? absl::OkStatus() : PathError(errno, "cannot read", src_path);
  }

  // read(2), again on EINTR.
  static ssize_t ReadSome(int fd, char* buf, size_t size) {
    ssize_t n;
    do n = read(fd, buf, size);
    while (n < 0 && errno == EINTR);
    return n;
  }

  // Writes the `size` bytes at `data` to `fd`, whole (record::WriteGathered).
  static absl::Status WriteAll(int fd, char* data, ssize_t size, const fs::path& path) {
    iovec piece{data, static_cast<size_t>(size)};
    const int error = record::WriteGathered(fd, &piece, 1);
    return error == 0 ? absl::OkStatus() : PathError(error, "cannot write", path);
  }

  absl::Status CopySymlink(int src_dir, int dst_dir, const std::string& name, const struct stat& st,
                           const fs::path& src_path, const fs::path& dst_path) {
    std::string target(static_cast<size_t>(st.st_size > 0 ? st.st_size : 255) + 1, '\0');
    while (true) {
      const ssize_t n = readlinkat(src_dir, name.c_str(), target.data(), target.size());
      if (n < 0) return PathError(errno, "cannot read symlink", src_path);
      if (static_cast<size_t>(n) < target.size()) {
        target.resize(static_cast<size_t>(n));
        break;
      }
      target.resize(target.size() * 2);  // grew since fstatat
    }
    if (LeadsOutside(src_path, target))
      return CopyOutside(src_dir, dst_dir, name, st, src_path, dst_path);
    return MakeSymlink(dst_dir, name, target, st, dst_path);
  }

  // Whether the link at `link_path` to `target` leads out of the source: absolute, or
  // with more `..` than it is deep. Copied as it is, such a link would lead elsewhere from
  // the workspace (a relative one: into .gantry, maybe another component's workspace),
  // and a tool writing through it would write outside the workspace.
  bool LeadsOutside(const fs::path& link_path, const std::string& target) const {
    const fs::path to(target);
    if (to.is_absolute()) return true;
    const fs::path inside = (DirInSource(link_path) / to).lexically_normal();
    return inside.empty() || *inside.begin() == "..";
  }

  // The directory holding `path`, relative to the source's root. The copy descends only
  // into real directories, so this is also where that directory really is.
  fs::path DirInSource(const fs::path& path) const {
    return path.parent_path().lexically_normal().lexically_relative(source_);
  }

  // A link out of the source, followed: a file's content is copied (nothing written to
  // it leaves the workspace); a directory (a shared module, say) is linked by its real
  // path, or by a relative one when that is back inside the source, so it is neither
  // copied for every run nor written to through the source; a link to nothing, or to a
  // device, FIFO or socket, is left out.
  absl::Status CopyOutside(int src_dir, int dst_dir, const std::string& name,
                           const struct stat& link, const fs::path& src_path,
                           const fs::path& dst_path) {
    struct stat target;
    const bool found = fstatat(src_dir, name.c_str(), &target, 0) == 0;
    if (found && S_ISREG(target.st_mode))
      return CopyFile(src_dir, dst_dir, name, src_path, dst_path, /*follow=*/true);
    std::error_code error;  // canonical() gives an empty path on error
    const fs::path real = found && S_ISDIR(target.st_mode) ? fs::canonical(src_path, error) : "";
    if (real.empty()) {
      ++stats_.skipped;
      return absl::OkStatus();
    }
    if (!real_source_) real_source_ = fs::canonical(source_, error);
    const fs::path in_source = real.lexically_relative(*real_source_);
    const bool back_inside = !in_source.empty() && *in_source.begin() != "..";
    const fs::path to = back_inside ? in_source.lexically_relative(DirInSource(src_path)) : real;
    return MakeSymlink(dst_dir, name, to.string(), link, dst_path);
  }

  absl::Status MakeSymlink(int dst_dir, const std::string& name, const std::string& target,
                           const struct stat& st, const fs::path& dst_path) {
    if (symlinkat(target.c_str(), dst_dir, name.c_str()) != 0) {
      return PathError(errno, "cannot create symlink", dst_path);
    }
    const struct timespec times[2] = {st.st_atim, st.st_mtim};
    if (utimensat(dst_dir, name.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0 && errno != EOPNOTSUPP) {
      return PathError(errno, "cannot set times of", dst_path);
    }
    ++stats_.symlinks;
    return absl::OkStatus();
  }

  struct stat root_;
  const fs::path source_;
  std::optional<fs::path> real_source_;  // resolved when a link out of it is met
  CopyStats stats_;
};

// Fills the freshly made, empty directory `dest` with a copy of `source`.
absl::StatusOr<CopyStats> CopyInto(const fs::path& source, const fs::path& dest) {
  if (source.empty()) return CopyStats();
  // The root may be a symlink to the source (followed); nothing below it is.
  UniqueFd src(open(source.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!src.valid()) {
    if (errno == ENOTDIR) {
      return absl::InvalidArgumentError(
          absl::StrCat("source '", source.string(), "' is not a directory"));
    }
    if (errno == ENOENT) {
      return absl::NotFoundError(
          absl::StrCat("source directory '", source.string(), "' does not exist"));
    }
    return PathError(errno, "cannot open source directory", source);
  }
  UniqueFd dst(open(dest.c_str(), kDirFlags));
  if (!dst.valid()) return PathError(errno, "cannot open", dest);
  struct stat src_st;
  struct stat dst_st;
  if (fstat(src.get(), &src_st) != 0) return PathError(errno, "cannot read", source);
  if (fstat(dst.get(), &dst_st) != 0) return PathError(errno, "cannot read", dest);
  TreeCopier copier(dst_st, source);
  if (absl::Status s = copier.CopyContents(src.get(), dst.get(), source, dest); !s.ok()) return s;
  if (absl::Status s =
          SetModeAndTimes(dst.get(), KeptPermissions(src_st.st_mode) | S_IRWXU, src_st, dest);
      !s.ok()) {
    return s;
  }
  return copier.stats();
}

// Checks the source before anything is created, so a bad source leaves nothing behind
// and is not mistaken for a problem with the destination.
absl::Status CheckSource(const fs::path& source) {
  if (source.empty()) return absl::OkStatus();
  struct stat st;
  if (stat(source.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return absl::NotFoundError(
          absl::StrCat("source directory '", source.string(), "' does not exist"));
    }
    return PathError(errno, "cannot read source directory", source);
  }
  if (!S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(
        absl::StrCat("source '", source.string(), "' is not a directory"));
  }
  return absl::OkStatus();
}

// mkdir of a workspace root: its parent must exist. The expected failures are built
// without strerror: callers retry NotFound from many threads at once, and TSan reports
// the uninstrumented system Abseil's strerror cache as a race.
absl::Status MakeRoot(const fs::path& dest) {
  if (mkdir(dest.c_str(), 0755) == 0) return absl::OkStatus();
  if (errno == EEXIST) {
    return absl::AlreadyExistsError(absl::StrCat("'", dest.string(), "' already exists"));
  }
  if (errno == ENOENT) {
    return absl::NotFoundError(
        absl::StrCat("cannot create directory '", dest.string(), "': its parent is missing"));
  }
  return PathError(errno, "cannot create directory", dest);
}

// Renames `spare` (an empty directory, see RecycleWorkspace) to `dest`, or removes it
// and makes `dest` afresh: MakeRoot's statuses either way.
absl::Status MoveSpare(const fs::path& spare, const fs::path& dest) {
  if (renameat2(AT_FDCWD, spare.c_str(), AT_FDCWD, dest.c_str(), RENAME_NOREPLACE) == 0) {
    return absl::OkStatus();
  }
  const int err = errno;
  rmdir(spare.c_str());  // Never lost: it is empty.
  if (err == EEXIST) {
    return absl::AlreadyExistsError(absl::StrCat("'", dest.string(), "' already exists"));
  }
  return MakeRoot(dest);  // A missing parent, or a file system without RENAME_NOREPLACE.
}

// rmdir of each parent of `dir` left empty by a nested name (a/b), up to but not
// including workspaces/<run>/, which RemoveRunWorkspaces removes once at the end of the
// run (so that components do not remake it one after another). Best effort: rmdir fails
// on a directory that still holds another component's workspace, as it should.
void PruneEmptyParents(const Layout& layout, std::string_view run, const fs::path& dir) {
  const fs::path stop = layout.RunWorkspacesDir(run);
  for (fs::path p = dir.parent_path(); p != stop && p.has_relative_path() && p != p.parent_path();
       p = p.parent_path()) {
    if (rmdir(p.c_str()) != 0) break;
  }
}

// True when `dir` is a directory (not a symlink) with nothing in it.
// The mode of `dir` if it is an empty directory; nullopt if not (or it cannot tell).
std::optional<mode_t> EmptyDirMode(const fs::path& dir) {
  const UniqueFd fd(open(dir.c_str(), kDirFlags));
  if (!fd.valid()) return std::nullopt;
  const absl::StatusOr<std::vector<std::string>> names = ListDir(fd.get(), dir);
  struct stat st;
  if (!names.ok() || !names->empty() || fstat(fd.get(), &st) != 0) return std::nullopt;
  return st.st_mode & 07777;
}

// The mode mkdir(2) gives a new directory asked for 0755: 0755 less the process's umask,
// read once from /proc (umask(2) cannot read it without setting it, which other threads
// would see). nullopt when /proc cannot tell.
std::optional<mode_t> NewDirMode() {
  static const std::optional<mode_t> mode = []() -> std::optional<mode_t> {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("Umask:", 0) == 0) {
        return static_cast<mode_t>(0755 & ~std::strtoul(line.c_str() + 6, nullptr, 8));
      }
    }
    return std::nullopt;
  }();
  return mode;
}

absl::StatusOr<CopyStats> FillOrRemove(const fs::path& source, const fs::path& dest) {
  absl::StatusOr<CopyStats> stats = CopyInto(source, dest);
  if (!stats.ok()) (void)RemoveTree(dest);
  return stats;
}

class TreeRemover {
 public:
  uint64_t bytes() const { return bytes_; }
  const absl::Status& first_error() const { return first_error_; }

  // Removes everything inside the directory open at `dir_fd`.
  void RemoveContents(int dir_fd, const fs::path& path) {
    absl::StatusOr<std::vector<std::string>> names = ListDir(dir_fd, path);
    if (!names.ok()) {
      Note(names.status());
      return;
    }
    for (const std::string& name : *names) RemoveEntry(dir_fd, name, path / name);
  }

  // Removes the entry `name` of the directory open at `parent_fd`.
  void RemoveEntry(int parent_fd, const std::string& name, const fs::path& path) {
    struct stat st;
    if (fstatat(parent_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno != ENOENT) Note(PathError(errno, "cannot remove", path));
      return;
    }
    if (!S_ISDIR(st.st_mode)) {
      if (unlinkat(parent_fd, name.c_str(), 0) == 0) {
        if (S_ISREG(st.st_mode)) bytes_ += static_cast<uint64_t>(st.st_size);
      } else if (errno != ENOENT) {
        Note(PathError(errno, "cannot remove", path));
      }
      return;
    }
    if ((st.st_mode & S_IRWXU) != S_IRWXU &&
        fchmodat(parent_fd, name.c_str(), (st.st_mode & 07777) | S_IRWXU, 0) != 0) {
      Note(PathError(errno, "cannot make writable to remove it", path));
      return;
    }
    UniqueFd fd(openat(parent_fd, name.c_str(), kDirFlags));
    if (!fd.valid()) {
      if (errno != ENOENT) Note(PathError(errno, "cannot open directory", path));
      return;
    }
    RemoveContents(fd.get(), path);
    fd.reset();
    if (unlinkat(parent_fd, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
      Note(PathError(errno, "cannot remove directory", path));
    }
  }

  void Note(absl::Status status) {
    if (first_error_.ok()) first_error_ = std::move(status);
  }

 private:
  uint64_t bytes_ = 0;
  absl::Status first_error_;
};

}  // namespace

absl::StatusOr<uint64_t> RemoveTree(const fs::path& path) {
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const std::string name = path.filename().string();
  if (name.empty() || name == "." || name == "..") {
    return absl::InvalidArgumentError(
        absl::StrCat("refusing to remove '", path.string(), "': not a plain entry name"));
  }
  UniqueFd parent_fd(open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!parent_fd.valid()) {
    if (errno == ENOENT) return uint64_t{0};
    return PathError(errno, "cannot open directory", parent);
  }
  TreeRemover remover;
  remover.RemoveEntry(parent_fd.get(), name, path);
  if (!remover.first_error().ok()) return remover.first_error();
  return remover.bytes();
}

absl::StatusOr<CopyStats> CopyTree(const fs::path& source, const fs::path& dest) {
  if (absl::Status s = CheckSource(source); !s.ok()) return s;
  if (absl::Status s = EnsureDir(dest.parent_path()); !s.ok()) return s;
  if (absl::Status s = MakeRoot(dest); !s.ok()) return s;
  return FillOrRemove(source, dest);
}

absl::StatusOr<fs::path> CreateWorkspace(const Layout& layout, std::string_view run,
                                         std::string_view component, const fs::path& source,
                                         CopyStats* stats, const fs::path* spare) {
  if (!IsValidRunId(absl::string_view(run.data(), run.size()))) {
    if (spare != nullptr) rmdir(spare->c_str());
    return absl::InvalidArgumentError(absl::StrCat("'", std::string(run), "' is not a run id"));
  }
  if (absl::Status s = CheckSource(source); !s.ok()) {
    if (spare != nullptr) rmdir(spare->c_str());
    return s;
  }
  const fs::path dest = layout.WorkspaceDir(run, component);
  absl::Status made = spare != nullptr ? MoveSpare(*spare, dest) : MakeRoot(dest);
  // The parents usually exist (the run's directory is made once): `dest` alone was tried
  // first. A sibling's RemoveWorkspace may prune an empty nested parent while we create
  // the parents or `dest` inside them (NotFound): then create the parents again.
  for (int attempt = 0; absl::IsNotFound(made) && attempt < 100; ++attempt) {
    made = EnsureDir(dest.parent_path());
    if (made.ok()) made = MakeRoot(dest);
  }
  if (absl::IsAlreadyExists(made)) {
    return absl::AlreadyExistsError(
        absl::StrCat("workspace '", dest.string(), "' already exists: remove it first"));
  }
  if (!made.ok()) return made;
  absl::StatusOr<CopyStats> copied = FillOrRemove(source, dest);
  if (!copied.ok()) {
    return absl::Status(copied.status().code(),
                        absl::StrCat("cannot create the workspace of '", std::string(component),
                                     "': ", copied.status().message()));
  }
  if (stats != nullptr) *stats = *copied;
  return dest;
}

absl::Status RemoveWorkspace(const Layout& layout, std::string_view run,
                             std::string_view component) {
  if (!IsValidRunId(absl::string_view(run.data(), run.size()))) {
    return absl::InvalidArgumentError(absl::StrCat("'", std::string(run), "' is not a run id"));
  }
  const fs::path dir = layout.WorkspaceDir(run, component);
  // Most workspaces are empty or gone by now: one rmdir settles those.
  if (rmdir(dir.c_str()) != 0 && errno != ENOENT) {
    if (absl::StatusOr<uint64_t> removed = RemoveTree(dir); !removed.ok()) {
      return removed.status();
    }
  }
  PruneEmptyParents(layout, run, dir);
  return absl::OkStatus();
}

absl::StatusOr<bool> RecycleWorkspace(const Layout& layout, std::string_view run,
                                      std::string_view component, const fs::path& spare) {
  if (!IsValidRunId(absl::string_view(run.data(), run.size()))) {
    return absl::InvalidArgumentError(absl::StrCat("'", std::string(run), "' is not a run id"));
  }
  const fs::path dir = layout.WorkspaceDir(run, component);
  const std::optional<mode_t> mode = NewDirMode();
  const std::optional<mode_t> now = mode ? EmptyDirMode(dir) : std::nullopt;
  bool moved = false;
  if (now && renameat2(AT_FDCWD, dir.c_str(), AT_FDCWD, spare.c_str(), RENAME_NOREPLACE) == 0) {
    // The component may have changed its directory's mode: give it the one mkdir would.
    moved = *now == *mode || chmod(spare.c_str(), *mode) == 0;
    if (!moved) rmdir(spare.c_str());
  }
  if (!moved) {
    if (absl::Status removed = RemoveWorkspace(layout, run, component); !removed.ok()) {
      return removed;
    }
    return false;
  }
  PruneEmptyParents(layout, run, dir);
  return true;
}

absl::Status RemoveRunWorkspaces(const Layout& layout, std::string_view run) {
  if (!IsValidRunId(absl::string_view(run.data(), run.size()))) {
    return absl::InvalidArgumentError(absl::StrCat("'", std::string(run), "' is not a run id"));
  }
  const fs::path dir = layout.RunWorkspacesDir(run);
  if (rmdir(dir.c_str()) == 0 || errno == ENOENT || errno == ENOTEMPTY || errno == EEXIST) {
    return absl::OkStatus();
  }
  return PathError(errno, "cannot remove directory", dir);
}

}  // namespace gantry::state
