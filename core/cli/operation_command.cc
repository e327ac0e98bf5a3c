#include "core/cli/operation_command.h"

#include "core/cli/affected_command.h"
#include "core/cli/checked_graph.h"
#include "core/cli/exit_codes.h"
#include "core/config/duration.h"
#include "core/run/run_driver.h"

namespace gantry::cli {

namespace {

int Run(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
        RunFlags& flags, std::ostream& out, std::ostream& err, run::RunOutcome& outcome) {
  // Zero (the default) means "fail at once"; durations in the config must be positive.
  const bool zero = flags.lock_timeout == "0" || flags.lock_timeout == "0s";
  absl::StatusOr<absl::Duration> lock_timeout =
      zero ? absl::ZeroDuration() : config::ParseDuration(flags.lock_timeout);
  if (!lock_timeout.ok()) {
    err << "gantry: --lock-timeout: " << lock_timeout.status().message() << "\n";
    return kExitBadInput;
  }
  flags.options.lock_timeout = *lock_timeout;
  // This very binary guards the run (`gantry --guard-run RUN`, see main.cc).
  flags.options.guardian_program = "/proc/self/exe";
  std::optional<graph::Graph> graph = CheckAndBuildGraph(deployment, plugins, err);
  if (!graph) return kExitBadInput;
  const bool chosen = !flags.options.resume.empty() || !flags.options.from_plan.empty();
  if (std::optional<int> code = SelectChanged(deployment, *graph, flags.changed_since, chosen,
                                              flags.options.selection, out, err))
    return *code;
  return run::ExecuteRun(deployment, plugins, *graph, flags.options, out, err, &outcome);
}

}  // namespace

int RunOperation(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
                 RunFlags& flags, std::ostream& out, std::ostream& err) {
  run::RunOutcome outcome;
  const int code = Run(deployment, plugins, flags, out, err, outcome);
  return flags.detailed_exitcode ? DetailedPlanExitCode(code, outcome.has_changes) : code;
}

}  // namespace gantry::cli
