// A plugin's hooks called directly, in this process: the library stays mapped as long as
// the object lives, and shutdown is called when it goes.
#ifndef GANTRY_CORE_PLUGIN_IN_PROCESS_HOOKS_H_
#define GANTRY_CORE_PLUGIN_IN_PROCESS_HOOKS_H_

#include <memory>
#include <mutex>
#include <string>

#include "core/plugin/plugin_hooks.h"
#include "gantry/plugin.h"

namespace gantry::plugin {

class LibraryHandle;  // keeps the shared object mapped (Boost.DLL), see plugin_loader.cc

class InProcessHooks : public PluginHooks {
 public:
  /// `original` is the plugin's own descriptor (handed back to every hook, as the ABI
  /// promises); `copy` the host's zero-filled copy, read for members.
  InProcessHooks(std::unique_ptr<LibraryHandle> library, const gantry_plugin* original,
                 const gantry_plugin& copy);
  ~InProcessHooks() override;

  gantry_status Run(CallContext& context, const HookCall& call) override;
  const void* GetExtension(const std::string& id) override;

 private:
  std::unique_ptr<LibraryHandle> library_;
  const gantry_plugin* original_;
  gantry_plugin descriptor_;
  std::mutex serial_;  // held around hooks of plugins without GANTRY_CAP_CONCURRENT
};

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_IN_PROCESS_HOOKS_H_
