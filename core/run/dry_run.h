// `--dry-run`: the schedule a run would follow, without running anything.
#ifndef GANTRY_CORE_RUN_DRY_RUN_H_
#define GANTRY_CORE_RUN_DRY_RUN_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/sched/node_state.h"
#include "core/sched/plan_input.h"

namespace gantry::run {

/// One start in a simulated run.
struct SimulatedStart {
  graph::NodeId node;
  double start = 0;  ///< simulated time, in units of the nodes' costs
  double end = 0;
  double ready = 0;  ///< when nothing it waits on was left; < start: it waited for a limit
  /// What held it when it was ready (a wait, ready < start): the run's slots, or a group.
  sched::WaitReason held_by = sched::WaitReason::kGlobalLimit;
  std::string group;  ///< for kGroupLimit and kAdaptiveLimit: the group
};

/// Runs the real Plan against a simulated clock in which every node succeeds after its
/// cost: the order and overlap a real run would follow if the costs were exact.
absl::StatusOr<std::vector<SimulatedStart>> SimulateSchedule(const sched::PlanInput& input);

/// Prints the simulated schedule: the limits, then each component in start order with
/// its type, simulated start/end and what it waits on (its dependencies, or for a
/// reverse run its dependents, then the limit that holds it once ready: "then 2.00 for
/// the group aws (limit 2)"), and the simulated makespan.
absl::Status PrintSchedule(const sched::PlanInput& input, const std::string& operation,
                           const std::string& target, std::ostream& out);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_DRY_RUN_H_
