// What a component's plugin receives as settings and vars: references to other
// components' outputs replaced by their values, and the secrets those inputs carry.
#ifndef GANTRY_CORE_RUN_COMPONENT_INPUTS_H_
#define GANTRY_CORE_RUN_COMPONENT_INPUTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/config/deployment.h"
#include "core/graph/references.h"
#include "core/plugin/loaded_plugin.h"
#include "core/run/output_book.h"
#include "nlohmann/json.hpp"

namespace gantry::run {

struct ComponentInputs {
  nlohmann::json settings;
  nlohmann::json vars;
};

/// Replaces every reference in `config`'s vars, and in the settings `plugin` declares as
/// holding them, by the value `lookup` gives; every other setting stays as written.
/// Fails with each problem (vars first, then settings by key), joined by "; ".
absl::StatusOr<ComponentInputs> ResolveInputs(const config::ComponentConfig& config,
                                              const plugin::LoadedPlugin& plugin,
                                              const graph::OutputLookup& lookup,
                                              const graph::RecordedOutputs& recorded);

/// The secrets of resolved `inputs`: the vars `config` marks sensitive, the settings the
/// plugin declares sensitive, and the values of sensitive outputs its references read
/// (from `outputs`).
std::vector<std::string> SecretsOfInputs(const config::ComponentConfig& config,
                                         const plugin::LoadedPlugin& plugin,
                                         const ComponentInputs& inputs, OutputBook& outputs);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_COMPONENT_INPUTS_H_
