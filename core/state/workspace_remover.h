// Removing finished workspaces off the components' time.
#ifndef GANTRY_CORE_STATE_WORKSPACE_REMOVER_H_
#define GANTRY_CORE_STATE_WORKSPACE_REMOVER_H_

#include <cstddef>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "core/exec/batch_worker.h"
#include "core/state/layout.h"

namespace gantry::state {

/// Removes the workspaces of one run's finished components on a thread of its own, in the
/// order queued, so that a component's slot is free as soon as its work is done: removing
/// even an empty directory can wait for the disk (on ext4 with `discard` and no journal,
/// each rmdir issues a synchronous discard of the directory's block).
///
/// Removals are batched (a 20 ms gather window, skipped by Drain).
///
/// An empty workspace is not removed but kept as a spare (RecycleWorkspace), up to
/// kMaxSpares of them, which TakeSpare hands to CreateWorkspace: a run of many
/// components makes and frees a handful of directories, not one each. Drain removes the
/// spares left. Thread-safe.
class WorkspaceRemover {
 public:
  /// One component whose workspace could not be removed, and why.
  using Failure = std::pair<std::string, absl::Status>;

  /// Destruction drains what is queued.
  WorkspaceRemover(const Layout& layout, std::string run);

  /// Spares kept at most; past this, empty workspaces are removed.
  static constexpr size_t kMaxSpares = 16;

  /// Drains, then removes the spares left.
  ~WorkspaceRemover();

  /// Queues the removal of `component`'s workspace.
  void Remove(std::string component) { worker_.Push(std::move(component)); }
  /// An empty directory of this run for CreateWorkspace's `spare`, or nullopt when none
  /// is ready (the caller makes a new one).
  std::optional<std::filesystem::path> TakeSpare();
  /// Waits until every removal queued before this call is done, removes the spares;
  /// returns the failures since the last Drain.
  std::vector<Failure> Drain();

 private:
  void RemoveBatch(std::vector<std::string> components);
  void RemoveSpares();

  const Layout layout_;
  const std::string run_;
  std::mutex mu_;
  std::vector<Failure> failures_;                 // Guarded by mu_.
  std::vector<std::filesystem::path> spares_;     // Guarded by mu_.
  size_t named_ = 0;                              // Spares named so far; worker thread only.
  exec::BatchWorker worker_;  // last: drains and stops before the members above go
};

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_WORKSPACE_REMOVER_H_
