// What a plan/apply/destroy/run command will run, decided before the run exists: the
// selection (or what --resume and --from-plan select), the concurrency, and the
// scheduler's input with its priority hints.
#ifndef GANTRY_CORE_RUN_RUN_CHOICE_H_
#define GANTRY_CORE_RUN_RUN_CHOICE_H_

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/config/deployment.h"
#include "core/graph/graph.h"
#include "core/plugin/plugin_registry.h"
#include "core/record/run_record.h"
#include "core/run/from_plan.h"
#include "core/run/output_book.h"
#include "core/run/run_options.h"
#include "core/sched/plan_input.h"
#include "core/state/layout.h"

namespace gantry::run {

struct RunChoice {
  std::vector<bool> selected;  ///< by graph node
  int max_concurrency = 1;
  /// --resume: the run resumed, and what it finished with success (taken over, not run).
  std::string resumed_from;
  std::vector<record::ComponentRecord> reused;
  std::optional<FromPlan> from_plan;  ///< --from-plan: the saved plans applied
  sched::PlanInput input;             ///< for sched::Plan::Create or the dry run
};

/// Decides what `options` runs of `graph`. `outputs` must hold every output a selected
/// component references from one that will not run (a plan goes on without them: what
/// lacks a value is blocked). `out` hears which saved plan an apply --from-plan applies.
/// Fails with the message to print after "gantry: " (exit code 2): nothing has started.
absl::StatusOr<RunChoice> ChooseRun(const config::Deployment& deployment,
                                    const plugin::PluginRegistry& plugins,
                                    const graph::Graph& graph, const RunOptions& options,
                                    const state::Layout& layout, OutputBook& outputs,
                                    std::ostream& out);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_RUN_CHOICE_H_
