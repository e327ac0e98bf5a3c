// `gantry affected --since REF`, and `--changed-since REF` on the run commands: the
// components touched by what changed in git since a revision.
#ifndef GANTRY_CORE_CLI_AFFECTED_COMMAND_H_
#define GANTRY_CORE_CLI_AFFECTED_COMMAND_H_

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/config/deployment.h"
#include "core/graph/affected.h"
#include "core/graph/git_changes.h"
#include "core/graph/graph.h"
#include "core/graph/selection.h"
#include "core/cli/session.h"
#include "core/plugin/plugin_registry.h"

namespace gantry::cli {

struct AffectedOptions {
  std::string since;              ///< --since REF
  std::string format = "text";   ///< text or json
};

/// Adds `affected` to `app`, filling `options` (and --target into `global`).
CLI::App* AddAffectedCommand(CLI::App& app, AffectedOptions& options, GlobalOptions& global);

/// The changed files and what they affect.
struct ChangeReport {
  graph::GitChanges git;
  graph::AffectedSet affected;
};

/// Asks git what changed since `since` in the deployment's checkout, reads the deployment
/// files as they were when one of them changed, and finds the affected components.
/// InvalidArgument (git missing, no repository, unknown revision), said for the user.
absl::StatusOr<ChangeReport> FindChanges(const config::Deployment& deployment,
                                         const graph::Graph& graph, const std::string& since);

/// `gantry affected`: text (a component a line, in graph order, with its reason) or JSON
/// ({"since", "components": [{"name", "type", "reason", "direct"}], "removed",
/// "changed_files"}). Exit 0, or 2 for a bad revision, no git, a bad deployment.
int RunAffected(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
                const AffectedOptions& options, std::ostream& out, std::ostream& err);

/// The help text of --changed-since (run_flags.cc).
inline constexpr char kChangedSinceHelp[] =
    "Act only on the components changed since git revision REF, and their dependents "
    "(see 'gantry affected'); COMPONENT patterns narrow them";

/// --changed-since REF of plan, apply, destroy and run (`since`; empty: not given):
/// narrows `selection` to the affected components. Returns the exit code when the run
/// must not go on: 0 after "nothing changed since REF", 2 after saying why (no git, a
/// bad revision, with --resume or --from-plan); nullopt: go on.
std::optional<int> SelectChanged(const config::Deployment& deployment, const graph::Graph& graph,
                                 const std::string& since, bool resume_or_from_plan,
                                 graph::SelectionOptions& selection, std::ostream& out,
                                 std::ostream& err);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_AFFECTED_COMMAND_H_
