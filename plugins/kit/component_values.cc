#include "kit/component_values.h"

#include "gantry/json.hpp"

namespace gantry::kit {

bool HasVars(std::string_view vars_json) {
  return vars_json.find_first_not_of(" \t\r\n{}") != std::string_view::npos;
}

std::set<std::string> SensitiveNames(std::string_view sensitive_json) {
  std::set<std::string> names;
  try {
    const json::Value list = json::Parse(sensitive_json);
    if (list.is_array())
      for (const json::Value& name : list.as_array())
        if (name.is_string()) names.insert(name.as_string());
  } catch (const json::ParseError&) {
  }
  return names;
}

}  // namespace gantry::kit
