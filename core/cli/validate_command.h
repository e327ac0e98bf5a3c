// `gantry validate`: checks the deployment file and every component's settings.
#ifndef GANTRY_CORE_CLI_VALIDATE_COMMAND_H_
#define GANTRY_CORE_CLI_VALIDATE_COMMAND_H_

#include <ostream>
#include <string>

#include "core/config/deployment.h"
#include "core/plugin/plugin_registry.h"

namespace gantry::cli {

struct ValidateOptions {
  std::string show;  ///< a component whose effective settings to print, or empty
};

/// Prints every problem to `err` and returns the exit code (0 or 2). With `show`, also
/// prints that component's effective settings (after the target's overlays) as JSON.
int RunValidate(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
                const ValidateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_VALIDATE_COMMAND_H_
