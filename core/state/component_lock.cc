#include "core/state/component_lock.h"

#include <fcntl.h>

#include <cerrno>
#include <cstdint>
#include <string>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/record/journal_reader.h"
#include "core/state/fnv1a.h"
#include "core/state/run_id.h"
#include "core/state/run_liveness.h"

namespace gantry::state {

namespace fs = std::filesystem;

namespace {

// One attempt at the byte: true when locked, false when another description holds it.
absl::StatusOr<bool> TryLockByte(int fd, off_t byte, const fs::path& path) {
  struct flock range = {};
  range.l_type = F_WRLCK;
  range.l_whence = SEEK_SET;
  range.l_start = byte;
  range.l_len = 1;
  while (fcntl(fd, F_OFD_SETLK, &range) != 0) {
    if (errno == EAGAIN || errno == EACCES) return false;
    if (errno != EINTR) {
      return absl::ErrnoToStatus(errno, absl::StrCat("cannot lock '", path.string(), "'"));
    }
  }
  return true;
}

absl::StatusOr<exec::UniqueFd> OpenLockFile(const fs::path& path) {
  constexpr int kFlags = O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW;
  exec::UniqueFd fd(open(path.c_str(), kFlags, 0644));
  if (!fd.valid() && errno == ENOENT) {
    // Only the target's first lock pays for creating locks/.
    if (absl::Status s = EnsureDir(path.parent_path()); !s.ok()) return s;
    fd.reset(open(path.c_str(), kFlags, 0644));
  }
  if (!fd.valid()) {
    return absl::ErrnoToStatus(errno, absl::StrCat("cannot open lock file '", path.string(), "'"));
  }
  return fd;
}

}  // namespace

off_t ComponentLockByte(absl::string_view component) {
  // 62 bits: a positive off_t with room for l_len.
  return static_cast<off_t>(Fnv1a(std::string_view(component.data(), component.size())) >> 2);
}

ComponentLock& ComponentLock::operator=(ComponentLock&& other) noexcept {
  if (this != &other) {
    Release();
    fd_ = std::move(other.fd_);
    byte_ = other.byte_;
  }
  return *this;
}

absl::StatusOr<ComponentLock> ComponentLock::Acquire(const Layout& layout, absl::string_view target,
                                                     absl::string_view component,
                                                     absl::string_view run_id,
                                                     absl::Duration timeout,
                                                     const exec::CancelToken* cancel) {
  const std::string what = absl::StrCat("component '", component, "' (target '", target, "')");
  const fs::path path = layout.TargetLockPath(std::string(target));
  absl::StatusOr<exec::UniqueFd> fd = OpenLockFile(path);
  if (!fd.ok()) {
    return absl::Status(fd.status().code(),
                        absl::StrCat("locking ", what, ": ", fd.status().message()));
  }
  const off_t byte = ComponentLockByte(component);
  const absl::Status locked =
      RetryLock([&] { return TryLockByte(fd->get(), byte, path); }, path, timeout, cancel);
  if (locked.ok()) {
    ComponentLock lock;
    lock.fd_ = *std::move(fd);
    lock.byte_ = byte;
    return lock;
  }
  if (absl::IsCancelled(locked)) {
    return absl::CancelledError(absl::StrCat("cancelled while waiting for the lock of ", what));
  }
  if (!absl::IsUnavailable(locked)) {
    return absl::Status(locked.code(), absl::StrCat("locking ", what, ": ", locked.message()));
  }
  const std::optional<LockHolder> holder = FindComponentHolder(layout, target, component, run_id);
  const std::string by = holder.has_value() ? DescribeHolder(*holder) : "another gantry run";
  const std::string advice =
      timeout > absl::ZeroDuration()
          ? absl::StrCat("still locked after waiting ", absl::FormatDuration(timeout),
                         "; wait for that run to finish, or pass a longer --lock-timeout")
          : "wait for that run to finish, or pass --lock-timeout DURATION to wait for it";
  return absl::UnavailableError(absl::StrCat(what, " is locked by ", by, ": ", advice,
                                             " (lock file '", path.string(), "')"));
}

void ComponentLock::Release() {
  if (!fd_.valid()) return;
  // Unlock before closing: a child between its clone and exec may still share the
  // description, and closing ours alone would not free the byte.
  struct flock range = {};
  range.l_type = F_UNLCK;
  range.l_whence = SEEK_SET;
  range.l_start = byte_;
  range.l_len = 1;
  (void)fcntl(fd_.get(), F_OFD_SETLK, &range);
  fd_.reset();
}

std::optional<LockHolder> FindComponentHolder(const Layout& layout, absl::string_view target,
                                              absl::string_view component,
                                              absl::string_view own_run) {
  std::optional<LockHolder> planned;  // a live run that has yet to start it
  std::error_code ec;
  for (fs::directory_iterator it(layout.RunsDir(), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string run = it->path().filename().string();
    if (run == own_run || !IsValidRunId(run)) continue;
    // A finished run erased its holder line; only a live or crashed one has it.
    std::optional<LockHolder> holder = ReadLockHolder(layout.LivePath(run));
    if (!holder.has_value() || !IsRunLive(layout, run)) continue;
    absl::StatusOr<record::Journal> journal = record::ReadJournal(layout.JournalPath(run).string());
    if (!journal.ok() || journal->run.target != target) continue;
    for (const record::ComponentRecord& c : journal->run.components) {
      if (c.name != component) continue;
      if (c.status == record::ComponentStatus::kRunning) return holder;
      if (c.status == record::ComponentStatus::kPending && !planned) planned = holder;
    }
  }
  return planned;
}

}  // namespace gantry::state
