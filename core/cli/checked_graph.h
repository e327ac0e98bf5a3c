// The step every graph-using command starts with: check the components, build the graph.
#ifndef GANTRY_CORE_CLI_CHECKED_GRAPH_H_
#define GANTRY_CORE_CLI_CHECKED_GRAPH_H_

#include <optional>
#include <ostream>

#include "core/config/deployment.h"
#include "core/graph/graph.h"
#include "core/plugin/plugin_registry.h"

namespace gantry::cli {

/// Checks every component (type, plugin validate) and builds the graph (edges, cycles).
/// On any problem, prints them all to `err` with a count and returns nullopt (exit 2).
std::optional<graph::Graph> CheckAndBuildGraph(const config::Deployment& deployment,
                                               const plugin::PluginRegistry& plugins,
                                               std::ostream& err);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_CHECKED_GRAPH_H_
