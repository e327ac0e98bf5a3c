// Refuses text shaped like an output reference ("${app.url}") where the host would not
// substitute it: settings not declared as holding references, and the common keys. It
// would otherwise reach the plugin (or a shell) as literal text and fail far from here.
#ifndef GANTRY_CORE_GRAPH_REFERENCE_PLACEMENT_H_
#define GANTRY_CORE_GRAPH_REFERENCE_PLACEMENT_H_

#include "core/config/deployment.h"
#include "core/config/diagnostics.h"
#include "core/plugin/loaded_plugin.h"

namespace gantry::graph {

/// Reports each misplaced reference of `component` (whose type `plugin` runs) at its
/// key's own line, saying where references are allowed.
void CheckReferencePlacement(const config::ComponentConfig& component,
                             const plugin::LoadedPlugin& plugin, config::Diagnostics& diagnostics);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_REFERENCE_PLACEMENT_H_
