// `gantry workspaces clean`: removing the workspaces that crashed or kept runs left.
#ifndef GANTRY_CORE_STATE_WORKSPACE_CLEANER_H_
#define GANTRY_CORE_STATE_WORKSPACE_CLEANER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/state/layout.h"

namespace gantry::state {

struct CleanOptions {
  /// Only runs whose workspaces/<run>/ was last modified at least this long before `now`
  /// (--older-than); nullopt: every run that is not live.
  std::optional<absl::Duration> older_than;
  absl::Time now = absl::Now();
};

/// What CleanWorkspaces did, one entry per directory under workspaces/. Paths are full.
struct CleanReport {
  struct Failure {
    std::string path;
    std::string error;
  };
  std::vector<std::string> removed;
  struct Busy {
    std::string path;
    std::string processes;  ///< "1234 (sleep), ..."
  };
  std::vector<std::string> kept_live;    ///< its run is in progress (its .live lock is held)
  /// Its run is over, but processes started for it still run (gantry and its guardian
  /// were killed): removing the directory they work in is refused.
  std::vector<Busy> kept_busy;
  std::vector<std::string> kept_recent;  ///< modified more recently than older_than
  std::vector<std::string> ignored;      ///< not named like a run id, or not a directory
  std::vector<Failure> failed;           ///< could not be (wholly) removed, and why
  uint64_t bytes_freed = 0;              ///< total size of the regular files removed
};

/// Removes workspaces/<run>/ of every run that is not live (RunLiveness), has no process
/// still running for it (a process tagged with the run, see process_tag.h) and, with
/// `older_than`, is old enough. While removing one it holds that run's .live lock, so a run
/// resumed at that moment cannot start working in it. Never touches runs/, state/ or
/// cache/.
/// A failure with one directory is reported in the report and does not stop the others;
/// the only error is not being able to list workspaces/ (absent: an empty report).
absl::StatusOr<CleanReport> CleanWorkspaces(const Layout& layout, const CleanOptions& options);

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_WORKSPACE_CLEANER_H_
