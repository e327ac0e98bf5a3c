#include "core/graph/graph_format.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"

namespace gantry::graph {
namespace {

// Text with " and \ escaped, for a DOT string.
std::string Escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

void WriteText(const Graph& g, std::ostream& out) {
  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n) {
    out << g.name(n) << " (" << g.type(n) << ")\n";
    for (int32_t e : g.in_edges(n)) {
      const Edge& edge = g.edges()[e];
      out << "  <- " << g.name(edge.dependency) << " [" << OriginNames(edge.origins) << "]\n";
    }
  }
}

void WriteDot(const Graph& g, std::ostream& out) {
  // Edges point from a dependency to what needs it: the order things run in.
  out << "digraph gantry {\n  rankdir=LR;\n  node [shape=box];\n";
  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n)
    out << "  n" << n << " [label=\"" << Escaped(g.name(n)) << "\\n(" << Escaped(g.type(n)) << ")\"];\n";
  for (const Edge& e : g.edges()) {
    const char* style = (e.origins & kExplicit) ? "solid" : (e.origins & kDiscovered) ? "dashed" : "dotted";
    out << "  n" << e.dependency << " -> n" << e.dependent << " [label=\"" << OriginNames(e.origins)
        << "\", style=" << style << "];\n";
  }
  out << "}\n";
}

void WriteMermaid(const Graph& g, std::ostream& out) {
  out << "flowchart LR\n";
  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n) {
    std::string label = g.name(n) + " (" + g.type(n) + ")";
    for (char& c : label)
      if (c == '"') c = '\'';
    out << "  n" << n << "[\"" << label << "\"]\n";
  }
  for (const Edge& e : g.edges()) {
    const char* arrow = (e.origins & kExplicit) ? "-->" : "-.->";
    out << "  n" << e.dependency << " " << arrow << "|" << OriginNames(e.origins) << "| n"
        << e.dependent << "\n";
  }
}

void WriteJson(const Graph& g, std::ostream& out) {
  nlohmann::json nodes = nlohmann::json::array(), edges = nlohmann::json::array();
  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n)
    nodes.push_back({{"name", g.name(n)}, {"type", g.type(n)}});
  for (const Edge& e : g.edges()) {
    nlohmann::json origins = nlohmann::json::array();
    for (uint8_t bit : {kExplicit, kDiscovered, kReference})
      if (e.origins & bit) origins.push_back(OriginNames(bit));
    edges.push_back({{"from", g.name(e.dependency)},
                     {"to", g.name(e.dependent)},
                     {"origins", origins},
                     {"reasons", e.reasons}});
  }
  out << nlohmann::json{{"nodes", nodes}, {"edges", edges}}.dump(2) << "\n";
}

}  // namespace

const std::vector<std::string>& GraphFormats() {
  static const std::vector<std::string> formats = {"text", "dot", "mermaid", "json"};
  return formats;
}

std::string OriginNames(uint8_t origins) {
  std::vector<std::string> names;
  if (origins & kExplicit) names.push_back("explicit");
  if (origins & kDiscovered) names.push_back("discovered");
  if (origins & kReference) names.push_back("reference");
  return absl::StrJoin(names, "+");
}

absl::Status WriteGraph(const Graph& graph, const std::string& format, std::ostream& out) {
  if (format == "text") WriteText(graph, out);
  else if (format == "dot") WriteDot(graph, out);
  else if (format == "mermaid") WriteMermaid(graph, out);
  else if (format == "json") WriteJson(graph, out);
  else
    return absl::InvalidArgumentError(absl::StrCat("unknown graph format '", format, "'; use one of: ",
                                                   absl::StrJoin(GraphFormats(), ", ")));
  return absl::OkStatus();
}

}  // namespace gantry::graph
