// The real work of one node: lock, workspace, streams, the plugin's execute with retries
// and a timeout, then outputs and clean-up.
#ifndef GANTRY_CORE_RUN_COMPONENT_TASK_H_
#define GANTRY_CORE_RUN_COMPONENT_TASK_H_

#include <memory>
#include <string>
#include <vector>

#include "core/run/retry_policy.h"
#include "core/run/run_services.h"
#include "core/run/throttle_policy.h"
#include "core/sched/task_runner.h"

namespace gantry::run {

/// How many times in a row one component may be busy (GANTRY_STATUS_BUSY) before it
/// fails: with the executor's back-off (1 s doubled up to 60 s a round) about 15 minutes.
inline constexpr int kMaxBusy = 20;

/// One component's busy answers in this run.
struct BusyState {
  int times = 0;
  std::string resource;  ///< the last one's ("" : the component's own)
};

/// Runs components for the Executor. Fills in each node's ComponentRecord (attempts,
/// error, outputs, log and kept workspace paths, finish time) before returning.
class ComponentTaskRunner : public sched::TaskRunner {
 public:
  /// Compiles every component's retry_on and throttle_on: once, here, on one thread
  /// (compiling a regex is slow, and libstdc++'s is not safe on several threads at once:
  /// its ctype cache).
  explicit ComponentTaskRunner(RunServices& services);

  sched::Outcome Run(graph::NodeId node) override;
  std::string BusyResource(graph::NodeId node) override;

 private:
  RunServices& s_;
  std::vector<BusyState> busy_;  // by graph node; a node's only on the thread running it
  std::vector<RetryPolicy> retry_;        // by graph node
  std::vector<std::shared_ptr<const ThrottlePolicy>> throttle_;  // by node; shared
                                                                 // by equal pattern lists
};

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_COMPONENT_TASK_H_
