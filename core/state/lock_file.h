// An exclusive flock(2) on a file, with a record of who holds it: the primitive under
// RunLiveness and the other whole-file locks.
#ifndef GANTRY_CORE_STATE_LOCK_FILE_H_
#define GANTRY_CORE_STATE_LOCK_FILE_H_

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/exec/cancel_token.h"
#include "core/exec/unique_fd.h"

namespace gantry::state {

/// Who holds a lock, as recorded in the lock file by the holder.
struct LockHolder {
  std::string run_id;
  int64_t pid = 0;
  std::string host;
  absl::Time since = absl::InfinitePast();
};

/// The calling process as a holder for `run_id`: its pid, host name and the time now.
LockHolder CurrentProcessHolder(absl::string_view run_id);

/// "run <id> (pid <pid> on host <host>, since <UTC time>)" for messages.
std::string DescribeHolder(const LockHolder& holder);

/// The holder recorded in the lock file at `path`; nullopt when the file is absent,
/// unreadable, empty (its holder released it) or not in the expected format.
std::optional<LockHolder> ReadLockHolder(const std::filesystem::path& path);

/// Calls `try_lock` (true: locked; false: held by someone else) until it locks, polling
/// every few ms at first, then every 100 ms, for up to `timeout`: zero tries exactly once,
/// InfiniteDuration() waits for ever; a `cancel` token (may be null) ends the wait early.
/// Errors: Unavailable "'<path>' is locked" when still held at the end; Cancelled; any
/// error of `try_lock`.
absl::Status RetryLock(absl::FunctionRef<absl::StatusOr<bool>()> try_lock,
                       const std::filesystem::path& path, absl::Duration timeout,
                       const exec::CancelToken* cancel);

/// An exclusive flock on one file, released by Release() or destruction, and by the
/// kernel when the process dies however it dies (kill -9 included): a crashed holder
/// never leaves a stale lock behind.
///
/// The descriptor is close-on-exec, and Release() unlocks explicitly before closing, so
/// a child process never keeps a lock alive. Lock files are never deleted: unlinking a
/// lock file while someone holds or waits for it would let a later opener lock a new
/// file of the same name.
///
/// flock locks belong to an open file description, so two FileLocks of one process on
/// one file exclude each other just as two processes do.
class FileLock {
 public:
  /// Whether Acquire creates a missing lock file (and its parent directories).
  enum class Create { kYes, kNo };

  FileLock() = default;
  FileLock(FileLock&&) noexcept = default;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock() { Release(); }

  /// Opens `path` and takes an exclusive flock on it, waiting while another holds it as
  /// RetryLock does.
  ///
  /// Errors: Unavailable "'<path>' is locked" when still held at the end; Cancelled when
  /// `cancel` was requested first; NotFound for a missing file with Create::kNo; other
  /// system errors naming the path.
  static absl::StatusOr<FileLock> Acquire(const std::filesystem::path& path, absl::Duration timeout,
                                          const exec::CancelToken* cancel = nullptr,
                                          Create create = Create::kYes);

  /// Records `holder` in the lock file (one JSON line) for contenders' messages.
  absl::Status WriteHolder(const LockHolder& holder);

  /// Erases the recorded holder, unlocks and closes. No effect when not held.
  void Release();

  bool held() const { return fd_.valid(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  exec::UniqueFd fd_;
  std::filesystem::path path_;
};

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_LOCK_FILE_H_
