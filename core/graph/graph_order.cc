#include "core/graph/graph_order.h"

#include <functional>
#include <queue>

namespace gantry::graph {

std::vector<NodeId> DependencyOrder(const Graph& graph, const std::vector<bool>& include,
                                    bool reverse) {
  const auto included = [&](NodeId n) { return include.empty() || include[n]; };
  std::vector<int> waiting(graph.size(), 0);
  for (const Edge& e : graph.edges()) {
    const NodeId first = reverse ? e.dependent : e.dependency;
    const NodeId then = reverse ? e.dependency : e.dependent;
    if (first != then && included(first) && included(then)) ++waiting[then];
  }
  std::priority_queue<NodeId, std::vector<NodeId>, std::greater<>> ready;
  for (NodeId n = 0; n < static_cast<NodeId>(graph.size()); ++n)
    if (included(n) && waiting[n] == 0) ready.push(n);
  std::vector<NodeId> order;
  std::vector<bool> placed(graph.size(), false);
  while (!ready.empty()) {
    const NodeId n = ready.top();
    ready.pop();
    order.push_back(n);
    placed[n] = true;
    for (int32_t e : reverse ? graph.in_edges(n) : graph.out_edges(n)) {
      const NodeId next = reverse ? graph.edges()[e].dependency : graph.edges()[e].dependent;
      if (next != n && included(next) && --waiting[next] == 0) ready.push(next);
    }
  }
  for (NodeId n = 0; n < static_cast<NodeId>(graph.size()); ++n)
    if (included(n) && !placed[n]) order.push_back(n);
  return order;
}

}  // namespace gantry::graph
