// Turns the scheduler's state changes into the run record, journal/event lines and
// console calls.
#ifndef GANTRY_CORE_RUN_RUN_REPORTER_H_
#define GANTRY_CORE_RUN_RUN_REPORTER_H_

#include <functional>
#include <string>
#include <vector>

#include <mutex>
#include "core/console/console.h"
#include "core/graph/graph.h"
#include "core/record/run_event.h"
#include "core/record/run_record.h"
#include "core/sched/run_observer.h"

namespace gantry::run {

/// Receives every event line (journal, --events): called serialized, in order.
using EventSink = std::function<void(const record::RunEvent&)>;
/// The log file of a component.
using LogPathFn = std::function<std::string(const std::string& component)>;

/// Owns the RunRecord of a run. The record's component list holds the selected nodes in
/// name order; `Record(node)` is that node's entry, which the task running it fills in
/// (error, outputs, attempts...) before it finishes.
class RunReporter : public sched::RunObserver {
 public:
  /// `run` has run id, operation, target, ... set; its components are filled from
  /// `graph` and `selected` here, plus `reused`: components a resumed run takes over as
  /// succeeded from an earlier run (status ok, reused_from set), which never run.
  RunReporter(record::RunRecord run, const graph::Graph& graph, const std::vector<bool>& selected,
              std::vector<record::ComponentRecord> reused, console::Console& console,
              EventSink events, LogPathFn log_path);

  /// Emits run_started and tells the console. Call once, before the executor runs.
  void Begin();
  /// Sets the end time and exit code, emits run_finished, fills run().write_errors and
  /// tells the console. Call once.
  void End(int exit_code);

  record::ComponentRecord& Record(graph::NodeId node) { return run_.components[index_[node]]; }
  const record::RunRecord& run() const { return run_; }

  /// A failed attempt will be retried after `delay` (called by the task, any thread).
  void Retrying(graph::NodeId node, int attempt, const std::string& error, absl::Duration delay);
  /// Attempt `attempt` (>= 2) of a running node begins (called by the task).
  void AttemptStarted(graph::NodeId node, int attempt);

  /// Emit the admission events (component_ready, _deferred, _admitted, limit_changed):
  /// only --events has them, so only when someone reads them (default: no).
  void EmitAdmission(bool emit) { emit_admission_ = emit; }

  /// A file of the run could not be written: says `message` ("what: why; consequence")
  /// on the console at once and keeps it for run().write_errors (set by End). Any thread,
  /// also from inside the event sink.
  void WriteFailed(std::string message);
  /// WriteFailed was called.
  bool write_failed() const;

  // sched::RunObserver
  void OnStart(graph::NodeId node, int slot) override;
  void OnFinish(graph::NodeId node, sched::Outcome outcome) override;
  void OnSkip(graph::NodeId node, graph::NodeId cause) override;
  void OnDeferred(graph::NodeId node, absl::Duration delay, sched::WaitReason why) override;
  bool WantsReadiness() const override { return emit_admission_; }
  void OnReady(graph::NodeId node) override;
  void OnWaiting(graph::NodeId node, sched::WaitReason why, const std::string& group) override;
  void OnAdmitted(graph::NodeId node, const sched::WaitTimes& waited) override;
  void OnLimitChanged(const std::string& group, int32_t from, int32_t to) override;
  void OnGroupLoad(const std::string& group, int32_t limit, int32_t running) override;

 private:
  void Emit(const record::RunEvent& event);
  /// An admission event of `node`, when they are emitted. Under mu_.
  void EmitAdmission(record::RunEvent::Kind kind, graph::NodeId node,
                     record::AdmissionRecord admission);

  record::RunRecord run_;
  const graph::Graph& graph_;
  std::vector<int32_t> index_;  // node -> index into run_.components; -1 if not selected
  console::Console& console_;
  EventSink events_;
  LogPathFn log_path_;
  bool emit_admission_ = false;
  std::vector<sched::WaitTimes> waited_;  // by node: every admission's waits summed; mu_
  // Serializes event lines and console calls: Retrying and AttemptStarted come from task
  // threads, the rest from the executor (serialized, outside its scheduling lock).
  std::mutex mu_;
  // Guards write_errors_: WriteFailed comes from any thread, and from the event sink
  // while mu_ is held, so it never takes mu_.
  mutable std::mutex write_errors_mu_;
  std::vector<std::string> write_errors_;
};

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_RUN_REPORTER_H_
