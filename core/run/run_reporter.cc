#include "core/run/run_reporter.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace gantry::run {

using record::ComponentStatus;
using record::RunEvent;

RunReporter::RunReporter(record::RunRecord run, const graph::Graph& graph,
                         const std::vector<bool>& selected,
                         std::vector<record::ComponentRecord> reused, console::Console& console,
                         EventSink events, LogPathFn log_path)
    : run_(std::move(run)),
      graph_(graph),
      console_(console),
      events_(std::move(events)),
      log_path_(std::move(log_path)),
      waited_(graph.size()) {
  run_.components = std::move(reused);
  for (graph::NodeId n = 0; n < static_cast<graph::NodeId>(graph.size()); ++n) {
    if (!selected.empty() && !selected[n]) continue;
    record::ComponentRecord& component = run_.components.emplace_back();
    component.name = graph.name(n);
    component.type = graph.type(n);
  }
  std::sort(run_.components.begin(), run_.components.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  index_.assign(graph.size(), -1);
  std::vector<bool> in_run(graph.size(), false);
  for (size_t i = 0; i < run_.components.size(); ++i) {
    const graph::NodeId n = graph.Find(run_.components[i].name);
    if (n >= 0) in_run[n] = true;
    if (n >= 0 && run_.components[i].reused_from.empty()) index_[n] = static_cast<int32_t>(i);
  }
  for (record::ComponentRecord& component : run_.components) {
    const graph::NodeId n = graph.Find(component.name);
    if (n < 0) continue;
    for (const int32_t e : graph.in_edges(n)) {
      const graph::NodeId dependency = graph.edges()[e].dependency;
      if (in_run[dependency]) component.needs.push_back(graph.name(dependency));
    }
    std::sort(component.needs.begin(), component.needs.end());
  }
}

void RunReporter::Emit(const RunEvent& event) {
  if (events_) events_(event);
}

void RunReporter::Begin() {
  std::lock_guard lock(mu_);
  run_.started = absl::Now();
  Emit(record::RunStartedEvent(run_));
  console_.RunStarted(run_);
  for (const record::ComponentRecord& component : run_.components) {
    if (component.reused_from.empty()) continue;
    Emit(record::ComponentReusedEvent(run_, component, run_.started));
    console_.ComponentFinished(component);
  }
}

void RunReporter::End(int exit_code) {
  std::lock_guard lock(mu_);
  run_.finished = absl::Now();
  run_.exit_code = exit_code;
  // Twice: the journal's last line lists what failed so far; run_finished may fail too.
  const auto take_errors = [this] {
    std::lock_guard errors_lock(write_errors_mu_);
    run_.write_errors = write_errors_;
  };
  take_errors();
  Emit(record::RunFinishedEvent(run_));
  take_errors();
  console_.RunFinished(run_);
}

void RunReporter::WriteFailed(std::string message) {
  console_.Notice(message);
  std::lock_guard lock(write_errors_mu_);
  write_errors_.push_back(std::move(message));
}

bool RunReporter::write_failed() const {
  std::lock_guard lock(write_errors_mu_);
  return !write_errors_.empty();
}

void RunReporter::Retrying(graph::NodeId node, int attempt, const std::string& error,
                           absl::Duration delay) {
  std::lock_guard lock(mu_);
  Emit(record::ComponentRetryingEvent(run_, Record(node), attempt, error, delay, absl::Now()));
}

void RunReporter::AttemptStarted(graph::NodeId node, int attempt) {
  std::lock_guard lock(mu_);
  record::ComponentRecord& component = Record(node);
  component.attempts = attempt;
  Emit(record::ComponentStartedEvent(run_, component, attempt, absl::Now()));
  console_.ComponentStarted(component);
}

void RunReporter::EmitAdmission(record::RunEvent::Kind kind, graph::NodeId node,
                                record::AdmissionRecord admission) {
  if (!emit_admission_) return;
  Emit(record::ComponentAdmissionEvent(kind, run_, Record(node), std::move(admission), absl::Now()));
}

void RunReporter::OnReady(graph::NodeId node) {
  std::lock_guard lock(mu_);
  EmitAdmission(record::RunEvent::Kind::kComponentReady, node, {});
}

void RunReporter::OnWaiting(graph::NodeId node, sched::WaitReason why, const std::string& group) {
  std::lock_guard lock(mu_);
  record::AdmissionRecord waiting;
  waiting.reason = sched::WaitReasonName(why);
  waiting.group = group;
  EmitAdmission(record::RunEvent::Kind::kComponentDeferred, node, std::move(waiting));
}

void RunReporter::OnAdmitted(graph::NodeId node, const sched::WaitTimes& waited) {
  std::lock_guard lock(mu_);
  sched::WaitTimes& total = waited_[node];
  for (size_t r = 0; r < total.size(); ++r) total[r] += waited[r];
  record::ComponentRecord& component = Record(node);
  // In whole milliseconds, as the records keep them: under one is no wait worth a reason.
  component.ready_wait = absl::Trunc(sched::TotalWait(total), absl::Milliseconds(1));
  component.wait_reason = component.ready_wait > absl::ZeroDuration()
                              ? sched::WaitReasonName(sched::DominantReason(total))
                              : "";
  record::AdmissionRecord admitted;
  admitted.wait = absl::Trunc(sched::TotalWait(waited), absl::Milliseconds(1));
  if (admitted.wait > absl::ZeroDuration())
    admitted.reason = sched::WaitReasonName(sched::DominantReason(waited));
  EmitAdmission(record::RunEvent::Kind::kComponentAdmitted, node, std::move(admitted));
}

void RunReporter::OnLimitChanged(const std::string& group, int32_t from, int32_t to) {
  std::lock_guard lock(mu_);
  if (!emit_admission_) return;
  record::AdmissionRecord change;
  change.group = group;
  change.from = from;
  change.to = to;
  change.why = to < from ? "throttled" : "successes";
  Emit(record::LimitChangedEvent(run_, std::move(change), absl::Now()));
}

void RunReporter::OnGroupLoad(const std::string& group, int32_t limit, int32_t running) {
  std::lock_guard lock(mu_);
  run_.group_loads.push_back(record::GroupLoad{absl::Now(), group, limit, running});
}

void RunReporter::OnStart(graph::NodeId node, int slot) {
  std::lock_guard lock(mu_);
  record::ComponentRecord& component = Record(node);
  component.status = ComponentStatus::kRunning;
  component.slot = slot;
  const absl::Time now = absl::Now();
  // Started again after a throttle: its time counts from its first start.
  if (component.started == absl::InfinitePast()) component.started = now;
  component.attempts = 1;
  if (log_path_) component.log_path = log_path_(component.name);
  Emit(record::ComponentStartedEvent(run_, component, 1, now));
  console_.ComponentStarted(component);
}

void RunReporter::OnFinish(graph::NodeId node, sched::Outcome outcome) {
  std::lock_guard lock(mu_);
  record::ComponentRecord& component = Record(node);
  switch (outcome) {
    case sched::Outcome::kSucceeded:
      // A blocked plan succeeds for the scheduler: its dependents still plan.
      component.status =
          component.blocked_on.empty() ? ComponentStatus::kOk : ComponentStatus::kBlocked;
      break;
    case sched::Outcome::kFailed: component.status = ComponentStatus::kFailed; break;
    case sched::Outcome::kCancelled: component.status = ComponentStatus::kCancelled; break;
    case sched::Outcome::kThrottled:
    case sched::Outcome::kBusy: break;  // never finished (the executor defers it)
  }
  if (component.finished == absl::InfinitePast()) component.finished = absl::Now();
  Emit(record::ComponentFinishedEvent(run_, component));
  console_.ComponentFinished(component);
}

void RunReporter::OnDeferred(graph::NodeId node, absl::Duration delay, sched::WaitReason why) {
  std::lock_guard lock(mu_);
  record::ComponentRecord& component = Record(node);
  component.status = ComponentStatus::kPending;
  record::AdmissionRecord deferred;
  deferred.reason = sched::WaitReasonName(why);
  deferred.wait = delay;
  EmitAdmission(record::RunEvent::Kind::kComponentDeferred, node, std::move(deferred));
  if (why == sched::WaitReason::kBusy) {
    console_.Notice(absl::StrCat(component.name, " cannot start now (busy: see its log): back in "
                                 "the queue, to try again in ", absl::FormatDuration(delay)));
    return;
  }
  console_.Notice(absl::StrCat(component.name, " was throttled: back in the queue, to start again in ",
                               absl::FormatDuration(delay), " or when its group has room"));
}

void RunReporter::OnSkip(graph::NodeId node, graph::NodeId cause) {
  std::lock_guard lock(mu_);
  record::ComponentRecord& component = Record(node);
  component.status = ComponentStatus::kSkipped;
  component.finished = absl::Now();
  component.skip_cause = cause == sched::kCancelCause ? record::kSkipCauseCancelled
                                                      : graph_.name(cause);
  Emit(record::ComponentSkippedEvent(run_, component));
  console_.ComponentFinished(component);
}

}  // namespace gantry::run
