// What the plugins' discovery finds between the components `gantry init` proposes,
// before any gantry.toml exists: the comments that tell the user which dependencies
// need no depends_on, and what `gantry validate` will ask them to fill in.
#ifndef GANTRY_CORE_SCAFFOLD_DISCOVERED_EDGES_H_
#define GANTRY_CORE_SCAFFOLD_DISCOVERED_EDGES_H_

#include <string>
#include <vector>

#include "core/plugin/plugin_registry.h"
#include "core/scaffold/recognize_tree.h"

namespace gantry::scaffold {

/// A dependency discovery found: the component needed and the plugin's reason.
struct FoundDependency {
  std::string component;
  std::string reason;
};

struct ProposedGraph {
  /// Parallel to the proposals: what each depends on, by name order.
  std::vector<std::vector<FoundDependency>> needs;
  /// What checking the proposed components reports (the plugins' validate and
  /// discover), each "component NAME: error: ..." — what the user has to fill in.
  std::vector<std::string> problems;
};

/// Runs the plugins' validate and discover on the proposals, named `names`, as
/// components of a deployment whose gantry.toml would be in `root`.
ProposedGraph DiscoverProposed(const std::vector<Proposal>& proposals,
                               const std::vector<std::string>& names, const std::string& root,
                               const plugin::PluginRegistry& plugins);

}  // namespace gantry::scaffold

#endif  // GANTRY_CORE_SCAFFOLD_DISCOVERED_EDGES_H_
