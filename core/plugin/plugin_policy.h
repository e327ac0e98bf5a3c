// Where each plugin's code runs: in gantry's process or in a plugin host process.
#ifndef GANTRY_CORE_PLUGIN_PLUGIN_POLICY_H_
#define GANTRY_CORE_PLUGIN_PLUGIN_POLICY_H_

#include <map>
#include <optional>
#include <string>

#include "absl/time/time.h"

namespace gantry::plugin {

enum class Isolation { kInProcess, kProcess };

/// The default: the plugins shipped with gantry (its own plugin directory) run in
/// process; every other runs in a plugin host, so that a fault in code shipped by
/// someone else cannot end the run. [plugins.NAME] isolation overrides it per plugin,
/// GANTRY_PLUGIN_ISOLATION for every plugin without its own setting.
struct PluginPolicy {
  std::string bundled_dir;  ///< plugins from here run in process by default
  std::optional<Isolation> every;  ///< GANTRY_PLUGIN_ISOLATION
  std::map<std::string, Isolation> by_name;  ///< [plugins.NAME] isolation
  std::map<std::string, absl::Duration> hook_timeout;  ///< [plugins.NAME] hook_timeout
  std::map<std::string, absl::Duration> stop_timeout;  ///< [plugins.NAME] stop_timeout

  /// Before the plugin's name is known: by where its file is.
  Isolation ForFile(const std::string& path) const;
  /// Once it is known: its own setting, else ForFile's answer.
  Isolation For(const std::string& name, const std::string& path) const;
};

/// The policy without a project: the default and GANTRY_PLUGIN_ISOLATION (an unknown
/// value is ignored with a warning on stderr).
PluginPolicy DefaultPluginPolicy();

/// "process" / "inprocess"; nullopt for anything else.
std::optional<Isolation> ParseIsolation(const std::string& text);

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_PLUGIN_POLICY_H_
