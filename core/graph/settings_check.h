// A component's settings checked against what its plugin declares (gantry_setting), before
// the plugin's own validate: unknown keys, missing required ones, wrong kinds, values
// not allowed, each at the key's own place in the file.
#ifndef GANTRY_CORE_GRAPH_SETTINGS_CHECK_H_
#define GANTRY_CORE_GRAPH_SETTINGS_CHECK_H_

#include <set>
#include <string>
#include <vector>

#include "core/config/deployment.h"
#include "core/config/diagnostics.h"
#include "core/plugin/setting_spec.h"

namespace gantry::graph {

/// Reports every mismatch of `component.settings` with `specs` (of plugin `plugin`) to
/// `diagnostics`; returns true when there was none. `refused`, when given, receives the
/// top-level keys found wrong, so that the plugin's own findings on them are not said twice.
bool CheckSettings(const config::ComponentConfig& component, const std::string& plugin,
                   const std::vector<plugin::SettingSpec>& specs,
                   config::Diagnostics& diagnostics, std::set<std::string>* refused = nullptr);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_SETTINGS_CHECK_H_
