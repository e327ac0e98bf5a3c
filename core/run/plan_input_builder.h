// Turns a deployment, its graph and a selection into the scheduler's input.
#ifndef GANTRY_CORE_RUN_PLAN_INPUT_BUILDER_H_
#define GANTRY_CORE_RUN_PLAN_INPUT_BUILDER_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/config/deployment.h"
#include "core/graph/graph.h"
#include "core/sched/plan_input.h"

namespace gantry::run {

/// The duration of a component's last successful run, in seconds, if recorded.
using RecordedDuration = std::function<std::optional<double>(const std::string& component)>;

/// Scheduling options per node: groups (its type and its `group`), on_failure, and a
/// cost for priority — `estimated_duration`, else the recorded duration, else 1.
/// `graph` must have one node per component of `deployment`, by name.
sched::PlanInput BuildPlanInput(const config::Deployment& deployment, const graph::Graph& graph,
                                std::vector<bool> selected, bool reverse, int max_concurrency,
                                bool keep_going, const RecordedDuration& recorded_duration);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_PLAN_INPUT_BUILDER_H_
