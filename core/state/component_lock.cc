#include "core/state/component_lock.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace gantry::state {

absl::StatusOr<ComponentLock> ComponentLock::Acquire(
    const std::filesystem::path& lock_path, absl::string_view component, absl::string_view target,
    absl::string_view run_id, absl::Duration timeout, const exec::CancelToken* cancel) {
  const std::string what = absl::StrCat("component '", component, "' (target '", target, "')");
  absl::StatusOr<FileLock> lock = FileLock::Acquire(lock_path, timeout, cancel);
  if (lock.ok()) {
    if (absl::Status s = lock->WriteHolder(CurrentProcessHolder(run_id)); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("locking ", what, ": ", s.message()));
    }
    return ComponentLock(*std::move(lock));
  }
  const absl::Status& error = lock.status();
  if (absl::IsCancelled(error)) {
    return absl::CancelledError(absl::StrCat("cancelled while waiting for the lock of ", what));
  }
  if (!absl::IsUnavailable(error)) {
    return absl::Status(error.code(), absl::StrCat("locking ", what, ": ", error.message()));
  }
  const std::optional<LockHolder> holder = ReadLockHolder(lock_path);
  const std::string by = holder.has_value() ? DescribeHolder(*holder) : "another gantry process";
  const std::string advice =
      timeout > absl::ZeroDuration()
          ? absl::StrCat("still locked after waiting ", absl::FormatDuration(timeout),
                         "; wait for that run to finish, or pass a longer --lock-timeout")
          : "wait for that run to finish, or pass --lock-timeout DURATION to wait for it";
  return absl::UnavailableError(absl::StrCat(what, " is locked by ", by, ": ", advice,
                                             " (lock file '", lock_path.string(), "')"));
}

}  // namespace gantry::state
