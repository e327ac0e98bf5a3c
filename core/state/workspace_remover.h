// Removing finished workspaces off the components' time.
#ifndef GANTRY_CORE_STATE_WORKSPACE_REMOVER_H_
#define GANTRY_CORE_STATE_WORKSPACE_REMOVER_H_

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
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

  WorkspaceRemover(const Layout& layout, std::string run);
  /// Drain(), then stops the thread.
  ~WorkspaceRemover();
  WorkspaceRemover(const WorkspaceRemover&) = delete;
  WorkspaceRemover& operator=(const WorkspaceRemover&) = delete;

  /// Queues the removal of `component`'s workspace.
  void Remove(std::string component);
  /// Waits until every removal queued before this call is done; returns the failures
  /// since the last Drain.
  std::vector<Failure> Drain();

 private:
  void Loop();

  const Layout layout_;
  const std::string run_;
  std::mutex mu_;
  std::condition_variable work_, done_;
  std::vector<std::string> queue_;
  uint64_t queued_ = 0;   // removals asked for so far
  uint64_t removed_ = 0;  // removals done
  bool stopping_ = false;
  std::vector<Failure> failures_;
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_WORKSPACE_REMOVER_H_
