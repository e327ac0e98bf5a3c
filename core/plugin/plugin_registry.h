// Every plugin found on the search path, indexed by the component types they provide.
#ifndef GANTRY_CORE_PLUGIN_PLUGIN_REGISTRY_H_
#define GANTRY_CORE_PLUGIN_PLUGIN_REGISTRY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "core/plugin/loaded_plugin.h"
#include "core/plugin/plugin_policy.h"

namespace gantry::plugin {

/// A plugin file that could not be used, and why.
struct LoadError {
  std::string path;
  std::string message;
};

/// Owns the loaded plugins. Built once at start-up on the main thread, then read-only
/// (safe to read from any thread). Plugins stay loaded until the registry is destroyed.
class PluginRegistry {
 public:
  /// Loads every "*.so" file in each directory, in order. A directory that does not
  /// exist is skipped; a file name already loaded from an earlier directory is
  /// shadowed (like PATH). Failures are collected in errors(), never fatal here; a plugin
  /// claiming a component type already claimed by another is refused as well.
  /// `policy` says which run in a plugin host process (plugin_policy.h).
  static std::unique_ptr<PluginRegistry> Load(const std::vector<std::string>& directories,
                                              PluginPolicy policy = DefaultPluginPolicy());

  PluginRegistry() = default;
  ~PluginRegistry();
  PluginRegistry(const PluginRegistry&) = delete;
  PluginRegistry& operator=(const PluginRegistry&) = delete;

  /// Adds one plugin file (absolute or relative path). Errors go to errors().
  void AddFile(const std::string& path);
  /// Takes a plugin already loaded (or built in memory: tests' fakes), refused into
  /// errors() when one of its types or its name is taken.
  void Adopt(std::unique_ptr<LoadedPlugin> plugin);

  const std::vector<std::unique_ptr<LoadedPlugin>>& plugins() const { return plugins_; }
  const std::vector<LoadError>& errors() const { return errors_; }
  /// The directories Load looked in, in order, each with " (missing)" when it does not
  /// exist: what "unknown type" messages show, so a user sees where plugins were sought.
  const std::vector<std::string>& searched() const { return searched_; }
  /// The plugin providing `type`, or nullptr.
  const LoadedPlugin* ForType(const std::string& type) const;
  /// The plugin named `name`, or nullptr.
  const LoadedPlugin* ByName(const std::string& name) const;
  /// Every known component type, sorted (for "did you mean" and error messages).
  std::vector<std::string> ComponentTypes() const;

 private:
  /// Takes a plugin loaded from `path` the way policy_.ForFile says (reloaded the other
  /// way when the policy says so for its name), or records why it could not be used.
  void Register(const std::string& path, absl::StatusOr<std::unique_ptr<LoadedPlugin>> loaded);

  PluginPolicy policy_ = DefaultPluginPolicy();
  std::vector<std::unique_ptr<LoadedPlugin>> plugins_;
  std::vector<LoadError> errors_;
  std::vector<std::string> searched_;
  absl::flat_hash_map<std::string, const LoadedPlugin*> by_type_;
};

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_PLUGIN_REGISTRY_H_
