// Settings most tool-driving types share (env, args per command, stop_timeout, a
// directory inside the source), read with the words a user can act on.
#ifndef GANTRY_PLUGINS_KIT_COMMON_SETTINGS_H_
#define GANTRY_PLUGINS_KIT_COMMON_SETTINGS_H_

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gantry/settings.hpp"

namespace gantry::kit {

/// A problem with one setting: its dotted path ("args.plan"; empty for the component)
/// and words a user can act on.
struct SettingProblem {
  std::string setting;
  std::string message;
};

/// Letters, digits and '_', not starting with a digit.
bool IsEnvName(std::string_view name);

/// A relative path without a '..' segment: it stays inside the directory it is read from.
bool IsInsideRelative(std::string_view path);

/// Runs `read`, turning a SettingError into a problem for `path`.
template <typename Read>
void Guarded(std::vector<SettingProblem>& problems, std::string_view path, Read read) {
  try {
    read();
  } catch (const SettingError& e) {
    problems.push_back({std::string(path), e.what()});
  }
}

/// `env` (a table of strings), every name checked.
std::map<std::string, std::string> ReadEnv(const Settings& settings,
                                           std::vector<SettingProblem>& problems);

/// `args` as a table of argument lists per command; a command not in `commands` is a
/// problem with a did-you-mean. `tool` names the program in messages ("packer").
std::map<std::string, std::vector<std::string>> ReadArgs(
    const Settings& settings, const std::vector<std::string_view>& commands,
    std::string_view tool, std::vector<SettingProblem>& problems);

/// `stop_timeout` as a duration ("90s"), `fallback` when absent.
std::chrono::milliseconds ReadStopTimeout(const Settings& settings,
                                          std::chrono::milliseconds fallback,
                                          std::vector<SettingProblem>& problems);

/// A path setting that must name something inside the source ("" when absent). `example`
/// completes "e.g. <name> = ..." in the message.
std::string ReadInsidePath(const Settings& settings, std::string_view name,
                           std::string_view example, std::vector<SettingProblem>& problems);

/// Settings parsed from component.settings_json, or a problem (and no settings).
Settings ParseSettingsJson(std::string_view settings_json, std::vector<SettingProblem>& problems);

}  // namespace gantry::kit

#endif  // GANTRY_PLUGINS_KIT_COMMON_SETTINGS_H_
