// The scheduler's decisions: which node may start now, and what a finish or a failure
// means for the rest of the run. No threads, no clock, no processes.
#ifndef GANTRY_CORE_SCHED_PLAN_H_
#define GANTRY_CORE_SCHED_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "core/graph/graph.h"
#include "core/sched/adaptive_limit.h"
#include "core/sched/node_state.h"
#include "core/sched/plan_input.h"
#include "core/sched/ready_queue.h"

namespace gantry::sched {

/// A group's limit changed (an adaptive group: throttling cut it, successes raised it).
struct LimitChange {
  std::string group;
  int32_t from = 0;
  int32_t to = 0;
  bool operator==(const LimitChange&) const = default;
};

/// One run over a graph. The driver asks NextToStart(), reports Started() then, later,
/// Finished(), until Done(). See docs/scheduler.md for the semantics.
///
/// A node is *ready* when every predecessor in the run's direction (its dependencies, or
/// its dependents in reverse) has succeeded, failed with on_failure = kIgnore, or is not
/// selected. Among ready nodes that fit the limits, the one with the longest remaining
/// path (the largest sum of costs along a path to the end of the graph in the run's
/// direction, over selected nodes) starts first; ties go to the smaller name, so a run
/// with one slot is reproducible. Nodes of different sets of limited groups first share
/// the starts fairly (start-time fair queueing, see ReadyQueue): while a set has a ready
/// node that fits, no other set gets more than two starts before its next one.
///
/// Cost: O((V + E) log V) over a whole run (see ReadyQueue for group limits).
/// Not thread-safe: the Executor serializes every call.
class Plan {
 public:
  /// Fails with InvalidArgument on a malformed input (sizes, limits < 1, a negative or
  /// non-finite cost) or a cycle among the selected nodes.
  static absl::StatusOr<Plan> Create(const PlanInput& input);

  Plan(Plan&&) = default;
  Plan& operator=(Plan&&) = default;

  /// The ready node that should start now, if a global slot is free: ReadyQueue::Top(),
  /// the best-ranked node of the least-served set of groups among those whose limits all
  /// have a free slot. nullopt if none may start now (nothing ready, every slot taken, or
  /// the run stopped).
  std::optional<NodeId> NextToStart() const;
  /// `node` has started. It must be ready and fit the limits (as NextToStart() returns).
  void Started(NodeId node);
  /// `node`, started before, has ended with `outcome`. Returns the nodes this skips, each
  /// now kSkipped with skip_cause() == node:
  /// - kSucceeded, or kFailed with on_failure kIgnore: none; its successors may get ready.
  /// - kFailed with kSkipDependents, with kAbort under kKeepGoing, or kCancelled: every
  ///   node downstream of it.
  /// - kFailed with kAbort under kFailFast: every node not started; nothing starts again.
  std::vector<NodeId> Finished(NodeId node, Outcome outcome);
  /// Stops the run: nothing starts again; every node not started (or deferred) is
  /// skipped with cause kCancelCause and returned. Running nodes still report
  /// Finished(). Idempotent.
  std::vector<NodeId> Cancel();

  /// `node`, running, was throttled: it gives its slots back and is kDeferred until
  /// Retry(node); each adaptive group of it is cut (once per epoch, adaptive_limit.h).
  /// Not a finish: nothing downstream changes.
  void Throttled(NodeId node);
  /// `node`, running, was busy (a resource held elsewhere): it gives its slots back and
  /// is kDeferred until Retry(node). No limit changes.
  void Busy(NodeId node);
  /// `node`, deferred, is ready again (its back-off is over). False when the run was
  /// stopped meanwhile (the node was skipped then) and nothing changed.
  bool Retry(NodeId node);
  /// The limit changes since the last call, in the order they happened.
  std::vector<LimitChange> TakeLimitChanges() { return std::exchange(limit_changes_, {}); }
  /// Replaces `into` with the nodes that became ready since the last call (at Create,
  /// when their last predecessor finished, or at Retry), in that order. (A swap: neither
  /// side allocates once both have grown.)
  void TakeReady(std::vector<NodeId>& into) {
    into.clear();
    into.swap(became_ready_);
  }
  /// Why `node`, ready, does not start now: every slot of the run is taken
  /// (kGlobalLimit), or one of its groups is full (kGroupLimit or kAdaptiveLimit, with the
  /// group's index; the first full one); kGlobalLimit too when it fits but a better
  /// ranked node takes the slot first.
  std::pair<WaitReason, int32_t> Blocker(NodeId node) const;
  /// Every limited group's name and its limit now, by name.
  std::vector<std::pair<std::string, int32_t>> GroupLimits() const;
  /// The limited groups, by index (0 .. group_count() - 1, in name order).
  size_t group_count() const { return group_names_.size(); }
  const std::string& group_name(int32_t group) const { return group_names_[group]; }
  /// The index of the limited group `name`; -1 when it is not one.
  int32_t group_index(const std::string& name) const;
  bool group_adaptive(int32_t group) const { return adaptive_[group].has_value(); }
  int32_t group_limit(int32_t group) const { return ready_.limit(group); }
  int32_t group_running(int32_t group) const { return ready_.running(group); }
  bool group_full(int32_t group) const { return group_running(group) >= group_limit(group); }
  /// The limited groups `node` belongs to, by index, ascending.
  const std::vector<int32_t>& groups_of(NodeId node) const { return node_groups_[node]; }
  /// groups_of for every node, by node.
  const std::vector<std::vector<int32_t>>& node_groups() const { return node_groups_; }

  /// True when every selected node has ended (nothing pending or running).
  bool Done() const { return unfinished_ == 0; }
  /// True once no node may start again (Cancel(), or a kAbort failure under kFailFast).
  bool stopped() const { return stopped_; }
  bool cancelled() const { return cancelled_; }

  NodeState state(NodeId node) const { return state_[node]; }
  /// For a kSkipped node: the failed or cancelled node that caused it, or kCancelCause.
  /// -2 for a node that is not skipped.
  NodeId skip_cause(NodeId node) const { return cause_[node]; }
  /// The node's priority key: its cost plus the longest remaining path after it.
  double remaining_path(NodeId node) const { return remaining_[node]; }

  size_t size() const { return state_.size(); }
  size_t selected_count() const { return selected_count_; }
  int max_concurrency() const { return max_concurrency_; }
  int running() const { return running_; }

 private:
  explicit Plan(ReadyQueue ready) : ready_(std::move(ready)) {}

  /// `node` is ready: queued, and said by TakeReady().
  void MakeReady(NodeId node);
  /// `node` counts as done for its successors: the ones left with nothing to wait for
  /// become ready.
  void Satisfy(NodeId node);
  /// Skips every pending node reachable from `from`, with `cause`.
  void SkipDownstream(NodeId from, NodeId cause, std::vector<NodeId>& skipped);
  /// Stops the run and skips every pending node with `cause`.
  void SkipAllPending(NodeId cause, std::vector<NodeId>& skipped);
  void MarkSkipped(NodeId node, NodeId cause, std::vector<NodeId>& skipped);
  /// `node`, running, gives its slots back and waits, kDeferred.
  void Defer(NodeId node);
  /// Applies an adaptive group's new limit, if it changed.
  void Adapt(int32_t group, std::optional<int32_t> limit);

  // The selected subgraph in the run's direction, as compressed adjacency:
  // successors of n are succ_[succ_begin_[n] .. succ_begin_[n + 1]).
  std::vector<int32_t> succ_begin_;
  std::vector<NodeId> succ_;
  std::vector<int32_t> waiting_;  // per node: predecessors not yet satisfied
  std::vector<NodeState> state_;
  std::vector<NodeId> cause_;
  std::vector<OnFailure> on_failure_;
  std::vector<double> remaining_;
  ReadyQueue ready_;
  // Limited groups, by index (sorted by name): names, the adaptive ones' state, and each
  // node's groups with, for the adaptive ones, the epoch it started in.
  std::vector<std::string> group_names_;
  std::vector<std::optional<AdaptiveLimit>> adaptive_;
  std::vector<std::vector<int32_t>> node_groups_;
  std::vector<std::vector<int32_t>> started_epochs_;
  std::vector<LimitChange> limit_changes_;
  std::vector<NodeId> became_ready_;
  FailurePolicy policy_ = FailurePolicy::kFailFast;
  int max_concurrency_ = 1;
  int running_ = 0;
  size_t selected_count_ = 0;
  size_t unfinished_ = 0;
  bool stopped_ = false;
  bool cancelled_ = false;
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_PLAN_H_
