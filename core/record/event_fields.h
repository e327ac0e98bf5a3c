// Which fields each kind of run event carries: the one list that the builders
// (run_event.cc), the JSON form written and read (event_json.cc) and the journal replay
// (journal_reader.cc) all follow. Adding a field to an event is adding a line here.
#ifndef GANTRY_CORE_RECORD_EVENT_FIELDS_H_
#define GANTRY_CORE_RECORD_EVENT_FIELDS_H_

#include "core/record/run_event.h"
#include "core/record/run_record.h"

namespace gantry::record {

/// How a field appears in an event's line.
enum class Presence {
  /// Always written; a line without it is refused.
  kRequired,
  /// Always written; absent (a journal older than the field) reads as the record's
  /// default.
  kDefaulted,
  /// Written only when it differs from the record's default (an empty text or list,
  /// false, no changes); absent reads as that default.
  kOmitEmpty,
};

/// run_started's "total": how many components it lists, for readers of --events. No
/// record member holds it: written from the list, read (and checked to be a count),
/// kept nowhere, as the list itself is.
struct ComponentCount {};

// Each Visit...Fields(visit) calls visit(key, field, presence) for each field of its
// kind, in the order the line has them (after "schema", "event", "time", "run_id"). The
// field is a member pointer into the record it belongs to (ComponentRecord, RunRecord,
// AttemptRecord or AdmissionRecord: RunEvent holds one of each), or ComponentCount.

template <typename Visit>
void VisitRunStartedFields(Visit&& visit) {
  visit("operation", &RunRecord::operation, Presence::kRequired);
  visit("target", &RunRecord::target, Presence::kRequired);
  visit("deployment_file", &RunRecord::deployment_file, Presence::kDefaulted);
  visit("total", ComponentCount{}, Presence::kRequired);
  visit("max_concurrency", &RunRecord::max_concurrency, Presence::kDefaulted);
  // Each entry holds the fields VisitPlannedComponentFields lists.
  visit("components", &RunRecord::components, Presence::kDefaulted);
  visit("resumed_from", &RunRecord::resumed_from, Presence::kOmitEmpty);
  visit("from_plan", &RunRecord::from_plan, Presence::kOmitEmpty);
}

/// An entry of run_started's "components": a selected component as the run plans it.
template <typename Visit>
void VisitPlannedComponentFields(Visit&& visit) {
  visit("name", &ComponentRecord::name, Presence::kRequired);
  visit("type", &ComponentRecord::type, Presence::kDefaulted);
  visit("needs", &ComponentRecord::needs, Presence::kOmitEmpty);
}

template <typename Visit>
void VisitComponentStartedFields(Visit&& visit) {
  visit("component", &ComponentRecord::name, Presence::kRequired);
  visit("slot", &ComponentRecord::slot, Presence::kRequired);
  visit("attempt", &AttemptRecord::number, Presence::kRequired);
  visit("log", &ComponentRecord::log_path, Presence::kOmitEmpty);
}

/// The attempt that failed and the wait before the next.
template <typename Visit>
void VisitComponentRetryingFields(Visit&& visit) {
  visit("component", &ComponentRecord::name, Presence::kRequired);
  visit("attempt", &AttemptRecord::number, Presence::kRequired);
  visit("error", &AttemptRecord::error, Presence::kDefaulted);
  visit("retry_delay_ms", &AttemptRecord::retry_delay, Presence::kDefaulted);
}

template <typename Visit>
void VisitComponentFinishedFields(Visit&& visit) {
  visit("component", &ComponentRecord::name, Presence::kRequired);
  visit("status", &ComponentRecord::status, Presence::kRequired);
  visit("attempt", &ComponentRecord::attempts, Presence::kRequired);
  visit("error", &ComponentRecord::error, Presence::kOmitEmpty);
  visit("nothing_to_do", &ComponentRecord::nothing_to_do, Presence::kOmitEmpty);
  visit("changes", &ComponentRecord::changes, Presence::kOmitEmpty);
  visit("outputs", &ComponentRecord::outputs, Presence::kOmitEmpty);
  visit("workspace", &ComponentRecord::workspace, Presence::kOmitEmpty);
  visit("blocked_on", &ComponentRecord::blocked_on, Presence::kOmitEmpty);
  visit("placeholders", &ComponentRecord::placeholders, Presence::kOmitEmpty);
  visit("planned_inputs", &ComponentRecord::planned_inputs, Presence::kOmitEmpty);
  visit("ready_wait_ms", &ComponentRecord::ready_wait, Presence::kOmitEmpty);
  visit("wait_reason", &ComponentRecord::wait_reason, Presence::kOmitEmpty);
}

template <typename Visit>
void VisitComponentSkippedFields(Visit&& visit) {
  visit("component", &ComponentRecord::name, Presence::kRequired);
  visit("skip_cause", &ComponentRecord::skip_cause, Presence::kRequired);
}

template <typename Visit>
void VisitComponentReusedFields(Visit&& visit) {
  visit("component", &ComponentRecord::name, Presence::kRequired);
  visit("reused_from", &ComponentRecord::reused_from, Presence::kRequired);
  visit("outputs", &ComponentRecord::outputs, Presence::kOmitEmpty);
}

template <typename Visit>
void VisitRunFinishedFields(Visit&& visit) {
  visit("exit_code", &RunRecord::exit_code, Presence::kRequired);
  visit("write_errors", &RunRecord::write_errors, Presence::kOmitEmpty);
}

template <typename Visit>
void VisitComponentReadyFields(Visit&& visit) {
  visit("component", &ComponentRecord::name, Presence::kRequired);
}

template <typename Visit>
void VisitComponentDeferredFields(Visit&& visit) {
  visit("component", &ComponentRecord::name, Presence::kRequired);
  visit("reason", &AdmissionRecord::reason, Presence::kRequired);
  visit("group", &AdmissionRecord::group, Presence::kOmitEmpty);
  visit("retry_in_ms", &AdmissionRecord::wait, Presence::kOmitEmpty);
}

template <typename Visit>
void VisitComponentAdmittedFields(Visit&& visit) {
  visit("component", &ComponentRecord::name, Presence::kRequired);
  visit("waited_ms", &AdmissionRecord::wait, Presence::kRequired);
  visit("reason", &AdmissionRecord::reason, Presence::kOmitEmpty);
}

template <typename Visit>
void VisitLimitChangedFields(Visit&& visit) {
  visit("group", &AdmissionRecord::group, Presence::kRequired);
  visit("from", &AdmissionRecord::from, Presence::kRequired);
  visit("to", &AdmissionRecord::to, Presence::kRequired);
  visit("why", &AdmissionRecord::why, Presence::kRequired);
}

/// The fields of events of `kind`.
template <typename Visit>
void VisitEventFields(RunEvent::Kind kind, Visit&& visit) {
  switch (kind) {
    case RunEvent::Kind::kRunStarted: return VisitRunStartedFields(visit);
    case RunEvent::Kind::kComponentStarted: return VisitComponentStartedFields(visit);
    case RunEvent::Kind::kComponentRetrying: return VisitComponentRetryingFields(visit);
    case RunEvent::Kind::kComponentFinished: return VisitComponentFinishedFields(visit);
    case RunEvent::Kind::kComponentSkipped: return VisitComponentSkippedFields(visit);
    case RunEvent::Kind::kComponentReused: return VisitComponentReusedFields(visit);
    case RunEvent::Kind::kRunFinished: return VisitRunFinishedFields(visit);
    case RunEvent::Kind::kComponentReady: return VisitComponentReadyFields(visit);
    case RunEvent::Kind::kComponentDeferred: return VisitComponentDeferredFields(visit);
    case RunEvent::Kind::kComponentAdmitted: return VisitComponentAdmittedFields(visit);
    case RunEvent::Kind::kLimitChanged: return VisitLimitChangedFields(visit);
  }
}

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_EVENT_FIELDS_H_
