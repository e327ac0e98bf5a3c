// The children this process waits for itself, which no one else may reap.
#ifndef GANTRY_CORE_EXEC_CHILD_REGISTRY_H_
#define GANTRY_CORE_EXEC_CHILD_REGISTRY_H_

#include <sys/types.h>

#include <functional>
#include <mutex>
#include <shared_mutex>

#include "absl/container/flat_hash_map.h"

namespace gantry::exec {

/// Process-wide. gantry is the subreaper of everything it starts (LeftoverSweep), so
/// its children are of two kinds: the ones a thread started and will reap itself with
/// waitpid (registered here), and orphans it adopted, which the sweep reaps or kills.
/// Registering happens together with the spawn (under a shared lock the sweep takes
/// exclusively), so the sweep never mistakes a child that was just started, or has just
/// exited, for an orphan.
class ChildRegistry {
 public:
  static ChildRegistry& Instance();

  /// Calls `spawn` (which returns the new child's pid, or -1) and registers the child,
  /// with no sweep in between. Concurrent spawns do not wait for each other.
  pid_t Spawn(const std::function<pid_t()>& spawn);
  /// `pid` was reaped by its owner (call after waitpid returned it).
  void Reaped(pid_t pid);
  /// Runs `fn` with no spawn in progress; `fn` may call IsRegistered.
  void Exclusively(const std::function<void()>& fn);
  /// True while `pid` is a registered child. Exact only inside Exclusively (outside, a
  /// child being spawned may not be registered yet).
  bool IsRegistered(pid_t pid) const;

 private:
  std::shared_mutex spawning_;
  mutable std::mutex mu_;                       // Guards count_.
  absl::flat_hash_map<pid_t, int> count_;  // A pid reused before Reaped counts twice.
};

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_CHILD_REGISTRY_H_
