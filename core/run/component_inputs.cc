#include "core/run/component_inputs.h"

#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/graph/reference_sites.h"
#include "core/run/secrets_of.h"

namespace gantry::run {

absl::StatusOr<ComponentInputs> ResolveInputs(const config::ComponentConfig& config,
                                              const plugin::LoadedPlugin& plugin,
                                              const graph::OutputLookup& lookup,
                                              const graph::RecordedOutputs& recorded) {
  std::vector<std::string> problems;
  ComponentInputs inputs;
  absl::StatusOr<nlohmann::json> vars = graph::SubstituteReferences(config.vars, lookup, recorded);
  if (vars.ok()) {
    inputs.vars = *std::move(vars);
  } else {
    problems.emplace_back(vars.status().message());
  }
  std::vector<std::string> setting_problems;
  inputs.settings = config.settings;
  for (const std::string& key : graph::ReferenceSettings(&plugin)) {
    auto it = inputs.settings.find(key);
    if (it == inputs.settings.end()) continue;
    absl::StatusOr<nlohmann::json> value = graph::SubstituteReferences(*it, lookup, recorded);
    if (value.ok()) {
      *it = *std::move(value);
    } else {
      setting_problems.push_back(absl::StrCat(key, ": ", value.status().message()));
    }
  }
  if (!setting_problems.empty()) problems.push_back(absl::StrJoin(setting_problems, "; "));
  if (!problems.empty()) return absl::FailedPreconditionError(absl::StrJoin(problems, "; "));
  return inputs;
}

std::vector<std::string> SecretsOfInputs(const config::ComponentConfig& config,
                                         const plugin::LoadedPlugin& plugin,
                                         const ComponentInputs& inputs, OutputBook& outputs) {
  std::vector<std::string> secrets;
  for (const std::string& name : config.sensitive) {
    auto it = inputs.vars.find(name);
    if (it != inputs.vars.end()) AppendSecretsOf(*it, secrets);
  }
  AppendSecretsOfSettings(plugin, inputs.settings, secrets);
  std::vector<graph::ReferenceError> ignored;  // validate reported them
  for (const graph::Reference& ref : graph::ComponentReferences(config, &plugin, ignored)) {
    std::optional<Outputs> found = outputs.Find(ref.component);
    if (!found) continue;
    auto it = found->find(ref.output);
    if (it != found->end() && it->second.sensitive()) AppendSecretsOf(it->second, secrets);
  }
  return secrets;
}

}  // namespace gantry::run
