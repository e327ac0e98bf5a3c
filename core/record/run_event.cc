#include "core/record/run_event.h"

#include <utility>

#include "core/record/event_field_access.h"

namespace gantry::record {
namespace {

// An event of `kind` at `time` with the fields of `run` its kind carries.
RunEvent EventOfRun(RunEvent::Kind kind, const RunRecord& run, absl::Time time) {
  RunEvent event;
  event.kind = kind;
  event.time = time;
  event.run.run_id = run.run_id;
  CopyEventFields(kind, run, event.run);
  return event;
}

// Also with the fields of `component` its kind carries.
RunEvent EventOfComponent(RunEvent::Kind kind, const RunRecord& run,
                          const ComponentRecord& component, absl::Time time) {
  RunEvent event = EventOfRun(kind, run, time);
  CopyEventFields(kind, component, event.component);
  return event;
}

}  // namespace

RunEvent RunStartedEvent(const RunRecord& run) {
  return EventOfRun(RunEvent::Kind::kRunStarted, run, run.started);
}

// The attempt fields of these two come from the caller: no record holds an attempt
// while it runs (the journal replay makes AttemptRecords).
RunEvent ComponentStartedEvent(const RunRecord& run, const ComponentRecord& component,
                               int attempt, absl::Time time) {
  RunEvent event = EventOfComponent(RunEvent::Kind::kComponentStarted, run, component, time);
  event.attempt.number = attempt;
  return event;
}

RunEvent ComponentRetryingEvent(const RunRecord& run, const ComponentRecord& component,
                                int attempt, std::string error, absl::Duration delay,
                                absl::Time time) {
  RunEvent event = EventOfComponent(RunEvent::Kind::kComponentRetrying, run, component, time);
  event.attempt.number = attempt;
  event.attempt.error = std::move(error);
  event.attempt.retry_delay = delay;
  return event;
}

RunEvent ComponentFinishedEvent(const RunRecord& run, const ComponentRecord& component) {
  return EventOfComponent(RunEvent::Kind::kComponentFinished, run, component,
                          component.finished);
}

RunEvent ComponentSkippedEvent(const RunRecord& run, const ComponentRecord& component) {
  return EventOfComponent(RunEvent::Kind::kComponentSkipped, run, component,
                          component.finished);
}

RunEvent ComponentReusedEvent(const RunRecord& run, const ComponentRecord& component,
                              absl::Time time) {
  return EventOfComponent(RunEvent::Kind::kComponentReused, run, component, time);
}

RunEvent RunFinishedEvent(const RunRecord& run) {
  return EventOfRun(RunEvent::Kind::kRunFinished, run, run.finished);
}

RunEvent ComponentAdmissionEvent(RunEvent::Kind kind, const RunRecord& run,
                                 const ComponentRecord& component, AdmissionRecord admission,
                                 absl::Time time) {
  RunEvent event = EventOfComponent(kind, run, component, time);
  CopyEventFields(kind, admission, event.admission);
  return event;
}

RunEvent LimitChangedEvent(const RunRecord& run, AdmissionRecord change, absl::Time time) {
  RunEvent event = EventOfRun(RunEvent::Kind::kLimitChanged, run, time);
  CopyEventFields(RunEvent::Kind::kLimitChanged, change, event.admission);
  return event;
}

}  // namespace gantry::record
