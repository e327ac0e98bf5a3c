// Runs a plugin's hooks, wherever its code lives: in this process (InProcessHooks) or in
// a plugin host process of its own (ProcessHooks). LoadedPlugin is the core's view of both.
#ifndef GANTRY_CORE_PLUGIN_PLUGIN_HOOKS_H_
#define GANTRY_CORE_PLUGIN_PLUGIN_HOOKS_H_

#include <cstdint>
#include <string>

#include "core/plugin/call_context.h"
#include "core/plugin/component_view.h"
#include "gantry/abi.h"

namespace gantry::plugin {

enum class Hook : uint8_t { kValidate = 1, kDiscover, kExecute, kCheckSavedPlan, kRecognize };

/// The hook's name as the ABI spells it ("validate", "check_saved_plan").
inline const char* HookName(Hook hook) {
  switch (hook) {
    case Hook::kValidate: return "validate";
    case Hook::kDiscover: return "discover";
    case Hook::kExecute: return "execute";
    case Hook::kCheckSavedPlan: return "check_saved_plan";
    case Hook::kRecognize: return "recognize";
  }
  return "hook";
}

/// One hook call: the component (every hook but recognize) and the hook's string argument
/// (execute's operation, recognize's directory).
struct HookCall {
  Hook hook = Hook::kValidate;
  const ComponentData* component = nullptr;
  std::string argument;
};

class PluginHooks {
 public:
  virtual ~PluginHooks() = default;
  /// Runs a hook the plugin has (LoadedPlugin checked), serving its host calls through
  /// `context`; returns a GANTRY_STATUS_*.
  virtual gantry_status Run(CallContext& context, const HookCall& call) = 0;
  /// The plugin's extension with this id, or nullptr (always, out of process: a pointer
  /// into another process means nothing here).
  virtual const void* GetExtension(const std::string& id) = 0;
  /// True when the plugin's code runs in a plugin host process, not in gantry's.
  virtual bool isolated() const { return false; }
  /// Starts ending what runs the hooks without waiting (see LoadedPlugin::BeginShutdown).
  virtual void BeginShutdown() {}
};

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_PLUGIN_HOOKS_H_
