// `gantry affected`: which components a set of changed files touches, and why. Pure logic
// on explicit inputs (the changed files, the graph, the deployment now and as it was);
// git_changes.h asks git for the inputs.
#ifndef GANTRY_CORE_GRAPH_AFFECTED_H_
#define GANTRY_CORE_GRAPH_AFFECTED_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/config/deployment.h"
#include "core/graph/graph.h"

namespace gantry::graph {

/// One selected component.
struct AffectedComponent {
  NodeId node = -1;
  /// "source changed: network/main.tf", "module ../modules/vpc changed: modules/vpc/main.tf",
  /// "gantry.toml: its settings changed", "depends on network/vpc" (paths relative to
  /// the repository's top level).
  std::string reason;
  bool direct = false;  ///< false: selected because it depends on a direct one
};

struct AffectedSet {
  /// In the graph's order: dependencies before their dependents, else by name.
  std::vector<AffectedComponent> components;
  /// Components in the deployment as it was and no longer in it: they have no job.
  std::vector<std::string> removed;
};

/// What FindAffected is given.
struct AffectedInputs {
  /// The changed files, absolute (deleted ones too).
  std::vector<std::string> changed;
  /// Changed paths are shown relative to this (the repository's top level).
  std::string top_dir;
  /// The revision, for messages ("HEAD~1").
  std::string since;
  /// The deployment (with the same target) as it was at the revision, when one of its
  /// files (Deployment::files) changed; nullptr when none did. An error: it could not be
  /// read, and every component counts as changed, the error said as the reason.
  const absl::StatusOr<config::Deployment>* before = nullptr;
};

/// A component is directly affected when a changed file lies under its source_dir (the
/// deployment's own files and .gantry/ excepted), under a file or directory its plugin
/// reported (Graph::files), or when its effective table or source changed (compared
/// with `inputs.before`); then everything depending on one, transitively.
AffectedSet FindAffected(const Graph& graph, const config::Deployment& now,
                         const AffectedInputs& inputs);

/// Whether `path` is `dir` or lies under it (both absolute and lexically normal).
bool IsUnder(const std::string& path, const std::string& dir);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_AFFECTED_H_
