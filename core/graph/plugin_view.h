// The plugin's view of a configured component.
#ifndef GANTRY_CORE_GRAPH_PLUGIN_VIEW_H_
#define GANTRY_CORE_GRAPH_PLUGIN_VIEW_H_

#include <string>

#include "core/config/deployment.h"
#include "core/plugin/component_view.h"

namespace gantry::graph {

/// What every hook (validate, discover, execute) sees: settings, vars and sensitive names
/// as JSON; the project directory (`project_dir`, which holds gantry.toml and .gantry)
/// and the cache directory of the plugin called `plugin` (state::Layout::CacheDir; not
/// created here), and the state directory (named, not created). The work directory stays
/// empty: execute fills it.
plugin::ComponentData PluginView(const config::ComponentConfig& component,
                                 const std::string& target, const std::string& project_dir,
                                 const std::string& plugin);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_PLUGIN_VIEW_H_
