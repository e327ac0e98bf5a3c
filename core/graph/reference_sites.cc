#include "core/graph/reference_sites.h"

namespace gantry::graph {

std::vector<std::string> ReferenceSettings(const plugin::LoadedPlugin* plugin) {
  std::vector<std::string> names;
  if (plugin == nullptr || !plugin->settings()) return names;
  for (const plugin::SettingSpec& spec : *plugin->settings())
    if ((spec.flags & GANTRY_SETTING_REFERENCES) != 0) names.push_back(spec.name);
  return names;
}

std::vector<Reference> ComponentReferences(const config::ComponentConfig& component,
                                           const plugin::LoadedPlugin* plugin,
                                           std::vector<ReferenceError>& errors) {
  std::vector<Reference> out = FindReferences(component.vars, "vars", errors);
  for (const std::string& key : ReferenceSettings(plugin)) {
    auto it = component.settings.find(key);
    if (it == component.settings.end()) continue;
    std::vector<Reference> more = FindReferences(*it, key, errors);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

}  // namespace gantry::graph
