// Where a component may hold output references: its vars, and the settings its plugin
// declares as holding them (GANTRY_SETTING_REFERENCES). One place, so that the graph,
// validation and the run agree on it.
#ifndef GANTRY_CORE_GRAPH_REFERENCE_SITES_H_
#define GANTRY_CORE_GRAPH_REFERENCE_SITES_H_

#include <string>
#include <vector>

#include "core/config/deployment.h"
#include "core/graph/references.h"
#include "core/plugin/loaded_plugin.h"

namespace gantry::graph {

/// The names of `plugin`'s settings flagged GANTRY_SETTING_REFERENCES (none for a plugin
/// that declares no settings, or nullptr).
std::vector<std::string> ReferenceSettings(const plugin::LoadedPlugin* plugin);

/// Every reference in the component's vars, then in each of its REFERENCES settings;
/// paths are "vars.x" and "backend.bucket" (the setting's key first).
std::vector<Reference> ComponentReferences(const config::ComponentConfig& component,
                                           const plugin::LoadedPlugin* plugin,
                                           std::vector<ReferenceError>& errors);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_REFERENCE_SITES_H_
