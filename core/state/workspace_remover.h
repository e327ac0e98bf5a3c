// Removing finished workspaces off the components' time.
#ifndef GANTRY_CORE_STATE_WORKSPACE_REMOVER_H_
#define GANTRY_CORE_STATE_WORKSPACE_REMOVER_H_

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "core/exec/batch_worker.h"
#include "core/state/layout.h"

namespace gantry::state {

/// Removes the workspaces of one run's finished components (RemoveWorkspace) on a thread
/// of its own, in the order queued, so that a component's slot is free as soon as its
/// work is done: removing even an empty directory can wait for the disk (on ext4 with
/// `discard` and no journal, each rmdir issues a synchronous discard of the directory's
/// block). Thread-safe.
class WorkspaceRemover {
 public:
  /// One component whose workspace could not be removed, and why.
  using Failure = std::pair<std::string, absl::Status>;

  /// Destruction drains what is queued.
  WorkspaceRemover(const Layout& layout, std::string run);

  /// Queues the removal of `component`'s workspace.
  void Remove(std::string component) { worker_.Push(std::move(component)); }
  /// Waits until every removal queued before this call is done; returns the failures
  /// since the last Drain.
  std::vector<Failure> Drain();

 private:
  void RemoveBatch(std::vector<std::string> components);

  const Layout layout_;
  const std::string run_;
  std::mutex mu_;
  std::vector<Failure> failures_;
  exec::BatchWorker worker_;  // last: drains and stops before the members above go
};

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_WORKSPACE_REMOVER_H_
