// One state change of a run: a line of the journal and of `--events FILE`.
#ifndef GANTRY_CORE_RECORD_RUN_EVENT_H_
#define GANTRY_CORE_RECORD_RUN_EVENT_H_

#include <string>

#include "absl/time/time.h"
#include "core/record/run_record.h"

namespace gantry::record {

/// The version of the JSON-lines format of journals and event files; bumped on any
/// incompatible change (readers refuse newer versions): a new event kind, a field renamed,
/// removed or given another meaning. Adding an optional field is compatible: readers
/// ignore fields they do not know.
inline constexpr int kEventSchemaVersion = 1;

/// One line of a run's journal or events file. Which fields each kind carries, and in
/// which of the three records below, is listed once in event_fields.h; the builders
/// below, the JSON form and the journal replay all follow that list.
struct RunEvent {
  enum class Kind {
    kRunStarted,
    kComponentStarted,
    kComponentRetrying,
    kComponentFinished,
    kComponentSkipped,
    /// A --resume run takes the component's success and outputs from an earlier run
    /// instead of executing it.
    kComponentReused,
    kRunFinished,
  };
  Kind kind = Kind::kRunStarted;
  /// Of the event itself; which record time it gives (a run's or component's start or
  /// end, an attempt's) depends on the kind.
  absl::Time time;
  /// Every kind: run_id. Run events: the run's fields their kind carries; run_started's
  /// components hold their planned fields only (name, type, needs).
  RunRecord run;
  /// Component events: name, and the component's fields their kind carries.
  ComponentRecord component;
  /// component_started and component_retrying: the attempt's number; retrying: its error
  /// (masked) and the delay before the next.
  AttemptRecord attempt;
};

// Builders of each kind from the run's records, so every writer fills the same fields:
// each copies from `run` and `component` the fields its kind carries (event_fields.h).

/// run_started at run.started.
RunEvent RunStartedEvent(const RunRecord& run);
/// component_started: `component` begins attempt `attempt` at `time`.
RunEvent ComponentStartedEvent(const RunRecord& run, const ComponentRecord& component,
                               int attempt, absl::Time time);
/// component_retrying: attempt `attempt` failed with `error`; the next begins after `delay`.
RunEvent ComponentRetryingEvent(const RunRecord& run, const ComponentRecord& component,
                                int attempt, std::string error, absl::Duration delay,
                                absl::Time time);
/// component_finished at component.finished.
RunEvent ComponentFinishedEvent(const RunRecord& run, const ComponentRecord& component);
/// component_skipped at component.finished (the time it was skipped).
RunEvent ComponentSkippedEvent(const RunRecord& run, const ComponentRecord& component);
/// component_reused at `time`.
RunEvent ComponentReusedEvent(const RunRecord& run, const ComponentRecord& component,
                              absl::Time time);
/// run_finished at run.finished.
RunEvent RunFinishedEvent(const RunRecord& run);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_RUN_EVENT_H_
