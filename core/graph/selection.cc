#include "core/graph/selection.h"

#include <fnmatch.h>

#include "absl/strings/str_cat.h"
#include "core/config/suggest.h"

namespace gantry::graph {
namespace {

// Marks the nodes matching `pattern`; false when none does.
bool Match(const Graph& g, const std::string& pattern, std::vector<bool>& marks) {
  bool any = false;
  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n) {
    if (fnmatch(pattern.c_str(), g.name(n).c_str(), 0) == 0) {
      marks[n] = true;
      any = true;
    }
  }
  return any;
}

// Adds everything reachable from the marked nodes, upstream or downstream.
void Close(const Graph& g, std::vector<bool>& marks, bool upstream) {
  std::vector<NodeId> stack;
  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n)
    if (marks[n]) stack.push_back(n);
  while (!stack.empty()) {
    const NodeId n = stack.back();
    stack.pop_back();
    for (int32_t e : upstream ? g.in_edges(n) : g.out_edges(n)) {
      const NodeId next = upstream ? g.edges()[e].dependency : g.edges()[e].dependent;
      if (!marks[next]) {
        marks[next] = true;
        stack.push_back(next);
      }
    }
  }
}

absl::Status NoMatch(const Graph& g, const std::string& pattern, const char* what) {
  return absl::InvalidArgumentError(absl::StrCat(what, " '", pattern, "' matches no component",
                                                 config::DidYouMean(pattern, g.names()),
                                                 "; see 'gantry graph'"));
}

}  // namespace

absl::StatusOr<std::vector<bool>> Select(const Graph& graph, const SelectionOptions& options) {
  std::vector<bool> selected(graph.size(), options.patterns.empty());
  for (const std::string& pattern : options.patterns)
    if (!Match(graph, pattern, selected)) return NoMatch(graph, pattern, "component");
  if (options.changed) {
    std::vector<bool> changed(graph.size(), false);
    for (const std::string& name : *options.changed)
      if (const NodeId n = graph.Find(name); n >= 0) changed[n] = true;
    for (size_t n = 0; n < graph.size(); ++n) selected[n] = selected[n] && changed[n];
  }
  if (options.with_deps) Close(graph, selected, /*upstream=*/true);
  if (options.with_dependents) Close(graph, selected, /*upstream=*/false);
  std::vector<bool> excluded(graph.size(), false);
  for (const std::string& pattern : options.exclude)
    if (!Match(graph, pattern, excluded)) return NoMatch(graph, pattern, "--exclude");
  for (size_t n = 0; n < graph.size(); ++n)
    if (excluded[n]) selected[n] = false;
  return selected;
}

}  // namespace gantry::graph
