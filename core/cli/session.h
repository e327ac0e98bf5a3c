// What every command starts from: the deployment file (if any) and the plugins.
#ifndef GANTRY_CORE_CLI_SESSION_H_
#define GANTRY_CORE_CLI_SESSION_H_

#include <memory>
#include <optional>
#include <string>

#include "core/config/deployment.h"
#include "core/plugin/plugin_registry.h"

namespace gantry::cli {

/// Global options shared by all commands.
struct GlobalOptions {
  std::string config_file;  ///< -f; empty: walk up from the current directory
  std::string target;       ///< --target; empty: no overlay
};

/// The deployment and plugins for one command. Problems are printed to stderr as they
/// are found; `exit_code` says how the command must end if it cannot go on.
struct Session {
  std::optional<config::Deployment> deployment;
  std::unique_ptr<plugin::PluginRegistry> plugins;
  int exit_code = 0;
};

/// Loads the deployment (required: a missing file is an error; optional: used only when
/// found) and then every plugin on the search path. Any config problem: exit_code 2 and
/// no plugins. Any plugin load error: printed, exit_code 3, plugins still set.
Session OpenSession(const GlobalOptions& options, bool config_required);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_SESSION_H_
