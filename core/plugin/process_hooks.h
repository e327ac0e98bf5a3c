// A plugin run out of gantry's process, in a gantry-plugin-host of its own: a crash, an
// exit() or a hang in the plugin fails only the hooks it was running, and the next hook
// starts a fresh host.
#ifndef GANTRY_CORE_PLUGIN_PROCESS_HOOKS_H_
#define GANTRY_CORE_PLUGIN_PROCESS_HOOKS_H_

#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/plugin/host_process.h"
#include "core/plugin/loaded_plugin.h"
#include "core/plugin/plugin_hooks.h"
#include "core/plugin/plugin_policy.h"

namespace gantry::plugin {

/// Time limits for a plugin out of process.
struct HostLimits {
  /// validate, discover, check_saved_plan, recognize and loading: quick, read-only hooks.
  absl::Duration check = absl::Seconds(60);
  /// A cancelled execute ([plugins.NAME] stop_timeout): the children's own stop grace
  /// (5 s) and as much again.
  absl::Duration cancel_grace = absl::Seconds(10);
};

/// The plugin host program: $GANTRY_PLUGIN_HOST, else gantry-plugin-host beside the
/// running program.
std::string PluginHostProgram();

/// Loads the plugin at `path` in a plugin host process, with the policy's hook_timeout
/// and stop_timeout for its name. Refused as LoadPlugin refuses (the host loads it with
/// the same checks), and when the host cannot start, or ends or hangs while loading.
absl::StatusOr<std::unique_ptr<LoadedPlugin>> LoadPluginInHost(const std::string& path,
                                                               const PluginPolicy& policy = {});

class ProcessHooks : public PluginHooks {
 public:
  ProcessHooks(std::string program, std::unique_ptr<HostProcess> host, HostLimits limits);

  gantry_status Run(CallContext& context, const HookCall& call) override;
  const void* GetExtension(const std::string&) override { return nullptr; }
  void BeginShutdown() override;
  bool isolated() const override { return true; }

  /// The running host's process id (tests kill it); 0 when none runs.
  pid_t host_pid() const;

 private:
  /// The running host, or a fresh one when the last ended; null (reason reported) when
  /// none can start.
  std::shared_ptr<HostProcess> Current(CallContext& context, const HookCall& call);

  const std::string program_;
  const HostLimits limits_;
  const PluginInfo info_;  // what the first host loaded; a restarted one must say the same
  mutable std::mutex mutex_;
  std::shared_ptr<HostProcess> host_;
  // Held around hooks of plugins without GANTRY_CAP_CONCURRENT, here rather than only in
  // the host: a hook waiting its turn is not in the host, so a crash there cannot take it.
  std::mutex serial_;
};

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_PROCESS_HOOKS_H_
