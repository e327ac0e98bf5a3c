// Finding dependency cycles, each as a full path.
#ifndef GANTRY_CORE_GRAPH_CYCLES_H_
#define GANTRY_CORE_GRAPH_CYCLES_H_

#include <vector>

#include "core/graph/graph.h"

namespace gantry::graph {

/// One cycle per strongly connected component that has one (self-edges included), as
/// the path n0, n1, ..., n0 where each node depends on the next. Each path starts at the
/// smallest node id of its component and is a shortest cycle through it. Iterative:
/// safe for graphs of any depth.
std::vector<std::vector<NodeId>> FindCycles(const Graph& graph);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_CYCLES_H_
