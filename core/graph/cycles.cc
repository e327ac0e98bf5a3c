#include "core/graph/cycles.h"

#include <algorithm>
#include <deque>

namespace gantry::graph {
namespace {

// Tarjan's algorithm without recursion; returns the component id of every node.
std::vector<int32_t> StronglyConnected(const Graph& g, int32_t& count) {
  const int32_t n = static_cast<int32_t>(g.size());
  std::vector<int32_t> index(n, -1), low(n, 0), component(n, -1);
  std::vector<bool> on_stack(n, false);
  std::vector<NodeId> stack;
  std::vector<std::pair<NodeId, size_t>> call;  // node, next edge position
  int32_t next_index = 0;
  count = 0;
  for (NodeId root = 0; root < n; ++root) {
    if (index[root] != -1) continue;
    call.push_back({root, 0});
    while (!call.empty()) {
      auto& [v, pos] = call.back();
      if (pos == 0 && index[v] == -1) {
        index[v] = low[v] = next_index++;
        stack.push_back(v);
        on_stack[v] = true;
      }
      const absl::Span<const int32_t> edges = g.in_edges(v);  // v depends on edges' dependency
      if (pos < edges.size()) {
        const NodeId w = g.edges()[edges[pos++]].dependency;
        if (index[w] == -1) call.push_back({w, 0});
        else if (on_stack[w]) low[v] = std::min(low[v], index[w]);
        continue;
      }
      if (low[v] == index[v]) {
        NodeId w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          component[w] = count;
        } while (w != v);
        ++count;
      }
      const NodeId finished = v;
      call.pop_back();
      if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[finished]);
    }
  }
  return component;
}

// Shortest path start -> ... -> start inside one component, following "depends on".
std::vector<NodeId> ShortestCycle(const Graph& g, NodeId start, const std::vector<int32_t>& comp) {
  std::vector<NodeId> parent(g.size(), -1);
  std::deque<NodeId> queue = {start};
  std::vector<bool> seen(g.size(), false);
  seen[start] = true;
  while (!queue.empty()) {
    const NodeId v = queue.front();
    queue.pop_front();
    for (int32_t e : g.in_edges(v)) {
      const NodeId w = g.edges()[e].dependency;
      if (comp[w] != comp[start]) continue;
      if (w == start) {
        std::vector<NodeId> path = {start};
        for (NodeId x = v; x != start; x = parent[x]) path.push_back(x);
        std::reverse(path.begin() + 1, path.end());
        path.push_back(start);
        return path;
      }
      if (!seen[w]) {
        seen[w] = true;
        parent[w] = v;
        queue.push_back(w);
      }
    }
  }
  return {};
}

}  // namespace

std::vector<std::vector<NodeId>> FindCycles(const Graph& graph) {
  int32_t count = 0;
  const std::vector<int32_t> comp = StronglyConnected(graph, count);
  std::vector<int32_t> size(count, 0);
  std::vector<NodeId> first(count, -1);
  for (NodeId v = 0; v < static_cast<NodeId>(graph.size()); ++v) {
    ++size[comp[v]];
    if (first[comp[v]] == -1) first[comp[v]] = v;
  }
  std::vector<std::vector<NodeId>> cycles;
  for (int32_t c = 0; c < count; ++c) {
    const NodeId start = first[c];
    bool self_loop = false;
    for (int32_t e : graph.in_edges(start)) self_loop |= graph.edges()[e].dependency == start;
    if (size[c] > 1 || self_loop) cycles.push_back(ShortestCycle(graph, start, comp));
  }
  std::sort(cycles.begin(), cycles.end());
  return cycles;
}

}  // namespace gantry::graph
