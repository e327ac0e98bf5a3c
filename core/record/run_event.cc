#include "core/record/run_event.h"

#include <utility>

namespace gantry::record {
namespace {

RunEvent ComponentEvent(RunEvent::Kind kind, const RunRecord& run,
                        const ComponentRecord& component, absl::Time time) {
  RunEvent event;
  event.kind = kind;
  event.time = time;
  event.run_id = run.run_id;
  event.component = component.name;
  return event;
}

}  // namespace

RunEvent RunStartedEvent(const RunRecord& run) {
  RunEvent event;
  event.kind = RunEvent::Kind::kRunStarted;
  event.time = run.started;
  event.run_id = run.run_id;
  event.operation = run.operation;
  event.target = run.target;
  event.deployment_file = run.deployment_file;
  event.total = static_cast<int>(run.components.size());
  event.max_concurrency = run.max_concurrency;
  event.resumed_from = run.resumed_from;
  event.from_plan = run.from_plan;
  event.components.reserve(run.components.size());
  for (const ComponentRecord& component : run.components) {
    PlannedComponent planned;
    planned.name = component.name;
    planned.type = component.type;
    planned.needs = component.needs;
    event.components.push_back(std::move(planned));
  }
  return event;
}

RunEvent ComponentStartedEvent(const RunRecord& run, const ComponentRecord& component,
                               int attempt, absl::Time time) {
  RunEvent event = ComponentEvent(RunEvent::Kind::kComponentStarted, run, component, time);
  event.slot = component.slot;
  event.attempt = attempt;
  event.log_path = component.log_path;
  return event;
}

RunEvent ComponentRetryingEvent(const RunRecord& run, const ComponentRecord& component,
                                int attempt, std::string error, absl::Duration delay,
                                absl::Time time) {
  RunEvent event = ComponentEvent(RunEvent::Kind::kComponentRetrying, run, component, time);
  event.attempt = attempt;
  event.error = std::move(error);
  event.retry_delay = delay;
  return event;
}

RunEvent ComponentFinishedEvent(const RunRecord& run, const ComponentRecord& component) {
  RunEvent event =
      ComponentEvent(RunEvent::Kind::kComponentFinished, run, component, component.finished);
  event.status = component.status;
  event.attempt = component.attempts;
  event.error = component.error;
  event.nothing_to_do = component.nothing_to_do;
  event.changes = component.changes;
  event.outputs = component.outputs;
  event.workspace = component.workspace;
  event.blocked_on = component.blocked_on;
  event.placeholders = component.placeholders;
  event.planned_inputs = component.planned_inputs;
  return event;
}

RunEvent ComponentSkippedEvent(const RunRecord& run, const ComponentRecord& component) {
  RunEvent event =
      ComponentEvent(RunEvent::Kind::kComponentSkipped, run, component, component.finished);
  event.skip_cause = component.skip_cause;
  return event;
}

RunEvent ComponentReusedEvent(const RunRecord& run, const ComponentRecord& component,
                              absl::Time time) {
  RunEvent event = ComponentEvent(RunEvent::Kind::kComponentReused, run, component, time);
  event.reused_from = component.reused_from;
  event.outputs = component.outputs;
  return event;
}

RunEvent RunFinishedEvent(const RunRecord& run) {
  RunEvent event;
  event.kind = RunEvent::Kind::kRunFinished;
  event.time = run.finished;
  event.run_id = run.run_id;
  event.exit_code = run.exit_code;
  event.write_errors = run.write_errors;
  return event;
}

}  // namespace gantry::record
