// The lock that keeps two runs from working on the same component of the same target.
#ifndef GANTRY_CORE_STATE_COMPONENT_LOCK_H_
#define GANTRY_CORE_STATE_COMPONENT_LOCK_H_

#include <filesystem>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/exec/cancel_token.h"
#include "core/state/lock_file.h"

namespace gantry::state {

/// Held while one component of one target runs (Layout::LockPath); released on
/// destruction, Release(), or by the kernel when the process dies. While held, the lock
/// file records the holder's run id, pid, host and start time.
class ComponentLock {
 public:
  ComponentLock() = default;

  /// Locks `lock_path` for `run_id`, waiting up to `timeout` for another holder to let
  /// go (zero: fail at once; InfiniteDuration(): wait for ever), or until `cancel` (may be
  /// null) is requested. `component` and `target` only name the lock in messages.
  ///
  /// Errors: Unavailable when someone else still holds it, naming the component, the
  /// holder's run id, pid, host and start time, and what to do ("wait for that run to
  /// finish, or pass --lock-timeout ..."); Cancelled; system errors naming the file.
  static absl::StatusOr<ComponentLock> Acquire(const std::filesystem::path& lock_path,
                                               absl::string_view component,
                                               absl::string_view target, absl::string_view run_id,
                                               absl::Duration timeout,
                                               const exec::CancelToken* cancel = nullptr);

  /// Unlocks now (no effect when not held).
  void Release() { lock_.Release(); }
  bool held() const { return lock_.held(); }
  const std::filesystem::path& path() const { return lock_.path(); }

 private:
  explicit ComponentLock(FileLock lock) : lock_(std::move(lock)) {}

  FileLock lock_;
};

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_COMPONENT_LOCK_H_
