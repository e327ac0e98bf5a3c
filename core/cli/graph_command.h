// `gantry graph [--format text|dot|mermaid|json]`.
#ifndef GANTRY_CORE_CLI_GRAPH_COMMAND_H_
#define GANTRY_CORE_CLI_GRAPH_COMMAND_H_

#include <ostream>
#include <string>

#include "core/config/deployment.h"
#include "core/plugin/plugin_registry.h"

namespace gantry::cli {

/// Prints the checked graph in `format`; returns the exit code (0, or 2 on any problem).
int RunGraph(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
             const std::string& format, std::ostream& out, std::ostream& err);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_GRAPH_COMMAND_H_
