// The lock that keeps two runs from working on the same component of the same target.
#ifndef GANTRY_CORE_STATE_COMPONENT_LOCK_H_
#define GANTRY_CORE_STATE_COMPONENT_LOCK_H_

#include <sys/types.h>

#include <filesystem>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/exec/cancel_token.h"
#include "core/exec/unique_fd.h"
#include "core/state/layout.h"
#include "core/state/lock_file.h"

namespace gantry::state {

/// The byte of the target's lock file (Layout::TargetLockPath) that stands for
/// `component`: FNV-1a of its name, 62 bits. Every gantry version must compute the same
/// byte, so it never changes. Two names on one byte (about one chance in 10^11 for
/// 10,000 components) would only make those two wait for each other.
off_t ComponentLockByte(absl::string_view component);

/// Held while one component of one target runs; released on destruction, Release(), or
/// by the kernel when the process dies however it dies. It is a one-byte open file
/// description lock (fcntl F_OFD_SETLK) on ComponentLockByte in the target's one lock
/// file: no file per component, so a first apply creates no inode for it. Each lock opens
/// the file itself, so two locks never share an owner, in one process or across many.
class ComponentLock {
 public:
  ComponentLock() = default;
  ComponentLock(ComponentLock&&) noexcept = default;
  ComponentLock& operator=(ComponentLock&& other) noexcept;
  ComponentLock(const ComponentLock&) = delete;
  ComponentLock& operator=(const ComponentLock&) = delete;
  ~ComponentLock() { Release(); }

  /// Locks `component` of `target` for `run_id`, waiting up to `timeout` for another
  /// holder to let go (zero: fail at once; InfiniteDuration(): wait for ever), or until
  /// `cancel` (may be null) is requested.
  ///
  /// Errors: Unavailable when someone else still holds it, naming the component, the
  /// holder (FindComponentHolder) and what to do ("wait for that run to finish, or pass
  /// --lock-timeout ..."); Cancelled; system errors naming the lock file.
  static absl::StatusOr<ComponentLock> Acquire(const Layout& layout, absl::string_view target,
                                               absl::string_view component,
                                               absl::string_view run_id, absl::Duration timeout,
                                               const exec::CancelToken* cancel = nullptr);

  /// Unlocks now (no effect when not held).
  void Release();
  bool held() const { return fd_.valid(); }

 private:
  exec::UniqueFd fd_;
  off_t byte_ = 0;
};

/// The run that holds `component` of `target`, as the runs' own records tell it: a run of
/// this `.gantry` other than `own_run` whose .live lock is held, whose journal announced
/// that target and component, and which has not finished it. Its .live holder (run id,
/// pid, host, start). nullopt when no run fits (its journal not written yet, say).
std::optional<LockHolder> FindComponentHolder(const Layout& layout, absl::string_view target,
                                              absl::string_view component,
                                              absl::string_view own_run);

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_COMPONENT_LOCK_H_
