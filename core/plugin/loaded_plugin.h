// One plugin library, loaded and negotiated: the only way the core calls into a plugin.
#ifndef GANTRY_CORE_PLUGIN_LOADED_PLUGIN_H_
#define GANTRY_CORE_PLUGIN_LOADED_PLUGIN_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "core/plugin/call_context.h"
#include "core/plugin/component_view.h"
#include "core/plugin/output_spec.h"
#include "core/plugin/setting_spec.h"
#include "gantry/plugin.h"

namespace gantry::plugin {

class LibraryHandle;  // keeps the shared object mapped (Boost.DLL), see plugin_loader.cc

/// A loaded plugin. Keeps its library mapped for as long as the object lives, so every
/// pointer the descriptor holds stays valid; calls shutdown before unmapping.
/// Thread-safe: hooks of a plugin without GANTRY_CAP_CONCURRENT are serialized.
class LoadedPlugin {
 public:
  LoadedPlugin(std::string path, std::unique_ptr<LibraryHandle> library,
               const gantry_plugin& descriptor);
  ~LoadedPlugin();
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  const std::string& path() const { return path_; }
  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  const std::string& description() const { return description_; }
  uint32_t abi_version() const { return descriptor_.abi_version; }
  /// The descriptor size the plugin was built with (smaller = older SDK).
  uint32_t descriptor_size() const { return declared_size_; }
  uint64_t capabilities() const { return descriptor_.capabilities; }
  const std::vector<std::string>& component_types() const { return types_; }
  /// Empty: plan/apply/destroy. {"*"}: any.
  const std::vector<std::string>& operations() const { return operations_; }
  bool SupportsOperation(const std::string& operation) const;
  /// The settings its types take (gantry_plugin.settings); nullopt: not declared, every
  /// key is passed on unchecked.
  const std::optional<std::vector<SettingSpec>>& settings() const { return settings_; }
  /// The outputs every component of its types has (gantry_plugin.outputs); nullopt: not
  /// declared (discover's declarations are then ignored too).
  const DeclaredOutputs& outputs() const { return outputs_; }

  bool has_validate() const { return descriptor_.validate != nullptr; }
  bool has_discover() const { return descriptor_.discover != nullptr; }
  bool has_execute() const { return descriptor_.execute != nullptr; }
  /// GANTRY_CAP_SAVED_PLANS: it saves plans in plan_dir and applies a saved one exactly.
  bool saves_plans() const { return (descriptor_.capabilities & GANTRY_CAP_SAVED_PLANS) != 0; }

  /// Each hook returns a GANTRY_STATUS_*. A missing validate/discover hook is OK (nothing
  /// to check or find); a missing execute is GANTRY_STATUS_UNSUPPORTED.
  gantry_status Validate(CallContext& context, const ComponentData& component) const;
  gantry_status Discover(CallContext& context, const ComponentData& component) const;
  gantry_status Execute(CallContext& context, const ComponentData& component,
                        const std::string& operation) const;
  /// Whether the plan saved in component.plan_dir can still be applied; a missing hook
  /// is OK (the host's own checks only).
  gantry_status CheckSavedPlan(CallContext& context, const ComponentData& component) const;
  /// 0.4, for `gantry init`: what in the directory `dir` (absolute) is a component of
  /// its types, proposed through the context. A missing hook is OK (recognises nothing).
  gantry_status Recognize(CallContext& context, const std::string& dir) const;
  bool has_recognize() const { return descriptor_.recognize != nullptr; }
  /// The plugin's extension with this id, or nullptr.
  const void* GetExtension(const std::string& id) const;

 private:
  template <class Hook>
  gantry_status Call(CallContext& context, Hook hook) const;

  std::string path_;
  std::unique_ptr<LibraryHandle> library_;
  const gantry_plugin* original_;  // handed back to every hook, as the ABI promises
  gantry_plugin descriptor_;        // the host's own zero-filled copy, read for members
  uint32_t declared_size_;
  std::string name_, version_, description_;
  std::vector<std::string> types_, operations_;
  std::optional<std::vector<SettingSpec>> settings_;
  DeclaredOutputs outputs_;
  mutable absl::Mutex serial_;  // held around hooks of non-concurrent plugins
};

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_LOADED_PLUGIN_H_
