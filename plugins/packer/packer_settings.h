// The settings of a `packer` component, parsed and checked.
#ifndef GANTRY_PLUGINS_PACKER_PACKER_SETTINGS_H_
#define GANTRY_PLUGINS_PACKER_PACKER_SETTINGS_H_

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gantry/plugin.hpp"
#include "kit/common_settings.h"

namespace gantry::packer {

/// The packer subcommands `args.<command>` may add arguments to.
inline const std::vector<std::string_view> kArgCommands = {"validate", "build", "init"};

/// The grace between SIGINT and SIGKILL. On an interrupt packer runs each builder's
/// cleanup (terminating the build instance, deleting its temporary key pair, security
/// group and snapshots), which for a cloud builder takes minutes; killing it earlier
/// leaves those billed and behind.
inline constexpr std::chrono::minutes kDefaultStopTimeout{5};

struct PackerSettings {
  /// "packer" or a path.
  std::string binary = "packer";
  /// The template inside the source: a directory of .pkr.hcl files, one .pkr.hcl file or
  /// a legacy .json template; "" for the source directory itself.
  std::string template_path;
  /// Build names (globs) to run, or to leave out; at most one of the two is set.
  std::vector<std::string> only;
  std::vector<std::string> except;
  /// Extra environment of every packer command.
  std::map<std::string, std::string> env;
  /// Extra arguments per subcommand (kArgCommands), before the template.
  std::map<std::string, std::vector<std::string>> args;
  std::chrono::milliseconds stop_timeout = kDefaultStopTimeout;
  /// rebuild = "always": build on every apply, even from the inputs of the last build
  /// (default "on_change": see last_build.h).
  bool rebuild_always = false;
};

using kit::SettingProblem;

/// The settings the plugin declares (the host checks kinds and unknown keys with them).
std::vector<Setting> DeclaredSettings();

/// Parses settings_json. Every problem is appended to `problems`; the result is usable
/// only when none was added.
PackerSettings ParseSettings(std::string_view settings_json, std::vector<SettingProblem>& problems);

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_PACKER_SETTINGS_H_
