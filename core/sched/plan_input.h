// Everything a Plan is built from: the graph, the selection and the run's policies.
#ifndef GANTRY_CORE_SCHED_PLAN_INPUT_H_
#define GANTRY_CORE_SCHED_PLAN_INPUT_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/graph/graph.h"
#include "core/sched/adaptive_limit.h"

namespace gantry::sched {

/// Which way edges are walked.
enum class Direction {
  kForward,  ///< a node starts after every dependency has finished (apply, plan, ...)
  kReverse,  ///< a node starts after every dependent has finished (destroy)
};

/// What a failure of this node does to the rest of the run (config `on_failure`).
enum class OnFailure {
  /// Fail-fast: stop starting anything. Keep-going: skip only its downstream.
  kAbort,
  /// Skip only its downstream, whatever the FailurePolicy.
  kSkipDependents,
  /// Its dependents run as if it had succeeded; its own state stays kFailed.
  kIgnore,
};

/// The run-wide reaction to a kAbort failure.
enum class FailurePolicy {
  kFailFast,   ///< the default: no new starts; running nodes finish
  kKeepGoing,  ///< `--keep-going`: everything not downstream of a failure still runs
};

/// Per-node scheduling options.
struct NodeOptions {
  /// The limit groups the node belongs to: its type and, if set, its `group`. Groups
  /// without an entry in PlanInput::group_limits are unlimited; duplicates count once.
  std::vector<std::string> groups;
  /// Estimated cost (e.g. seconds), >= 0 and finite; only used for priority.
  double cost = 1.0;
  OnFailure on_failure = OnFailure::kAbort;
};

struct PlanInput {
  /// Must not be null; read only while the Plan is created (it need not outlive it).
  const graph::Graph* graph = nullptr;
  /// Empty: every node. Otherwise graph->size() flags; unselected nodes never run and
  /// count as satisfied for their dependents.
  std::vector<bool> selected;
  Direction direction = Direction::kForward;
  /// Empty: defaults for every node. Otherwise exactly graph->size() entries.
  std::vector<NodeOptions> nodes;
  /// The global limit on running nodes (and the Executor's worker count); >= 1.
  int max_concurrency = 1;
  /// Group name -> the most nodes of that group running at once; each >= 1.
  absl::flat_hash_map<std::string, int> group_limits;
  /// Group name -> a limit that adapts to throttling (adaptive_limit.h). A group is in
  /// group_limits or here, not both.
  absl::flat_hash_map<std::string, AdaptiveLimitOptions> adaptive_limits;
  FailurePolicy failure_policy = FailurePolicy::kFailFast;
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_PLAN_INPUT_H_
