// `gantry apply --from-plan RUN`: which components the saved plans of a plan run apply,
// checked before anything runs.
#ifndef GANTRY_CORE_RUN_FROM_PLAN_H_
#define GANTRY_CORE_RUN_FROM_PLAN_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/config/deployment.h"
#include "core/graph/graph.h"
#include "core/plugin/plugin_registry.h"
#include "core/state/layout.h"
#include "core/state/saved_plan_record.h"

namespace gantry::run {

/// What an apply from a saved plan runs.
struct FromPlan {
  std::string run_id;  ///< the plan's run, resolved
  /// By graph node: the components whose plan had changes (or could not say).
  std::vector<bool> selected;
  /// Their records, by component name.
  std::map<std::string, state::SavedPlanRecord> records;
  /// The plan's components without changes: not run.
  std::vector<std::string> unchanged;
};

/// Reads the plan run `spec` names ("last": the newest plan of the deployment's target)
/// and refuses, naming each component and what to do, unless every component it would
/// apply can apply its saved plan now: the plan is complete (nothing failed, blocked or
/// planned with placeholders), of this target, made from the configuration as it is,
/// saved by a plugin that can apply it, and still current (the plugin's
/// check_saved_plan). FailedPrecondition lists every problem; NotFound when there is no
/// such run.
absl::StatusOr<FromPlan> PrepareFromPlan(const state::Layout& layout, const std::string& spec,
                                         const config::Deployment& deployment,
                                         const graph::Graph& graph,
                                         const plugin::PluginRegistry& plugins);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_FROM_PLAN_H_
