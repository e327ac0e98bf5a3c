// Which directories `gantry init` shows the plugins: a project tree without what no
// component lives in (hidden directories, .gantry, node_modules).
#ifndef GANTRY_CORE_SCAFFOLD_DIRECTORY_WALK_H_
#define GANTRY_CORE_SCAFFOLD_DIRECTORY_WALK_H_

#include <cstddef>
#include <string>
#include <vector>

namespace gantry::scaffold {

struct WalkLimits {
  /// Levels below the root looked into (the root is level 0).
  int max_depth = 12;
  /// Directories listed at most: a scan of $HOME by mistake ends instead of crawling.
  size_t max_directories = 20000;
};

struct WalkResult {
  /// Absolute, normalized, the root first, then depth first in name order.
  std::vector<std::string> directories;
  /// Directories that could not be read, each "path: why".
  std::vector<std::string> unreadable;
  /// A limit stopped the walk: some directories were not listed.
  bool truncated = false;
};

/// The directories under `root` (included). Leaves out directories whose name starts
/// with '.' (.git, .terraform, .gantry...), node_modules, and symbolic links (a link
/// may leave the tree or loop).
WalkResult WalkDirectories(const std::string& root, const WalkLimits& limits = {});

}  // namespace gantry::scaffold

#endif  // GANTRY_CORE_SCAFFOLD_DIRECTORY_WALK_H_
