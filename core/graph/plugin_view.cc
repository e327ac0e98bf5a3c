#include "core/graph/plugin_view.h"

namespace gantry::graph {

plugin::ComponentData PluginView(const config::ComponentConfig& component,
                                 const std::string& target) {
  plugin::ComponentData data;
  data.name = component.name;
  data.type = component.type;
  data.target = target;
  data.source_dir = component.source_dir;
  data.settings_json = component.settings.dump();
  data.vars_json = component.vars.dump();
  data.sensitive_json = nlohmann::json(component.sensitive).dump();
  return data;
}

}  // namespace gantry::graph
