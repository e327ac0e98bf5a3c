// The CallContext of an execute hook: runs the plugin's children through the process
// runner and routes everything it writes to the component's streams.
#ifndef GANTRY_CORE_RUN_COMPONENT_CALL_CONTEXT_H_
#define GANTRY_CORE_RUN_COMPONENT_CALL_CONTEXT_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <mutex>
#include "absl/time/time.h"
#include "core/exec/cancel_token.h"
#include "core/exec/output_sink.h"
#include "core/exec/process_runner.h"
#include "core/exec/process_tag.h"
#include "core/plugin/call_context.h"
#include "core/plugin/component_view.h"
#include "core/record/run_record.h"
#include "core/stream/secret_set.h"

namespace gantry::run {

using record::OutputValue;

/// The run's secrets as one execute call sees them.
struct CallSecrets {
  /// The run's secrets (outliving the call): each sensitive output is added as it is set,
  /// before set_output returns, and the plugin's log messages are masked with them. Null:
  /// nothing is learned nor masked.
  stream::SecretSet* set = nullptr;
  /// The outputs the component's type declares sensitive: sensitive even when
  /// set_output forgets the flag.
  std::vector<std::string> declared_sensitive;
};

/// One execute call of one component. `streams` receives every byte the plugin and its
/// children write (the console/log side of stream injection); `deadline` bounds every
/// child (the component's timeout); `secrets` learns the sensitive outputs and masks the
/// log messages; `tag` is set in every child's environment (unless its run id is empty).
/// Thread-safe, as the ABI requires.
class ComponentCallContext : public plugin::CallContext {
 public:
  ComponentCallContext(const plugin::ComponentData& component, exec::ProcessRunner& runner,
                       const exec::CancelToken& cancel, exec::OutputSink& streams,
                       absl::Time deadline = absl::InfiniteFuture(), CallSecrets secrets = {},
                       exec::ProcessTag tag = {});

  void Write(int32_t stream, std::string_view data) override;
  plugin::SpawnOutcome Spawn(const plugin::SpawnRequest& request, plugin::SpawnOutputFn on_output,
                             void* user_data) override;
  bool IsCancelled() override;
  /// Takes the output with GANTRY_OUTPUT_SENSITIVE added when its type declares it so;
  /// a sensitive one is a secret of the run before this returns.
  std::string SetOutput(std::string key, std::string value, uint32_t flags) override;
  void ReportError(std::string message) override;
  std::string AddDependency(std::string component, std::string reason) override;
  void Log(int32_t level, std::string_view message) override;
  std::string ReportChanges(const plugin::ChangeSummary& changes) override;
  std::string ReportBusy(std::string resource, std::string reason) override;

  std::map<std::string, OutputValue> outputs() const;
  /// The last report_changes (a negative count read as not known); nullopt: none.
  std::optional<record::Changes> changes() const;
  std::vector<std::string> errors() const;
  /// A child was stopped because the deadline passed.
  bool timed_out() const;
  /// The last report_busy: the resource it waits for ("" : its own) and why; nullopt: none.
  std::optional<std::pair<std::string, std::string>> busy() const;

 private:
  const plugin::ComponentData& component_;
  exec::ProcessRunner& runner_;
  const exec::CancelToken& cancel_;
  exec::OutputSink& streams_;
  const absl::Time deadline_;
  const CallSecrets secrets_;
  const std::vector<std::string> tag_env_;
  mutable std::mutex mu_;
  std::map<std::string, OutputValue> outputs_;
  std::optional<record::Changes> changes_;
  std::vector<std::string> errors_;
  bool timed_out_ = false;
  std::optional<std::pair<std::string, std::string>> busy_;
};

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_COMPONENT_CALL_CONTEXT_H_
