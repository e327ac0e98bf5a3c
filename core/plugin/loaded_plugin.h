// One plugin, loaded and negotiated: the only way the core calls into a plugin, whether
// its code runs in this process or in a plugin host process.
#ifndef GANTRY_CORE_PLUGIN_LOADED_PLUGIN_H_
#define GANTRY_CORE_PLUGIN_LOADED_PLUGIN_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/plugin/call_context.h"
#include "core/plugin/component_view.h"
#include "core/plugin/output_spec.h"
#include "core/plugin/plugin_hooks.h"
#include "core/plugin/plugin_info.h"
#include "core/plugin/setting_spec.h"
#include "gantry/plugin.h"

namespace gantry::plugin {

/// A loaded plugin: what it declared, and the hooks that run its code. Thread-safe:
/// hooks of a plugin without GANTRY_CAP_CONCURRENT are serialized.
class LoadedPlugin {
 public:
  LoadedPlugin(PluginInfo info, std::unique_ptr<PluginHooks> hooks);
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  const PluginInfo& info() const { return info_; }
  const std::string& path() const { return info_.path; }
  const std::string& name() const { return info_.name; }
  const std::string& version() const { return info_.version; }
  const std::string& description() const { return info_.description; }
  uint32_t abi_version() const { return info_.abi_version; }
  /// The descriptor size the plugin was built with (smaller = older SDK).
  uint32_t descriptor_size() const { return info_.descriptor_size; }
  uint64_t capabilities() const { return info_.capabilities; }
  const std::vector<std::string>& component_types() const { return info_.types; }
  /// Empty: plan/apply/destroy. {"*"}: any.
  const std::vector<std::string>& operations() const { return info_.operations; }
  bool SupportsOperation(const std::string& operation) const;
  /// The settings its types take (gantry_plugin.settings); nullopt: not declared, every
  /// key is passed on unchecked.
  const std::optional<std::vector<SettingSpec>>& settings() const { return info_.settings; }
  /// The outputs every component of its types has (gantry_plugin.outputs); nullopt: not
  /// declared (discover's declarations are then ignored too).
  const DeclaredOutputs& outputs() const { return info_.outputs; }

  bool has_validate() const { return info_.has_validate; }
  bool has_discover() const { return info_.has_discover; }
  bool has_execute() const { return info_.has_execute; }
  /// GANTRY_CAP_SAVED_PLANS: it saves plans in plan_dir and applies a saved one exactly.
  bool saves_plans() const { return (info_.capabilities & GANTRY_CAP_SAVED_PLANS) != 0; }

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
  bool has_recognize() const { return info_.has_recognize; }
  /// The plugin's extension with this id, or nullptr (always, for a plugin run out of
  /// process).
  const void* GetExtension(const std::string& id) const;
  /// Starts shutting the plugin down without waiting (a plugin host is told to end), so
  /// that many end side by side; the destructor finishes it.
  void BeginShutdown() const { hooks_->BeginShutdown(); }
  /// Where its code runs: "plugin host" (a process of its own) or "in process".
  std::string runs_in() const { return hooks_->isolated() ? "plugin host" : "in process"; }

 private:
  PluginInfo info_;
  std::unique_ptr<PluginHooks> hooks_;
};

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_LOADED_PLUGIN_H_
