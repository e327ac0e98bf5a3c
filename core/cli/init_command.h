// gantry init: a starting gantry.toml for the components found in a directory tree.
#ifndef GANTRY_CORE_CLI_INIT_COMMAND_H_
#define GANTRY_CORE_CLI_INIT_COMMAND_H_

#include <ostream>
#include <string>

#include "core/plugin/plugin_registry.h"

namespace gantry::cli {

struct InitOptions {
  std::string dir = ".";  ///< the tree to scan; gantry.toml is written there
  bool print = false;     ///< print the file instead of writing it
};

/// Asks every plugin what it recognises in each directory under options.dir, names
/// the components, runs discovery on them, and writes options.dir/gantry.toml, never
/// replacing an existing file (exit 2, as for a directory that does not exist or in
/// which nothing was recognised). Prints what it wrote and what `gantry validate` will
/// ask to fill in. Exit 3 when a plugin could not be loaded (the file is still written).
int RunInit(const InitOptions& options, const plugin::PluginRegistry& plugins, bool load_errors,
            std::ostream& out, std::ostream& err);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_INIT_COMMAND_H_
