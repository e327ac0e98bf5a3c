#include "core/cli/session.h"

#include <filesystem>
#include <iostream>
#include <system_error>

#include "core/cli/exit_codes.h"
#include "core/config/config_loader.h"
#include "core/plugin/search_path.h"

namespace gantry::cli {

Session OpenSession(const GlobalOptions& options, bool config_required) {
  Session session;
  // Checked before any file is read: the target names directories under .gantry/.
  if (const std::string problem = config::CheckTargetName(options.target);
      !options.target.empty() && !problem.empty()) {
    std::cerr << "gantry: --target: target name '" << options.target << "' " << problem
              << "; a target name is letters, digits, '.', '_' and '-' in '/'-separated "
                 "segments (none empty, '.' or '..'), naming a [targets.NAME] table of the "
                 "deployment file\n";
    session.exit_code = kExitBadInput;
    return session;
  }
  std::string path = options.config_file;
  if (path.empty()) {
    absl::StatusOr<std::string> found =
        config::FindConfigFile(std::filesystem::current_path().string());
    if (found.ok()) {
      path = *found;
    } else if (config_required) {
      std::cerr << "gantry: " << found.status().message() << "\n";
      session.exit_code = kExitBadInput;
      return session;
    }
  }
  if (!path.empty()) {
    absl::StatusOr<config::Deployment> deployment = config::LoadDeployment(path, options.target, /*keep_component_problems=*/true);
    if (!deployment.ok()) {
      std::cerr << deployment.status().message() << "\n";
      session.exit_code = kExitBadInput;
      return session;
    }
    session.deployment = std::move(*deployment);
  }
  const std::vector<std::string> no_paths;
  plugin::PluginPolicy policy = plugin::DefaultPluginPolicy();
  if (session.deployment) {
    for (const auto& [name, options] : session.deployment->plugin_options) {
      if (options.isolation) policy.by_name[name] = *plugin::ParseIsolation(*options.isolation);
      if (options.hook_timeout) policy.hook_timeout[name] = *options.hook_timeout;
      if (options.stop_timeout) policy.stop_timeout[name] = *options.stop_timeout;
    }
  }
  session.plugins = plugin::PluginRegistry::Load(
      plugin::PluginSearchPath(session.deployment ? session.deployment->plugin_paths : no_paths),
      std::move(policy));
  if (session.deployment) {
    for (const std::string& dir : session.deployment->plugin_paths) {
      std::error_code ec;
      if (!std::filesystem::is_directory(dir, ec))
        std::cerr << "gantry: warning: plugin path " << dir << " (plugin_paths in "
                  << session.deployment->file << ") is not a directory; no plugin is loaded "
                  << "from it\n";
    }
  }
  if (session.deployment) {
    for (const auto& [name, options] : session.deployment->plugin_options) {
      if (session.plugins->ByName(name) == nullptr)
        std::cerr << "gantry: warning: " << options.where.ToString() << ": [plugins." << name
                  << "] names no plugin that is loaded; check the name (gantry plugins list)\n";
    }
  }
  for (const plugin::LoadError& error : session.plugins->errors()) {
    std::cerr << "gantry: " << error.message << "\n";
    session.exit_code = kExitPluginLoad;
  }
  return session;
}

}  // namespace gantry::cli
