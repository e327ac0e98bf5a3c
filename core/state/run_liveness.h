// The mark of a run in progress: what `gantry workspaces clean` must not touch.
#ifndef GANTRY_CORE_STATE_RUN_LIVENESS_H_
#define GANTRY_CORE_STATE_RUN_LIVENESS_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/state/layout.h"
#include "core/state/lock_file.h"

namespace gantry::state {

/// An exclusive flock on runs/<run>/.live, held for the whole of a run (take it before
/// creating any workspace, drop it after removing them). A run whose .live lock is held
/// is live; a crashed run's lock is gone with its process, so its leftovers are fair game
/// for the cleaner, which itself holds the lock while it removes them.
class RunLiveness {
 public:
  RunLiveness() = default;

  /// Creates runs/<run>/ if needed and locks its .live file, recording this process as
  /// the holder. Waits up to `timeout` while another holds it (a cleaner removing the
  /// run's leftovers, or another process resuming the same run).
  ///
  /// Errors: InvalidArgument for a malformed run id; Unavailable naming the holder when
  /// the run is in use elsewhere; system errors naming the path.
  static absl::StatusOr<RunLiveness> Acquire(const Layout& layout, absl::string_view run_id,
                                             absl::Duration timeout = absl::ZeroDuration());

  void Release() { lock_.Release(); }
  bool held() const { return lock_.held(); }

 private:
  explicit RunLiveness(FileLock lock) : lock_(std::move(lock)) {}

  FileLock lock_;
};

/// Whether a process holds the .live lock of `run_id` (a run in progress, or a cleaner at
/// work on it). Probing takes the lock for an instant when nobody holds it, so a resume
/// of that run starting at that very instant may be told it is in use.
bool IsRunLive(const Layout& layout, absl::string_view run_id);

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_RUN_LIVENESS_H_
