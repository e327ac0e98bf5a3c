// The real work of one node: lock, workspace, streams, the plugin's execute with retries
// and a timeout, then outputs and clean-up.
#ifndef GANTRY_CORE_RUN_COMPONENT_TASK_H_
#define GANTRY_CORE_RUN_COMPONENT_TASK_H_

#include "core/run/run_services.h"
#include "core/sched/task_runner.h"

namespace gantry::run {

/// Runs components for the Executor. Fills in each node's ComponentRecord (attempts,
/// error, outputs, log and kept workspace paths, finish time) before returning.
class ComponentTaskRunner : public sched::TaskRunner {
 public:
  explicit ComponentTaskRunner(RunServices& services) : s_(services) {}

  sched::Outcome Run(graph::NodeId node) override;

 private:
  RunServices& s_;
};

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_COMPONENT_TASK_H_
