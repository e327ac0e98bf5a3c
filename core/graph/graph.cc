#include "core/graph/graph.h"

namespace gantry::graph {

void Graph::Reserve(size_t nodes, size_t edges) {
  names_.reserve(nodes);
  types_.reserve(nodes);
  declared_.reserve(nodes);
  by_name_.reserve(nodes);
  in_.reserve(nodes);
  out_.reserve(nodes);
  edges_.reserve(edges);
  edge_index_.reserve(edges);
}

NodeId Graph::AddNode(std::string name, std::string type) {
  const NodeId id = static_cast<NodeId>(names_.size());
  by_name_.emplace(name, id);
  names_.push_back(std::move(name));
  types_.push_back(std::move(type));
  declared_.emplace_back();
  in_.emplace_back();
  out_.emplace_back();
  return id;
}

void Graph::AddEdge(NodeId dependency, NodeId dependent, EdgeOrigin origin, std::string reason) {
  const uint64_t key = (static_cast<uint64_t>(static_cast<uint32_t>(dependency)) << 32) |
                       static_cast<uint32_t>(dependent);
  auto [it, inserted] = edge_index_.try_emplace(key, static_cast<int32_t>(edges_.size()));
  if (inserted) {
    edges_.push_back(Edge{dependency, dependent, 0, {}});
    out_[dependency].push_back(it->second);
    in_[dependent].push_back(it->second);
  }
  Edge& edge = edges_[it->second];
  edge.origins |= origin;
  if (!reason.empty()) edge.reasons.push_back(std::move(reason));
}

NodeId Graph::Find(const std::string& name) const {
  auto it = by_name_.find(name);
  return it != by_name_.end() ? it->second : -1;
}

std::vector<NodeId> Graph::Dependencies(NodeId n) const {
  std::vector<NodeId> out;
  for (int32_t e : in_[n]) out.push_back(edges_[e].dependency);
  return out;
}

std::vector<NodeId> Graph::Dependents(NodeId n) const {
  std::vector<NodeId> out;
  for (int32_t e : out_[n]) out.push_back(edges_[e].dependent);
  return out;
}

}  // namespace gantry::graph
