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
  /// Files the commands write for other components, as the user wrote them (relative to
  /// the source directory, or the project's when the component has no source).
  std::vector<std::string> produces;
};

/// A problem with one setting: its dotted path ("commands.apply", "vars.X"; empty for
/// the component) and words a user can act on.
struct SettingProblem {
  std::string setting;
  std::string message;
};

/// Parses settings_json and vars_json. Every problem is appended to `errors`; the result
/// is usable only when `errors` stayed empty.
CustomSettings ParseCustomSettings(std::string_view settings_json, std::string_view vars_json,
                                   std::vector<SettingProblem>& errors);

}  // namespace gantry::custom

#endif  // GANTRY_PLUGINS_CUSTOM_CUSTOM_SETTINGS_H_
