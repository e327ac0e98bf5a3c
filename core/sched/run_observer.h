// Progress of a run as events: for the terminal, the trace and the run record.
#ifndef GANTRY_CORE_SCHED_RUN_OBSERVER_H_
#define GANTRY_CORE_SCHED_RUN_OBSERVER_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "core/sched/node_state.h"
#include "core/sched/wait_clock.h"

namespace gantry::sched {

/// Receives every state change of a run. Every selected node ends reported exactly once:
/// by OnStart then OnFinish, or by OnSkip alone. Unselected nodes are never reported.
///
/// Calls are serialized (never concurrent) and made in the order the changes happened —
/// a node's OnFinish comes before the OnStart of anything it made ready — from a worker
/// thread or the thread calling Executor::Cancel() (any of them, not necessarily the
/// slot's), without the executor's lock: a slow call delays the nodes about to start,
/// never the executor's bookkeeping nor a Cancel(). A node's task runs only after its
/// OnStart call returned.
class RunObserver {
 public:
  virtual ~RunObserver() = default;

  /// `node` starts on worker `slot` (0 .. max_concurrency - 1). A slot runs one node at a
  /// time, each on the same thread for the whole run, so slots make trace rows.
  virtual void OnStart(NodeId node, int slot) = 0;
  /// `node`, started before, has ended; its skipped downstream follows as OnSkip calls.
  virtual void OnFinish(NodeId node, Outcome outcome) = 0;
  /// `node` will never start: `cause` is the failed or cancelled node responsible, or
  /// kCancelCause when the run was cancelled.
  virtual void OnSkip(NodeId node, NodeId cause) = 0;
  /// `node`, started before, was throttled (`why` kBackoff) or busy (kBusy): it starts
  /// again (OnStart) once `delay` has passed and it fits the limits, unless the run
  /// stops first (OnSkip). It may start sooner: a throttled node when a node of one of
  /// its adaptive groups succeeds, a busy one when another node busy on the same
  /// resource gets through.
  virtual void OnDeferred(NodeId node, absl::Duration delay, WaitReason why) {
    (void)node;
    (void)delay;
    (void)why;
  }

  // Admission: why ready nodes wait, and what the limits do. Default: ignored.

  /// Whether to make OnReady and OnWaiting calls at all (asked once, when the run
  /// starts): a call per node, or two, that an observer which ignores them should not
  /// pay for (notes queued, a wide graph's every node said to wait).
  virtual bool WantsReadiness() const { return false; }
  /// `node` is ready: nothing it waits on is left (or, after OnDeferred, its wait is over).
  virtual void OnReady(NodeId node) { (void)node; }
  /// `node`, ready, did not start at once: `why` is kGlobalLimit, or kGroupLimit or
  /// kAdaptiveLimit with the full `group`. Said once per readiness, with the reason at
  /// that moment; OnAdmitted sums up the whole wait.
  virtual void OnWaiting(NodeId node, WaitReason why, const std::string& group) {
    (void)node;
    (void)why;
    (void)group;
  }
  /// `node` is admitted (its OnStart follows at once): how long it waited since it was
  /// ready, by reason (a throttled or busy node: since its last admission, the back-off
  /// included).
  virtual void OnAdmitted(NodeId node, const WaitTimes& waited) {
    (void)node;
    (void)waited;
  }
  /// An adaptive group's limit went from `from` to `to` (down: throttled; up: successes).
  virtual void OnLimitChanged(const std::string& group, int32_t from, int32_t to) {
    (void)group;
    (void)from;
    (void)to;
  }
  /// A limited group now runs `running` nodes of at most `limit` (after each start, end
  /// or deferral of one of its nodes, and each change of its limit).
  virtual void OnGroupLoad(const std::string& group, int32_t limit, int32_t running) {
    (void)group;
    (void)limit;
    (void)running;
  }
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_RUN_OBSERVER_H_
