// What a component's vars_json and sensitive_json say, as every type reads them.
#ifndef GANTRY_PLUGINS_KIT_COMPONENT_VALUES_H_
#define GANTRY_PLUGINS_KIT_COMPONENT_VALUES_H_

#include <set>
#include <string>
#include <string_view>

namespace gantry::kit {

/// Whether vars_json holds any var ("{}" and blank text do not).
bool HasVars(std::string_view vars_json);

/// The names in the component's `sensitive` list: an output of one of these names is
/// recorded as sensitive. Text that is not a JSON list of strings gives none.
std::set<std::string> SensitiveNames(std::string_view sensitive_json);

}  // namespace gantry::kit

#endif  // GANTRY_PLUGINS_KIT_COMPONENT_VALUES_H_
