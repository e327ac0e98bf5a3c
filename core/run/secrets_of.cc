#include "core/run/secrets_of.h"

namespace gantry::run {
namespace {

void AppendStringLeaves(const nlohmann::json& value, std::vector<std::string>& secrets) {
  if (value.is_string()) {
    secrets.push_back(value.get<std::string>());
  } else if (value.is_structured()) {
    for (const nlohmann::json& item : value) AppendStringLeaves(item, secrets);
  }
}

}  // namespace

void AppendSecretsOf(const record::OutputValue& output, std::vector<std::string>& secrets) {
  const nlohmann::json parsed =
      output.json() ? nlohmann::json::parse(output.value, nullptr, /*allow_exceptions=*/false)
                    : nlohmann::json(nlohmann::json::value_t::discarded);
  if (parsed.is_discarded()) {  // Text, or JSON text that does not parse: the text alone.
    secrets.push_back(output.value);
    return;
  }
  // The lines of a pretty-printed value are braces and keys, not secrets: such a value
  // is a secret as one line, the form a reference passes on.
  if (output.value.find('\n') == std::string::npos) secrets.push_back(output.value);
  AppendSecretsOf(parsed, secrets);
}

void AppendSecretsOf(const nlohmann::json& value, std::vector<std::string>& secrets) {
  if (value.is_string()) {
    secrets.push_back(value.get<std::string>());
    return;
  }
  secrets.push_back(value.dump());
  AppendStringLeaves(value, secrets);
}

void AppendSecretsOfSettings(const plugin::LoadedPlugin& plugin, const nlohmann::json& settings,
                             std::vector<std::string>& secrets) {
  if (!plugin.settings()) return;
  for (const plugin::SettingSpec& spec : *plugin.settings()) {
    if (!spec.sensitive()) continue;
    auto it = settings.find(spec.name);
    if (it != settings.end()) AppendSecretsOf(*it, secrets);
  }
}

std::vector<std::string> ConfiguredSecrets(const config::Deployment& deployment,
                                           const plugin::PluginRegistry& plugins) {
  std::vector<std::string> secrets;
  for (const config::ComponentConfig& component : deployment.components) {
    for (const std::string& name : component.sensitive) {
      auto it = component.vars.find(name);
      if (it != component.vars.end()) AppendSecretsOf(*it, secrets);
    }
    if (const plugin::LoadedPlugin* plugin = plugins.ForType(component.type))
      AppendSecretsOfSettings(*plugin, component.settings, secrets);
  }
  return secrets;
}

}  // namespace gantry::run
