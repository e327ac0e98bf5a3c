// Printing the dependency graph for people (text, mermaid), Graphviz (dot) and tools (json).
#ifndef GANTRY_CORE_GRAPH_GRAPH_FORMAT_H_
#define GANTRY_CORE_GRAPH_GRAPH_FORMAT_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/graph/graph.h"

namespace gantry::graph {

/// The formats `gantry graph --format` takes.
const std::vector<std::string>& GraphFormats();

/// Writes the graph, nodes labelled with their type and edges marked by origin
/// (explicit / discovered / reference). InvalidArgument for an unknown format.
absl::Status WriteGraph(const Graph& graph, const std::string& format, std::ostream& out);

/// "explicit", "discovered+reference", ...
std::string OriginNames(uint8_t origins);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_GRAPH_FORMAT_H_
