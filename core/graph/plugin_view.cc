#include "core/graph/plugin_view.h"

#include "core/state/layout.h"

namespace gantry::graph {

plugin::ComponentData PluginView(const config::ComponentConfig& component,
                                 const std::string& target, const std::string& project_dir,
                                 const std::string& plugin) {
  plugin::ComponentData data;
  data.name = component.name;
  data.type = component.type;
  data.target = target;
  data.source_dir = component.source_dir;
  data.settings_json = component.settings.dump();
  data.vars_json = component.vars.dump();
  data.sensitive_json = nlohmann::json(component.sensitive).dump();
  data.project_dir = project_dir;
  data.cache_dir = state::Layout::ForDeployment(project_dir).CacheDir(plugin).string();
  return data;
}

}  // namespace gantry::graph
