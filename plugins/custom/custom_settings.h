// The settings of a `custom` component, parsed and checked.
#ifndef GANTRY_PLUGINS_CUSTOM_CUSTOM_SETTINGS_H_
#define GANTRY_PLUGINS_CUSTOM_CUSTOM_SETTINGS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::custom {

/// commands.<operation> as argv vectors (with shell = true: {"/bin/sh", "-c", text}).
struct CustomSettings {
  bool shell = false;
  std::map<std::string, std::vector<std::string>> commands;
  /// vars exported to the environment: name -> value as text.
  std::map<std::string, std::string> environment;
};

/// Parses settings_json and vars_json. Every problem is appended to `errors` in words a
/// user can act on; the result is usable only when `errors` stayed empty.
CustomSettings ParseCustomSettings(std::string_view settings_json, std::string_view vars_json,
                                   std::vector<std::string>& errors);

}  // namespace gantry::custom

#endif  // GANTRY_PLUGINS_CUSTOM_CUSTOM_SETTINGS_H_
