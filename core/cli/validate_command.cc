#include "core/cli/validate_command.h"

#include "absl/time/time.h"
#include "core/cli/checked_graph.h"
#include "core/cli/exit_codes.h"

namespace gantry::cli {
namespace {

nlohmann::json EffectiveSettings(const config::ComponentConfig& c, const std::string& target,
                                 const plugin::LoadedPlugin* plugin) {
  static constexpr const char* kOnFailure[] = {"abort", "skip-dependents", "ignore"};
  nlohmann::json j = {{"name", c.name},
                      {"type", c.type},
                      {"target", target},
                      {"source", c.source_dir},
                      {"depends_on", c.depends_on},
                      {"vars", c.vars},
                      {"sensitive", c.sensitive},
                      {"on_failure", kOnFailure[static_cast<int>(c.on_failure)]},
                      {"retries", c.retries},
                      {"retry_on", c.retry_on},
                      {"settings", c.settings}};
  if (!c.group.empty()) j["group"] = c.group;
  if (c.timeout) j["timeout"] = absl::FormatDuration(*c.timeout);
  if (c.estimated_duration) j["estimated_duration"] = absl::FormatDuration(*c.estimated_duration);
  for (const std::string& name : c.sensitive)
    if (j["vars"].contains(name)) j["vars"][name] = "***";
  if (plugin != nullptr && plugin->settings()) {
    for (const plugin::SettingSpec& spec : *plugin->settings())
      if (spec.sensitive() && j["settings"].contains(spec.name)) j["settings"][spec.name] = "***";
  }
  return j;
}

}  // namespace

int RunValidate(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
                const ValidateOptions& options, std::ostream& out, std::ostream& err) {
  if (!CheckAndBuildGraph(deployment, plugins, err)) return kExitBadInput;
  if (!options.show.empty()) {
    const config::ComponentConfig* component = deployment.Find(options.show);
    if (component == nullptr) {
      err << "gantry: --show: no component named '" << options.show << "'\n";
      return kExitBadInput;
    }
    out << EffectiveSettings(*component, deployment.target, plugins.ForType(component->type)).dump(2)
        << "\n";
    return kExitOk;
  }
  out << deployment.file << ": " << deployment.components.size() << " component"
      << (deployment.components.size() == 1 ? "" : "s") << ", valid (target "
      << deployment.target << ")\n";
  return kExitOk;
}

}  // namespace gantry::cli
