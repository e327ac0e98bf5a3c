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
  const state::Layout layout = state::Layout::ForDeployment(project_dir);
  data.cache_dir = layout.CacheDir(plugin).string();
  // Named, not created: discover may compute what the component's state will be (a
  // terraform local state path another component reads).
  data.state_dir = layout.StateDir(target, component.name).string();
  return data;
}

}  // namespace gantry::graph
