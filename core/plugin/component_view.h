// Owns the strings behind a gantry_component handed to a plugin hook.
#ifndef GANTRY_CORE_PLUGIN_COMPONENT_VIEW_H_
#define GANTRY_CORE_PLUGIN_COMPONENT_VIEW_H_

#include <string>

#include "gantry/component.h"

namespace gantry::plugin {

/// Everything a plugin sees of one component. Fill the strings, then call View(); the
/// view points into this object and stays valid while it is alive and unchanged.
struct ComponentData {
  std::string name;
  std::string type;
  std::string target = "default";
  std::string source_dir;
  std::string work_dir;
  std::string state_dir;
  std::string settings_json = "{}";
  std::string vars_json = "{}";
  std::string sensitive_json = "[]";
  std::string project_dir;
  std::string cache_dir;
  std::string plan_dir;  ///< see gantry_component.plan_dir; empty: none

  gantry_component View() const {
    gantry_component c{};
    c.struct_size = sizeof c;
    c.abi_version = GANTRY_ABI_VERSION;
    c.name = name.c_str();
    c.type = type.c_str();
    c.target = target.c_str();
    c.source_dir = source_dir.c_str();
    c.work_dir = work_dir.c_str();
    c.state_dir = state_dir.c_str();
    c.settings_json = settings_json.c_str();
    c.vars_json = vars_json.c_str();
    c.sensitive_json = sensitive_json.c_str();
    c.project_dir = project_dir.c_str();
    c.cache_dir = cache_dir.c_str();
    c.plan_dir = plan_dir.c_str();
    return c;
  }
};

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_COMPONENT_VIEW_H_
