#include "core/state/run_liveness.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/state/run_id.h"

namespace gantry::state {

absl::StatusOr<RunLiveness> RunLiveness::Acquire(const Layout& layout, absl::string_view run_id,
                                                 absl::Duration timeout) {
  if (!IsValidRunId(run_id)) {
    return absl::InvalidArgumentError(absl::StrCat("'", run_id, "' is not a run id"));
  }
  const std::string run(run_id);
  const std::filesystem::path path = layout.LivePath(run);
  absl::StatusOr<FileLock> lock = FileLock::Acquire(path, timeout);
  if (!lock.ok()) {
    if (!absl::IsUnavailable(lock.status())) return lock.status();
    const std::optional<LockHolder> holder = ReadLockHolder(path);
    return absl::UnavailableError(absl::StrCat(
        "run ", run, " is in use by ",
        holder.has_value() ? absl::StrCat("pid ", holder->pid,
                                          holder->host.empty() ? "" : " on host ", holder->host)
                           : std::string("another gantry process (perhaps cleaning it)")));
  }
  if (absl::Status s = lock->WriteHolder(CurrentProcessHolder(run)); !s.ok()) return s;
  return RunLiveness(*std::move(lock));
}

bool IsRunLive(const Layout& layout, absl::string_view run_id) {
  absl::StatusOr<FileLock> probe = FileLock::Acquire(
      layout.LivePath(std::string(run_id)), absl::ZeroDuration(), nullptr, FileLock::Create::kNo);
  return absl::IsUnavailable(probe.status());
}

}  // namespace gantry::state
