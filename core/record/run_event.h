// One state change of a run: a line of the journal and of `--events FILE`.
#ifndef GANTRY_CORE_RECORD_RUN_EVENT_H_
#define GANTRY_CORE_RECORD_RUN_EVENT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/record/run_record.h"

namespace gantry::record {

/// The version of the JSON-lines format of journals and event files; bumped on any
/// incompatible change (readers refuse newer versions): a new event kind, a field renamed,
/// removed or given another meaning. Adding an optional field is compatible: readers
/// ignore fields they do not know.
inline constexpr int kEventSchemaVersion = 1;

/// A selected component as announced by run_started.
struct PlannedComponent {
  std::string name;
  std::string type;
  /// ComponentRecord::needs: the run's components it depends on, sorted. Journals written
  /// before it was recorded have none.
  std::vector<std::string> needs;
  bool operator==(const PlannedComponent&) const = default;
};

struct RunEvent {
  enum class Kind {
    /// run_id, operation, target, deployment_file, total, max_concurrency, components,
    /// resumed_from (empty unless --resume)
    kRunStarted,
    kComponentStarted,   ///< component, slot, attempt (1-based), log_path
    kComponentRetrying,  ///< component, attempt that failed, error, delay before the next
    /// component, status (ok/failed/cancelled/blocked), attempt, error, nothing_to_do,
    /// changes, outputs, workspace (when kept), blocked_on, placeholders, planned_inputs
    kComponentFinished,
    kComponentSkipped,   ///< component, skip_cause
    /// component, reused_from, outputs: a --resume run takes the component's success and
    /// outputs from an earlier run instead of executing it.
    kComponentReused,
    kRunFinished,        ///< exit_code, write_errors
  };
  Kind kind = Kind::kRunStarted;
  absl::Time time;
  std::string run_id;
  // Run events.
  std::string operation;
  std::string target;
  std::string deployment_file;
  int total = 0;
  int max_concurrency = 1;
  std::vector<PlannedComponent> components;
  std::string resumed_from;
  int exit_code = 0;
  std::vector<std::string> write_errors;  ///< run_finished: RunRecord::write_errors so far
  // Component events.
  std::string component;
  int slot = -1;
  int attempt = 0;
  ComponentStatus status = ComponentStatus::kPending;
  std::string skip_cause;
  std::string error;  ///< masked
  absl::Duration retry_delay = absl::ZeroDuration();
  std::string log_path;
  bool nothing_to_do = false;
  std::optional<Changes> changes;  ///< component_finished: what the plugin reported
  /// Sensitive values are never written out: every serialized form shows kMaskedValue.
  std::map<std::string, OutputValue> outputs;
  std::string workspace;
  std::string reused_from;
  /// component_finished of a plan: ComponentRecord's blocked_on, placeholders and
  /// planned_inputs.
  std::vector<std::string> blocked_on;
  std::vector<std::string> placeholders;
  std::vector<std::string> planned_inputs;
  /// run_started of `apply --from-plan`: the plan's run id.
  std::string from_plan;
};

// Builders of each kind from the run's records, so every writer fills the same fields.

/// run_started at run.started, listing run.components.
RunEvent RunStartedEvent(const RunRecord& run);
/// component_started: `component` begins attempt `attempt` at `time` (component.slot,
/// component.log_path).
RunEvent ComponentStartedEvent(const RunRecord& run, const ComponentRecord& component,
                               int attempt, absl::Time time);
/// component_retrying: attempt `attempt` failed with `error`; the next begins after `delay`.
RunEvent ComponentRetryingEvent(const RunRecord& run, const ComponentRecord& component,
                                int attempt, std::string error, absl::Duration delay,
                                absl::Time time);
/// component_finished at component.finished with its status, attempts, error, outputs...
RunEvent ComponentFinishedEvent(const RunRecord& run, const ComponentRecord& component);
/// component_skipped at component.finished (the time it was skipped) with its skip_cause.
RunEvent ComponentSkippedEvent(const RunRecord& run, const ComponentRecord& component);
/// component_reused at `time`: component.reused_from and component.outputs.
RunEvent ComponentReusedEvent(const RunRecord& run, const ComponentRecord& component,
                              absl::Time time);
/// run_finished at run.finished with run.exit_code and run.write_errors.
RunEvent RunFinishedEvent(const RunRecord& run);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_RUN_EVENT_H_
