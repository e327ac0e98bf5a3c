// The dependency graph of a deployment: plain data, no policy.
#ifndef GANTRY_CORE_GRAPH_GRAPH_H_
#define GANTRY_CORE_GRAPH_GRAPH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/types/span.h"
#include "core/plugin/output_spec.h"

namespace gantry::graph {

using NodeId = int32_t;

/// Where an edge came from; an edge may have several origins.
enum EdgeOrigin : uint8_t {
  kExplicit = 1,    ///< depends_on
  kDiscovered = 2,  ///< the plugin's discover hook
  kReference = 4,   ///< an output reference "${component.output}" (vars, REFERENCES settings)
};

/// `dependent` needs `dependency` to have finished first.
struct Edge {
  NodeId dependency;
  NodeId dependent;
  uint8_t origins = 0;  ///< bitwise OR of EdgeOrigin
  std::vector<std::string> reasons;  ///< one line per origin, e.g. "remote_state in main.tf:12"
};

/// A file or directory outside the deployment file that a component's result depends
/// on, as its plugin's discover reported it (report_file).
struct DependedFile {
  std::string path;    ///< absolute, lexically normal
  std::string reason;  ///< the plugin's words ("module ../modules/vpc"), else the path as given
};

/// Nodes are numbered 0..size()-1 in insertion order; edges are unique per pair.
class Graph {
 public:
  /// Makes room for `nodes` nodes and `edges` edges in all, so that building a large
  /// graph does not grow (and move) its tables again and again. Optional.
  void Reserve(size_t nodes, size_t edges);
  /// Adds a node; names must be unique (checked by the caller).
  NodeId AddNode(std::string name, std::string type);
  /// Adds or merges the edge dependency -> dependent. Self-edges are kept (they are
  /// cycles the caller reports).
  void AddEdge(NodeId dependency, NodeId dependent, EdgeOrigin origin, std::string reason = {});

  size_t size() const { return names_.size(); }
  const std::string& name(NodeId n) const { return names_[n]; }
  const std::string& type(NodeId n) const { return types_[n]; }
  /// -1 when absent.
  NodeId Find(const std::string& name) const;
  /// Edge indices into edges(), in insertion order.
  absl::Span<const int32_t> in_edges(NodeId n) const { return in_[n]; }
  absl::Span<const int32_t> out_edges(NodeId n) const { return out_[n]; }
  const std::vector<Edge>& edges() const { return edges_; }
  /// The nodes `n` depends on / that depend on `n`.
  std::vector<NodeId> Dependencies(NodeId n) const;
  std::vector<NodeId> Dependents(NodeId n) const;
  /// The outputs node `n` declares (its plugin's static list plus what discover
  /// declared); nullopt: not declared, any output may be referenced.
  void SetDeclaredOutputs(NodeId n, plugin::DeclaredOutputs outputs) {
    declared_[n] = std::move(outputs);
  }
  const plugin::DeclaredOutputs& declared_outputs(NodeId n) const { return declared_[n]; }
  /// What node `n`'s discover reported with report_file, in order; empty for most.
  void AddFile(NodeId n, DependedFile file) { files_[n].push_back(std::move(file)); }
  absl::Span<const DependedFile> files(NodeId n) const {
    const auto it = files_.find(n);
    return it == files_.end() ? absl::Span<const DependedFile>() : absl::MakeConstSpan(it->second);
  }
  /// Every node's name, by NodeId.
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_, types_;
  std::vector<plugin::DeclaredOutputs> declared_;
  absl::flat_hash_map<NodeId, std::vector<DependedFile>> files_;  // few nodes have any
  absl::flat_hash_map<std::string, NodeId> by_name_;
  // Inline for the usual few edges per node: no allocation per node while building.
  using EdgeList = absl::InlinedVector<int32_t, 4>;
  std::vector<EdgeList> in_, out_;
  std::vector<Edge> edges_;
  absl::flat_hash_map<uint64_t, int32_t> edge_index_;  // (dependency, dependent) -> edge
};

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_GRAPH_H_
