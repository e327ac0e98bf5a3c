// TOML values as JSON: the form settings and vars take when handed to plugins.
#ifndef GANTRY_CORE_CONFIG_TOML_JSON_H_
#define GANTRY_CORE_CONFIG_TOML_JSON_H_

#include <toml++/toml.h>

#include "nlohmann/json.hpp"

namespace gantry::config {

/// Converts any TOML node; dates and times become their TOML text.
nlohmann::json TomlToJson(const toml::node& node);

}  // namespace gantry::config

#endif  // GANTRY_CORE_CONFIG_TOML_JSON_H_
