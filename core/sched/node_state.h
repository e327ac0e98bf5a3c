// What happened to one node of a run: the outcome a task reports and the state the plan
// keeps.
#ifndef GANTRY_CORE_SCHED_NODE_STATE_H_
#define GANTRY_CORE_SCHED_NODE_STATE_H_

#include "core/graph/graph.h"

namespace gantry::sched {

using graph::NodeId;

/// What a TaskRunner reports for one node.
enum class Outcome {
  kSucceeded,
  kFailed,
  /// The task was stopped by a cancellation before it completed. Its dependents can never
  /// run: they are skipped with this node as the cause.
  kCancelled,
  /// Not an end: the task could not do its work now (the API of its group throttled it).
  /// The Executor defers the node (Plan::Throttled) and runs it again after a back-off.
  kThrottled,
  /// Not an end either: the task cannot start now because a resource is held elsewhere
  /// (TaskRunner::BusyResource). The Executor defers the node (Plan::Busy) until that
  /// resource's back-off is over.
  kBusy,
};

/// Where a node stands in a run. kPending, kRunning and kDeferred are transient; every selected node
/// ends in one of the others.
enum class NodeState {
  kPending,      ///< not started yet (waiting for predecessors, a slot, or both)
  kRunning,      ///< started, not finished
  /// Started, then throttled (Plan::Throttled): waits to be ready again (Plan::Retry),
  /// without a slot. Transient, as kPending.
  kDeferred,
  kSucceeded,
  kFailed,       ///< also when its on_failure is kIgnore
  kSkipped,      ///< never started; see Plan::skip_cause
  kCancelled,    ///< started, and its task reported Outcome::kCancelled
  kNotSelected,  ///< outside the selection: never runs, satisfies its dependents
};

/// Why a ready node does not run (yet): what admission events and the summary say.
enum class WaitReason {
  kGlobalLimit,    ///< every slot of the run (-j) is taken
  kGroupLimit,     ///< a fixed limit of one of its groups is reached
  kAdaptiveLimit,  ///< an adaptive limit of one of its groups is reached
  kBackoff,        ///< it was throttled: its back-off is not over
  kBusy,           ///< something it needs is held elsewhere: its resource's back-off
};

/// The skip cause of nodes that were skipped because the run was cancelled.
inline constexpr NodeId kCancelCause = -1;

/// "kSucceeded", "kSkipped", ... without the k: for messages and test output.
const char* OutcomeName(Outcome outcome);
const char* NodeStateName(NodeState state);
/// "global_limit", "group_limit", "adaptive_limit", "backoff", "busy": the names events use.
const char* WaitReasonName(WaitReason reason);

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_NODE_STATE_H_
