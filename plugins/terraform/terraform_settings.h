// The settings of a `terraform` component, parsed and checked.
#ifndef GANTRY_PLUGINS_TERRAFORM_TERRAFORM_SETTINGS_H_
#define GANTRY_PLUGINS_TERRAFORM_TERRAFORM_SETTINGS_H_

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gantry/plugin.hpp"
#include "kit/common_settings.h"

namespace gantry::terraform {

/// The terraform subcommands `args.<command>` may add arguments to.
inline const std::vector<std::string_view> kArgCommands = {"init",   "plan", "apply", "destroy",
                                                           "output", "show", "workspace"};

/// terraform's default grace between SIGINT and SIGKILL: long enough for it to finish
/// the resource in flight, write its state and release the state lock.
inline constexpr std::chrono::seconds kDefaultStopTimeout{60};

struct TerraformSettings {
  /// "terraform", "tofu", or a path.
  std::string binary = "terraform";
  /// The terraform workspace: the target's name, "default" for the default target.
  std::string workspace;
  /// Extra environment of every terraform command.
  std::map<std::string, std::string> env;
  /// Extra arguments per subcommand (kArgCommands), appended after gantry's own.
  std::map<std::string, std::vector<std::string>> args;
  std::chrono::milliseconds stop_timeout = kDefaultStopTimeout;
  /// Copy a .terraform.lock.hcl written by init back beside the sources.
  bool copy_lock_file = true;
  /// The root module's directory inside the component's source; "" for the source itself.
  std::string root;
};

using kit::SettingProblem;

/// The settings the plugin declares (the host checks kinds and unknown keys with them).
std::vector<Setting> DeclaredSettings();

/// Parses settings_json for a component of `target`. Every problem is appended to
/// `problems`; the result is usable only when none was added.
TerraformSettings ParseSettings(std::string_view settings_json, std::string_view target,
                                std::vector<SettingProblem>& problems);

/// Whether terraform accepts `name` as a workspace name: letters, digits, '-', '_', '.'.
bool IsWorkspaceName(std::string_view name);

/// `dir` + "/" + `root`, or `dir` when root is empty.
std::string ModuleDir(std::string_view dir, const TerraformSettings& settings);

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_TERRAFORM_SETTINGS_H_
