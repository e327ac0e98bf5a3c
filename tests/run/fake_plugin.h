// Test double: a plugin built in memory whose execute is a function of the test's, so
// that a component's run is driven without a library, a process or real time.
#ifndef GANTRY_TESTS_RUN_FAKE_PLUGIN_H_
#define GANTRY_TESTS_RUN_FAKE_PLUGIN_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/plugin/loaded_plugin.h"
#include "core/plugin/plugin_hooks.h"
#include "gantry/plugin.h"

namespace gantry::run {

/// What the fake's execute does: the call's context, the component and the operation.
using FakeExecute = std::function<gantry_status(plugin::CallContext&, const plugin::ComponentData&,
                                                const std::string& operation)>;

class FakeHooks : public plugin::PluginHooks {
 public:
  explicit FakeHooks(FakeExecute execute) : execute_(std::move(execute)) {}
  gantry_status Run(plugin::CallContext& context, const plugin::HookCall& call) override {
    return execute_(context, *call.component, call.argument);
  }
  const void* GetExtension(const std::string&) override { return nullptr; }

 private:
  FakeExecute execute_;
};

/// A plugin named "fake" providing type "fake" with only an execute hook; concurrent;
/// with `settings` declared.
inline std::unique_ptr<plugin::LoadedPlugin> MakeFakePlugin(
    FakeExecute execute, std::optional<std::vector<plugin::SettingSpec>> settings = {}) {
  plugin::PluginInfo info;
  info.path = "/fake/libfake.so";
  info.name = "fake";
  info.version = "1.0.0";
  info.abi_version = GANTRY_ABI_VERSION;
  info.capabilities = GANTRY_CAP_CONCURRENT;
  info.types = {"fake"};
  info.has_execute = true;
  info.settings = std::move(settings);
  return std::make_unique<plugin::LoadedPlugin>(std::move(info),
                                                std::make_unique<FakeHooks>(std::move(execute)));
}

}  // namespace gantry::run

#endif  // GANTRY_TESTS_RUN_FAKE_PLUGIN_H_
