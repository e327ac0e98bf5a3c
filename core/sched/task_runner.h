// The boundary between the scheduler and whatever a node's work is: real in the run
// module, fake in tests.
#ifndef GANTRY_CORE_SCHED_TASK_RUNNER_H_
#define GANTRY_CORE_SCHED_TASK_RUNNER_H_

#include <string>

#include "core/sched/node_state.h"

namespace gantry::sched {

/// Does one node's work. Thread-safe: the Executor calls Run concurrently from its worker
/// threads, never twice for one node.
class TaskRunner {
 public:
  virtual ~TaskRunner() = default;

  /// Runs `node` to completion and blocks until then. Retries and timeouts are the
  /// runner's business; a run it stopped because of a cancellation reports kCancelled.
  /// Called without any scheduler lock held.
  virtual Outcome Run(NodeId node) = 0;
  /// After Run(node) returned kBusy, on the same thread: the resource `node` waits for
  /// (nodes busy on one resource back off together); "" : its own.
  virtual std::string BusyResource(NodeId node) {
    (void)node;
    return {};
  }
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_TASK_RUNNER_H_
