#include "core/state/lock_file.h"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/state/layout.h"
#include "nlohmann/json.hpp"

namespace gantry::state {

namespace fs = std::filesystem;

namespace {

constexpr char kTimeFormat[] = "%Y-%m-%dT%H:%M:%SZ";

// Asked once: every component's lock records it.
const std::string& HostName() {
  static const std::string host = [] {
    char name[HOST_NAME_MAX + 1] = {};
    if (gethostname(name, sizeof name - 1) != 0) return std::string("unknown");
    return std::string(name);
  }();
  return host;
}

// Sleeps for `ms`, or until `cancel` is requested, whichever comes first.
void Wait(int ms, const exec::CancelToken* cancel) {
  struct pollfd pfd = {};
  pfd.fd = cancel != nullptr ? cancel->WakeFd(exec::CancelToken::Level::kNone) : -1;
  pfd.events = POLLIN;
  // A negative fd is ignored by poll(2), which then only sleeps.
  (void)poll(&pfd, 1, ms);
}

// One attempt: true when locked, false when someone else holds it.
absl::StatusOr<bool> TryLock(int fd, const fs::path& path) {
  while (true) {
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) return true;
    if (errno == EWOULDBLOCK) return false;
    if (errno != EINTR) {
      return absl::ErrnoToStatus(errno, absl::StrCat("cannot lock '", path.string(), "'"));
    }
  }
}

}  // namespace

LockHolder CurrentProcessHolder(absl::string_view run_id) {
  LockHolder holder;
  holder.run_id = std::string(run_id);
  holder.pid = getpid();
  holder.host = HostName();
  holder.since = absl::Now();
  return holder;
}

std::string DescribeHolder(const LockHolder& holder) {
  std::string text = absl::StrCat("run ", holder.run_id.empty() ? "(unknown)" : holder.run_id,
                                  " (pid ", holder.pid);
  if (!holder.host.empty()) absl::StrAppend(&text, " on host ", holder.host);
  if (holder.since != absl::InfinitePast()) {
    absl::StrAppend(&text, ", since ",
                    absl::FormatTime(kTimeFormat, holder.since, absl::UTCTimeZone()));
  }
  absl::StrAppend(&text, ")");
  return text;
}

std::optional<LockHolder> ReadLockHolder(const fs::path& path) {
  // Opening and closing the file does not disturb flock locks (unlike fcntl locks).
  exec::UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) return std::nullopt;
  std::string text;
  char buf[1024];
  while (text.size() < 64 * 1024) {
    const ssize_t n = read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  // The holder writes one line over the previous content (empty after a clean release,
  // a crashed holder's otherwise), so only the first line counts.
  const size_t eol = text.find('\n');
  if (eol == std::string::npos) return std::nullopt;
  const nlohmann::json doc = nlohmann::json::parse(text.substr(0, eol), nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  LockHolder holder;
  const auto run_id = doc.find("run_id");
  const auto pid = doc.find("pid");
  if (run_id == doc.end() || !run_id->is_string() || pid == doc.end() ||
      !pid->is_number_integer()) {
    return std::nullopt;
  }
  holder.run_id = run_id->get<std::string>();
  holder.pid = pid->get<int64_t>();
  if (const auto host = doc.find("host"); host != doc.end() && host->is_string()) {
    holder.host = host->get<std::string>();
  }
  if (const auto since = doc.find("since"); since != doc.end() && since->is_string()) {
    absl::Time t;
    std::string err;
    if (absl::ParseTime(kTimeFormat, since->get<std::string>(), &t, &err)) holder.since = t;
  }
  return holder;
}

absl::Status RetryLock(absl::FunctionRef<absl::StatusOr<bool>()> try_lock,
                       const fs::path& path, absl::Duration timeout,
                       const exec::CancelToken* cancel) {
  // Beyond a century is for ever (and keeps the deadline arithmetic from overflowing).
  const bool forever = timeout >= absl::Hours(24 * 365 * 100);
  const auto deadline =
      std::chrono::steady_clock::now() +
      (forever ? std::chrono::nanoseconds(0)
               : absl::ToChronoNanoseconds(std::max(timeout, absl::ZeroDuration())));
  int pause_ms = 5;
  while (true) {
    absl::StatusOr<bool> locked = try_lock();
    if (!locked.ok()) return locked.status();
    if (*locked) return absl::OkStatus();
    if (cancel != nullptr && cancel->cancelled()) {
      return absl::CancelledError(
          absl::StrCat("cancelled while waiting for lock '", path.string(), "'"));
    }
    int wait_ms = pause_ms;
    if (!forever) {
      const auto left =
          std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      wait_ms = static_cast<int>(std::min<int64_t>(wait_ms, left.count()));
    }
    Wait(wait_ms, cancel);
    pause_ms = std::min(pause_ms * 2, 100);
  }
  return absl::UnavailableError(absl::StrCat("'", path.string(), "' is locked"));
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    Release();
    fd_ = std::move(other.fd_);
    path_ = std::move(other.path_);
  }
  return *this;
}

absl::StatusOr<FileLock> FileLock::Acquire(const fs::path& path, absl::Duration timeout,
                                           const exec::CancelToken* cancel, Create create) {
  const int flags = O_RDWR | O_CLOEXEC | O_NOFOLLOW | (create == Create::kYes ? O_CREAT : 0);
  // Not a FileLock until locked: releasing one truncates the file, which must never
  // happen to a file someone else holds.
  exec::UniqueFd fd(open(path.c_str(), flags, 0644));
  if (!fd.valid() && errno == ENOENT && create == Create::kYes) {
    // Only the first lock of a directory pays for creating it.
    if (absl::Status s = EnsureDir(path.parent_path()); !s.ok()) return s;
    fd.reset(open(path.c_str(), flags, 0644));
  }
  if (!fd.valid()) {
    return absl::ErrnoToStatus(errno, absl::StrCat("cannot open lock file '", path.string(), "'"));
  }

  absl::Status locked = RetryLock([&] { return TryLock(fd.get(), path); }, path, timeout, cancel);
  if (!locked.ok()) return locked;
  FileLock lock;
  lock.fd_ = std::move(fd);
  lock.path_ = path;
  return lock;
}

absl::Status FileLock::WriteHolder(const LockHolder& holder) {
  if (!held()) return absl::FailedPreconditionError("lock not held");
  nlohmann::json doc = {
      {"run_id", holder.run_id},
      {"pid", holder.pid},
      {"host", holder.host},
      {"since", absl::FormatTime(kTimeFormat, holder.since, absl::UTCTimeZone())},
  };
  const std::string line =
      doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  // One write over the old content, no truncate: readers use only the first line, so a
  // leftover tail of older content never counts, and a read racing this write at worst
  // yields no holder.
  ssize_t n;
  do {
    n = pwrite(fd_.get(), line.data(), line.size(), 0);
  } while (n < 0 && errno == EINTR);
  if (n != static_cast<ssize_t>(line.size())) {
    return absl::ErrnoToStatus(n < 0 ? errno : EIO,
                               absl::StrCat("cannot write lock file '", path_.string(), "'"));
  }
  return absl::OkStatus();
}

void FileLock::Release() {
  if (!fd_.valid()) return;
  (void)!ftruncate(fd_.get(), 0);
  // Unlock before closing: should a forked child still hold a copy of the descriptor
  // (between its fork and exec), closing ours alone would not free the lock.
  (void)flock(fd_.get(), LOCK_UN);
  fd_.reset();
}

}  // namespace gantry::state
