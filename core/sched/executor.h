// The driver of a run: worker threads that start what the Plan says, as soon as it says
// so.
#ifndef GANTRY_CORE_SCHED_EXECUTOR_H_
#define GANTRY_CORE_SCHED_EXECUTOR_H_

#include <condition_variable>
#include <mutex>
#include <vector>

#include "core/sched/plan.h"
#include "core/sched/run_observer.h"
#include "core/sched/task_runner.h"

namespace gantry::sched {

/// Runs a Plan with max_concurrency() worker threads. Each worker, under one lock, takes
/// Plan::NextToStart(), marks it started, runs it through the TaskRunner without the lock,
/// then reports Finished() and wakes the others. Idle workers sleep on a condition
/// variable; nothing polls.
///
/// The plan, runner and observer must outlive the Executor. The plan belongs to the
/// executor while Run() is under way; read its final states after Run() returns.
class Executor {
 public:
  Executor(Plan& plan, TaskRunner& runner, RunObserver& observer)
      : plan_(plan), runner_(runner), observer_(observer) {}
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  /// Blocks until every selected node has finished or been skipped. Call once.
  void Run();

  /// Stops new starts: every node not started is skipped (OnSkip with kCancelCause);
  /// running nodes finish (the TaskRunner learns of the cancellation its own way, e.g. a
  /// CancelToken). Thread-safe, idempotent, callable before, during or after Run() —
  /// from any thread, including one that handles signals, but not from inside a signal
  /// handler nor from a RunObserver call.
  void Cancel();

 private:
  void Work(int slot);
  /// Reports the nodes a Finished() or Cancel() skipped. Under mu_.
  void ReportSkipped(const std::vector<NodeId>& skipped);

  // std::mutex rather than absl::Mutex: ThreadSanitizer cannot see Debian's
  // uninstrumented libabsl, and with near-empty tasks the two workers' hand-off through
  // absl::Mutex (which spins) cost about twice as much (bench/inprocess-overhead).
  std::mutex mu_;
  std::condition_variable changed_;  // notified when a node may start or the run is done
  Plan& plan_;                       // guarded by mu_
  TaskRunner& runner_;
  RunObserver& observer_;  // called under mu_
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_EXECUTOR_H_
