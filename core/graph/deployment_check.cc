#include "core/graph/deployment_check.h"

#include <algorithm>
#include <set>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/config/suggest.h"
#include "core/graph/plugin_view.h"
#include "core/graph/reference_placement.h"
#include "core/graph/reference_sites.h"
#include "core/graph/settings_check.h"
#include "core/plugin/collecting_context.h"
#include "core/state/layout.h"

namespace gantry::graph {
namespace {

void CheckType(const config::ComponentConfig& component, const config::Deployment& deployment,
               const plugin::PluginRegistry& plugins, const std::string& target,
               config::Diagnostics& diagnostics, const stream::SecretMasker* secrets) {
  const plugin::LoadedPlugin* plugin = plugins.ForType(component.type);
  if (plugin == nullptr) {
    const std::vector<std::string> types = plugins.ComponentTypes();
    diagnostics.Error(component.location,
                      absl::StrCat("component '", component.name, "': unknown type '",
                                   component.type, "'", config::DidYouMean(component.type, types),
                                   "; the loaded plugins provide: ",
                                   types.empty() ? "nothing (no plugin found)" : absl::StrJoin(types, ", "),
                                   plugins.searched().empty()
                                       ? ""
                                       : absl::StrCat("; plugins were sought in ",
                                                      absl::StrJoin(plugins.searched(), ", "),
                                                      " (add a directory with plugin_paths in "
                                                      "[gantry] or GANTRY_PLUGIN_PATH)")));
    return;
  }
  std::set<std::string> refused;
  if (plugin->settings())
    CheckSettings(component, plugin->name(), *plugin->settings(), diagnostics, &refused);
  CheckReferencePlacement(component, *plugin, diagnostics);
  plugin::CollectingContext context(plugin::CollectingContext::Pass::kValidate, secrets);
  const gantry_status status = plugin->Validate(
      context, PluginView(component, target, deployment.root_dir, plugin->name()));
  std::vector<plugin::PluginDiagnostic> found = context.diagnostics();
  const bool any_error =
      std::any_of(found.begin(), found.end(), [](const plugin::PluginDiagnostic& d) {
        return d.severity == GANTRY_DIAGNOSTIC_ERROR;
      });
  if (status != GANTRY_STATUS_OK && !any_error) {
    found.push_back({GANTRY_DIAGNOSTIC_ERROR, "",
                     absl::StrCat("rejected by plugin '", plugin->name(),
                                  "' without a reason (its validate failed but reported nothing)")});
  }
  for (const plugin::PluginDiagnostic& d : found) {
    // The host has said what is wrong with this setting; the plugin's word would repeat it.
    if (d.severity == GANTRY_DIAGNOSTIC_ERROR && refused.count(d.setting.substr(0, d.setting.find('.'))))
      continue;
    // A setting's own line when the plugin named one the file has; else the table's.
    auto at = component.key_locations.find(d.setting);
    const config::SourceLocation& where =
        at != component.key_locations.end() ? at->second : component.location;
    std::string text = absl::StrCat("component '", component.name, "' (", component.type, "): ",
                                    d.setting.empty() || absl::StrContains(d.message, d.setting)
                                        ? ""
                                        : absl::StrCat("'", d.setting, "': "),
                                    d.message);
    if (d.severity == GANTRY_DIAGNOSTIC_ERROR) {
      diagnostics.Error(where, std::move(text));
    } else {
      diagnostics.Warning(where, std::move(text));
    }
  }
}

/// A plan_defaults entry stands in for one of the component's own references; any other
/// is a typo that would silently never apply.
void CheckPlanDefaults(const config::ComponentConfig& component, const plugin::LoadedPlugin* plugin,
                       config::Diagnostics& diagnostics) {
  if (component.plan_defaults.empty()) return;
  std::vector<ReferenceError> ignored;  // malformed references are reported elsewhere
  std::vector<std::string> made;
  for (const Reference& ref : ComponentReferences(component, plugin, ignored))
    made.push_back(absl::StrCat(ref.component, ".", ref.output));
  for (const auto& [reference, value] : component.plan_defaults) {
    if (std::find(made.begin(), made.end(), reference) != made.end()) continue;
    auto at = component.key_locations.find(absl::StrCat("plan_defaults.", reference));
    diagnostics.Error(
        at != component.key_locations.end() ? at->second : component.location,
        absl::StrCat("component '", component.name, "': plan_defaults names '", reference,
                     "', which it does not reference", config::DidYouMean(reference, made),
                     made.empty() ? "; it references no output"
                                  : absl::StrCat("; it references ", absl::StrJoin(made, ", "))));
  }
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
                     const std::string& target, config::Diagnostics& diagnostics,
                     const stream::SecretMasker* secrets) {
  for (const config::ComponentConfig& component : deployment.components) {
    CheckType(component, deployment, plugins, target, diagnostics, secrets);
    CheckNotNested(deployment, component, diagnostics);
    CheckPlanDefaults(component, plugins.ForType(component.type), diagnostics);
  }
}

}  // namespace gantry::graph
