// Scalars for the YAML the CI writers produce.
#ifndef GANTRY_CORE_CI_YAML_TEXT_H_
#define GANTRY_CORE_CI_YAML_TEXT_H_

#include <string>
#include <string_view>

#include "nlohmann/json.hpp"

namespace gantry::ci {

/// `text` as a double-quoted YAML scalar: JSON's string syntax is valid YAML, so no name
/// (a component called "on", "no" or "- x") is ever read as anything but a string.
inline std::string YamlString(std::string_view text) {
  return nlohmann::json(std::string(text)).dump();
}

}  // namespace gantry::ci

#endif  // GANTRY_CORE_CI_YAML_TEXT_H_
