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

const config::SourceLocation& LocationOf(const config::ComponentConfig& component,
                                         const std::string& path) {
  // key_locations has dotted keys, not list indices: "vars.list[2]" is at "vars.list".
  std::string key = path.substr(0, path.find('['));
  while (!key.empty()) {
    auto it = component.key_locations.find(key);
    if (it != component.key_locations.end()) return it->second;
    const size_t dot = key.rfind('.');
    key = dot == std::string::npos ? "" : key.substr(0, dot);
  }
  return component.location;
}

}  // namespace gantry::graph
