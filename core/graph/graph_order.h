// The graph's nodes in an order where each comes after what it depends on.
#ifndef GANTRY_CORE_GRAPH_GRAPH_ORDER_H_
#define GANTRY_CORE_GRAPH_GRAPH_ORDER_H_

#include <vector>

#include "core/graph/graph.h"

namespace gantry::graph {

/// The nodes `include`d (every node when empty), each after the included nodes it
/// depends on (with `reverse`: after those that depend on it); among the nodes ready at
/// once, the lowest id first, so the order is the same from run to run. Nodes on a cycle
/// (which graph checks report) come last, by id.
std::vector<NodeId> DependencyOrder(const Graph& graph, const std::vector<bool>& include = {},
                                    bool reverse = false);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_GRAPH_ORDER_H_
