// The real work of one node: lock, workspace, streams, the plugin's execute with retries
// and a timeout, then outputs and clean-up.
#ifndef GANTRY_CORE_RUN_COMPONENT_TASK_H_
#define GANTRY_CORE_RUN_COMPONENT_TASK_H_

#include <memory>
#include <vector>

#include "core/run/retry_policy.h"
#include "core/run/run_services.h"
#include "core/run/throttle_policy.h"
#include "core/sched/task_runner.h"

namespace gantry::run {

/// Runs components for the Executor. Fills in each node's ComponentRecord (attempts,
/// error, outputs, log and kept workspace paths, finish time) before returning.
class ComponentTaskRunner : public sched::TaskRunner {
 public:
  /// Compiles every component's retry_on and throttle_on: once, here, on one thread
  /// (compiling a regex is slow, and libstdc++'s is not safe on several threads at once:
  /// its ctype cache).
  explicit ComponentTaskRunner(RunServices& services);

  sched::Outcome Run(graph::NodeId node) override;

 private:
  RunServices& s_;
  std::vector<RetryPolicy> retry_;        // by graph node
  std::vector<std::shared_ptr<const ThrottlePolicy>> throttle_;  // by node; shared
                                                                 // by equal pattern lists
};

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_COMPONENT_TASK_H_
