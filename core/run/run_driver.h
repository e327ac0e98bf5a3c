// plan / apply / destroy / run OP: from a checked graph to an exit code.
#ifndef GANTRY_CORE_RUN_RUN_DRIVER_H_
#define GANTRY_CORE_RUN_RUN_DRIVER_H_

#include <ostream>

#include "core/config/deployment.h"
#include "core/graph/graph.h"
#include "core/plugin/plugin_registry.h"
#include "core/run/run_options.h"

namespace gantry::run {

/// Runs `options.operation` over the selected components of `graph` (built from
/// `deployment`), or with dry_run prints the schedule it would follow. The console goes
/// to stdout (`out_fd`); problems that stop the run before it starts go to `err`.
/// Returns the process exit code: 0 all ok, 1 a component failed, 2 bad selection or
/// missing outputs, 130 interrupted. `outcome`, when given, says more about a run that ran.
int ExecuteRun(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
               const graph::Graph& graph, const RunOptions& options, std::ostream& out,
               std::ostream& err, RunOutcome* outcome = nullptr);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_RUN_DRIVER_H_
