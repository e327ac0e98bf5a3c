// The flags shared by plan, apply, destroy and run OP.
#ifndef GANTRY_CORE_CLI_RUN_FLAGS_H_
#define GANTRY_CORE_CLI_RUN_FLAGS_H_

#include <CLI/CLI.hpp>
#include <string>

#include "core/cli/session.h"
#include "core/run/run_options.h"

namespace gantry::cli {

/// What the run flags fill in; lock_timeout stays text until the command runs, so a bad
/// value gets the same error path as other usage errors.
struct RunFlags {
  run::RunOptions options;
  std::string lock_timeout = "0s";
  /// plan --detailed-exitcode: 0 no changes, 2 changes, 1 any error (DetailedPlanExitCode).
  bool detailed_exitcode = false;
  std::string changed_since;  ///< --changed-since REF; empty: not given (affected_command.h)
};

/// Adds COMPONENT... and every run flag to `command`.
void AddRunFlags(CLI::App& command, RunFlags& flags, GlobalOptions& global);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_RUN_FLAGS_H_
