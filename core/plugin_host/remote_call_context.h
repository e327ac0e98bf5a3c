// The plugin host's CallContext for one hook call: every service the plugin asks of the
// host (through the ordinary host table, with all its checks) is carried out by gantry,
// on the real context of the hook.
#ifndef GANTRY_CORE_PLUGIN_HOST_REMOTE_CALL_CONTEXT_H_
#define GANTRY_CORE_PLUGIN_HOST_REMOTE_CALL_CONTEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/plugin/call_context.h"
#include "core/plugin/host_protocol.h"
#include "core/plugin_host/gantry_link.h"

namespace gantry::plugin_host {

class RemoteCallContext : public plugin::CallContext {
 public:
  RemoteCallContext(GantryLink& link, uint64_t hook_id) : link_(link), hook_id_(hook_id) {}

  void Write(int32_t stream, std::string_view data) override;
  plugin::SpawnOutcome Spawn(const plugin::SpawnRequest& request, plugin::SpawnOutputFn on_output,
                             void* user_data) override;
  bool IsCancelled() override;
  std::string SetOutput(std::string key, std::string value, uint32_t flags) override;
  void ReportError(std::string message) override;
  std::string AddDependency(std::string component, std::string reason) override;
  void Log(int32_t level, std::string_view message) override;
  std::string DeclareOutput(std::string name, uint32_t flags, std::string description) override;
  std::string ReportChanges(const plugin::ChangeSummary& changes) override;
  std::string ProvideKey(std::string key) override;
  std::string NeedKey(std::string key, std::string reason) override;
  std::string ReportBusy(std::string resource, std::string reason) override;
  std::string ReportFile(std::string path, std::string reason) override;
  std::string ProposeComponent(plugin::ComponentProposal proposal) override;
  void ReportDiagnostic(int32_t severity, std::string setting, std::string message) override;

 private:
  /// A request frame for `method`, with id `id` (0: not answered).
  plugin::wire::Writer Request(plugin::protocol::Method method, uint64_t id) const;
  /// Sends a request built by `fill` and returns the refusal text the reply carries.
  template <class Fill>
  std::string AskRefusal(plugin::protocol::Method method, Fill fill);

  GantryLink& link_;
  uint64_t hook_id_;
};

}  // namespace gantry::plugin_host

#endif  // GANTRY_CORE_PLUGIN_HOST_REMOTE_CALL_CONTEXT_H_
