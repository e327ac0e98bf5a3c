#include "core/graph/deployment_check.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/config/suggest.h"
#include "core/graph/plugin_view.h"
#include "core/plugin/collecting_context.h"
#include "core/state/layout.h"

namespace gantry::graph {
namespace {

void CheckType(const config::ComponentConfig& component, const plugin::PluginRegistry& plugins,
               const std::string& target, config::Diagnostics& diagnostics) {
  const plugin::LoadedPlugin* plugin = plugins.ForType(component.type);
  if (plugin == nullptr) {
    const std::vector<std::string> types = plugins.ComponentTypes();
    diagnostics.Error(component.location,
                      absl::StrCat("component '", component.name, "': unknown type '",
                                   component.type, "'", config::DidYouMean(component.type, types),
                                   "; the loaded plugins provide: ",
                                   types.empty() ? "nothing (no plugin found)" : absl::StrJoin(types, ", ")));
    return;
  }
  plugin::CollectingContext context;
  const gantry_status status = plugin->Validate(context, PluginView(component, target));
  std::vector<std::string> errors = context.errors();
  if (status != GANTRY_STATUS_OK && errors.empty())
    errors.push_back(absl::StrCat("rejected by plugin '", plugin->name(), "' without a reason"));
  for (const std::string& error : errors)
    diagnostics.Error(component.location,
                      absl::StrCat("component '", component.name, "' (", component.type, "): ", error));
}

/// Names become directories: "network/vpc" must not live inside component "network".
void CheckNotNested(const config::Deployment& deployment, const config::ComponentConfig& component,
                    config::Diagnostics& diagnostics) {
  for (size_t slash = component.name.find('/'); slash != std::string::npos;
       slash = component.name.find('/', slash + 1)) {
    const std::string outer = component.name.substr(0, slash);
    if (deployment.Find(outer) == nullptr) continue;
    diagnostics.Error(component.location,
                      std::string(state::CheckNoNestedComponentNames({outer, component.name}).message()) +
                          "; rename one of them");
  }
}

}  // namespace

void CheckDeployment(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
                     const std::string& target, config::Diagnostics& diagnostics) {
  for (const config::ComponentConfig& component : deployment.components) {
    CheckType(component, plugins, target, diagnostics);
    CheckNotNested(deployment, component, diagnostics);
  }
}

}  // namespace gantry::graph
