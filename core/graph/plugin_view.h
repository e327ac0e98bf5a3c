// The plugin's view of a configured component.
#ifndef GANTRY_CORE_GRAPH_PLUGIN_VIEW_H_
#define GANTRY_CORE_GRAPH_PLUGIN_VIEW_H_

#include <string>

#include "core/config/deployment.h"
#include "core/plugin/component_view.h"

namespace gantry::graph {

/// Fills what validate/discover see: settings, vars and sensitive names as JSON; the
/// work and state directories stay empty (they exist only during execute).
plugin::ComponentData PluginView(const config::ComponentConfig& component,
                                 const std::string& target);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_PLUGIN_VIEW_H_
