// The `sensitive` list masks a component's vars by name: a name that matches nothing masks
// nothing, and the value it meant is shown in clear. Checked at load, as every key is.
#ifndef GANTRY_CORE_CONFIG_SENSITIVE_NAMES_H_
#define GANTRY_CORE_CONFIG_SENSITIVE_NAMES_H_

#include <map>
#include <string>

#include "core/config/component_reader.h"
#include "core/config/deployment.h"
#include "core/config/diagnostics.h"
#include "nlohmann/json.hpp"

namespace gantry::config {

/// What would leave a secret in clear, at its place in the file:
/// - a warning for a name in `component.sensitive` that is a near miss of a var of `raw`
///   in some target (its own vars, its `targets.T.vars`, or a `[targets.T]` overlay's
///   `vars`, from `target_overlays`): a typo, most likely, so the var is not masked. A
///   warning, as the list also names outputs, which are known only once they are set;
/// - an error for a var written as a table with `sensitive = true` (Terraform's variable
///   block, or Atmos's habit) that `sensitive` does not list: gantry reads no such flag,
///   and would hand the plugin the whole table, value and all, as an ordinary value.
void CheckSensitiveNames(const RawComponent& raw, const ComponentConfig& component,
                         const std::map<std::string, nlohmann::json>& target_overlays,
                         Diagnostics& diagnostics);

}  // namespace gantry::config

#endif  // GANTRY_CORE_CONFIG_SENSITIVE_NAMES_H_
