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
///
/// 2: the admission kinds (component_ready, component_deferred, component_admitted,
/// limit_changed), written to --events only; journals hold none. Each line carries the
/// version its kind needs (SchemaVersionOf): the other kinds stay 1, so journals and
/// their lines stay readable by a gantry that reads 1.
inline constexpr int kEventSchemaVersion = 2;

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
    // Admission (schema 2; --events only: IsAdmission).
    /// Nothing it waits on is left (or its back-off is over).
    kComponentReady,
    /// Ready, it does not start now: why (a limit, a back-off, a busy resource).
    kComponentDeferred,
    /// It starts now (component_started follows): how long it waited, mostly why.
    kComponentAdmitted,
    /// An adaptive group's limit changed.
    kLimitChanged,
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
  /// The admission kinds' own fields.
  AdmissionRecord admission;
};

/// The kinds that explain waits (schema 2): written to --events, not to journals.
inline bool IsAdmission(RunEvent::Kind kind) {
  return kind == RunEvent::Kind::kComponentReady || kind == RunEvent::Kind::kComponentDeferred ||
         kind == RunEvent::Kind::kComponentAdmitted || kind == RunEvent::Kind::kLimitChanged;
}

/// The schema version a line of `kind` is written with: the first that has the kind.
inline int SchemaVersionOf(RunEvent::Kind kind) { return IsAdmission(kind) ? 2 : 1; }

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
/// component_ready, component_deferred and component_admitted of `component` at `time`,
/// with `admission`'s fields their kind carries.
RunEvent ComponentAdmissionEvent(RunEvent::Kind kind, const RunRecord& run,
                                 const ComponentRecord& component, AdmissionRecord admission,
                                 absl::Time time);
/// limit_changed at `time`.
RunEvent LimitChangedEvent(const RunRecord& run, AdmissionRecord change, absl::Time time);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_RUN_EVENT_H_
