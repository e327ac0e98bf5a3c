// Asking every plugin what it recognises in each directory of a tree (gantry init).
#ifndef GANTRY_CORE_SCAFFOLD_RECOGNIZE_TREE_H_
#define GANTRY_CORE_SCAFFOLD_RECOGNIZE_TREE_H_

#include <string>
#include <vector>

#include "core/plugin/plugin_registry.h"
#include "core/scaffold/directory_walk.h"
#include "core/scaffold/proposal.h"

namespace gantry::scaffold {

struct Recognized {
  /// In walk order (the root first, depth first in name order), then plugin name order.
  std::vector<Proposal> proposals;
  /// What went wrong on the way, each naming the plugin or the directory: a refused
  /// proposal, a recognize that failed, a directory that could not be read, limits.
  std::vector<std::string> warnings;
  size_t directories = 0;  ///< directories shown to the plugins
};

/// Walks `root` (see WalkDirectories) and calls every plugin's recognize hook for each
/// directory, one call at a time.
Recognized RecognizeTree(const std::string& root, const plugin::PluginRegistry& plugins,
                         const WalkLimits& limits = {});

}  // namespace gantry::scaffold

#endif  // GANTRY_CORE_SCAFFOLD_RECOGNIZE_TREE_H_
