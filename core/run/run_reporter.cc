#include "core/run/run_reporter.h"

#include <algorithm>
#include <numeric>

#include "absl/time/clock.h"

namespace gantry::run {

using record::ComponentStatus;
using record::RunEvent;

RunReporter::RunReporter(record::RunRecord run, const graph::Graph& graph,
                         const std::vector<bool>& selected, console::Console& console,
                         EventSink events)
    : run_(std::move(run)), graph_(graph), console_(console), events_(std::move(events)) {
  std::vector<graph::NodeId> nodes;
  for (graph::NodeId n = 0; n < static_cast<graph::NodeId>(graph.size()); ++n)
    if (selected.empty() || selected[n]) nodes.push_back(n);
  std::sort(nodes.begin(), nodes.end(),
            [&](graph::NodeId a, graph::NodeId b) { return graph.name(a) < graph.name(b); });
  index_.assign(graph.size(), -1);
  run_.components.clear();
  run_.components.reserve(nodes.size());
  for (graph::NodeId n : nodes) {
    index_[n] = static_cast<int32_t>(run_.components.size());
    record::ComponentRecord& component = run_.components.emplace_back();
    component.name = graph.name(n);
    component.type = graph.type(n);
  }
}

RunEvent RunReporter::Event(RunEvent::Kind kind, const record::ComponentRecord* component) {
  RunEvent event;
  event.kind = kind;
  event.time = absl::Now();
  event.run_id = run_.run_id;
  if (component != nullptr) {
    event.component = component->name;
    event.slot = component->slot;
    event.attempt = component->attempts;
    event.status = component->status;
    event.skip_cause = component->skip_cause;
    event.error = component->error;
  }
  return event;
}

void RunReporter::Emit(const RunEvent& event) {
  absl::MutexLock lock(&emit_mu_);
  if (events_) events_(event);
}

void RunReporter::Begin() {
  run_.started = absl::Now();
  RunEvent event = Event(RunEvent::Kind::kRunStarted, nullptr);
  event.time = run_.started;
  event.operation = run_.operation;
  event.target = run_.target;
  event.deployment_file = run_.deployment_file;
  event.total = static_cast<int>(run_.components.size());
  Emit(event);
  console_.RunStarted(run_);
}

void RunReporter::End(int exit_code) {
  run_.finished = absl::Now();
  run_.exit_code = exit_code;
  RunEvent event = Event(RunEvent::Kind::kRunFinished, nullptr);
  event.time = run_.finished;
  event.exit_code = exit_code;
  Emit(event);
  console_.RunFinished(run_);
}

void RunReporter::Retrying(graph::NodeId node, int attempt, const std::string& error,
                           absl::Duration delay) {
  RunEvent event = Event(RunEvent::Kind::kComponentRetrying, &Record(node));
  event.attempt = attempt;
  event.error = error;
  event.retry_delay = delay;
  Emit(event);
}

void RunReporter::OnStart(graph::NodeId node, int slot) {
  record::ComponentRecord& component = Record(node);
  component.status = ComponentStatus::kRunning;
  component.slot = slot;
  component.started = absl::Now();
  component.attempts = 1;
  Emit(Event(RunEvent::Kind::kComponentStarted, &component));
  console_.ComponentStarted(component);
}

void RunReporter::OnFinish(graph::NodeId node, sched::Outcome outcome) {
  record::ComponentRecord& component = Record(node);
  switch (outcome) {
    case sched::Outcome::kSucceeded: component.status = ComponentStatus::kOk; break;
    case sched::Outcome::kFailed: component.status = ComponentStatus::kFailed; break;
    case sched::Outcome::kCancelled: component.status = ComponentStatus::kCancelled; break;
  }
  if (component.finished == absl::InfinitePast()) component.finished = absl::Now();
  Emit(Event(RunEvent::Kind::kComponentFinished, &component));
  console_.ComponentFinished(component);
}

void RunReporter::OnSkip(graph::NodeId node, graph::NodeId cause) {
  record::ComponentRecord& component = Record(node);
  component.status = ComponentStatus::kSkipped;
  component.skip_cause = cause == sched::kCancelCause ? record::kSkipCauseCancelled
                                                      : graph_.name(cause);
  Emit(Event(RunEvent::Kind::kComponentSkipped, &component));
  console_.ComponentFinished(component);
}

}  // namespace gantry::run
