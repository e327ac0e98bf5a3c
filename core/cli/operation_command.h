// gantry plan|apply|destroy|run OP: checks the graph, then hands over to the run driver.
#ifndef GANTRY_CORE_CLI_OPERATION_COMMAND_H_
#define GANTRY_CORE_CLI_OPERATION_COMMAND_H_

#include <ostream>

#include "core/cli/run_flags.h"
#include "core/config/deployment.h"
#include "core/plugin/plugin_registry.h"

namespace gantry::cli {

int RunOperation(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
                 RunFlags& flags, std::ostream& out, std::ostream& err);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_OPERATION_COMMAND_H_
