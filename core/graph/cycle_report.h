// A dependency cycle in words a user can act on: each step with where it came from.
#ifndef GANTRY_CORE_GRAPH_CYCLE_REPORT_H_
#define GANTRY_CORE_GRAPH_CYCLE_REPORT_H_

#include <string>
#include <vector>

#include "core/config/deployment.h"
#include "core/graph/graph.h"

namespace gantry::graph {

/// "dependency cycle: a -> b -> a (each depends on the next): a -> b by depends_on at
/// gantry.toml:7:14; b -> a by the reference vars.url = ${a.url} at gantry.toml:12:1;
/// remove one of these dependencies". `cycle` is a path from FindCycles; the deployment's
/// components are the graph's nodes, in order. Discovered steps say what the plugin said
/// ("found in main.tf:3"). Built only when a cycle exists, so building graphs pays nothing.
std::string DescribeCycle(const Graph& graph, const config::Deployment& deployment,
                          const std::vector<NodeId>& cycle);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_CYCLE_REPORT_H_
