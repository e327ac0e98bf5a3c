// Where the host looks for plugins.
#ifndef GANTRY_CORE_PLUGIN_SEARCH_PATH_H_
#define GANTRY_CORE_PLUGIN_SEARCH_PATH_H_

#include <string>
#include <vector>

namespace gantry::plugin {

/// The plugin directories in priority order: the config's `plugin_paths` (already
/// absolute), then each entry of GANTRY_PLUGIN_PATH (colon-separated), then the
/// directory installed next to the binary (<exe>/../lib/gantry/plugins).
std::vector<std::string> PluginSearchPath(const std::vector<std::string>& config_paths);

/// The directory of the running executable; empty when it cannot be read.
std::string ProgramDir();

/// ProgramDir()/../lib/gantry/plugins, normalized.
std::string BundledPluginDir();

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_SEARCH_PATH_H_
