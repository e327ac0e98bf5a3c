#include "core/sched/plan.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "absl/base/internal/raw_logging.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace gantry::sched {
namespace {

constexpr NodeId kNoCause = -2;

absl::Status CheckInput(const PlanInput& input) {
  if (input.graph == nullptr) return absl::InvalidArgumentError("plan input has no graph");
  const size_t size = input.graph->size();
  if (!input.selected.empty() && input.selected.size() != size) {
    return absl::InvalidArgumentError(absl::StrCat("selection has ", input.selected.size(),
                                                   " flags for ", size, " nodes"));
  }
  if (!input.nodes.empty() && input.nodes.size() != size) {
    return absl::InvalidArgumentError(
        absl::StrCat("plan input has options for ", input.nodes.size(), " of ", size, " nodes"));
  }
  if (input.max_concurrency < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("max concurrency must be at least 1, not ", input.max_concurrency));
  }
  std::vector<std::string> bad;
  for (const auto& [group, limit] : input.group_limits) {
    if (limit < 1) bad.push_back(absl::StrCat("'", group, "' (", limit, ")"));
  }
  if (!bad.empty()) {
    std::sort(bad.begin(), bad.end());
    return absl::InvalidArgumentError(
        absl::StrCat("group limits must be at least 1: ", absl::StrJoin(bad, ", ")));
  }
  for (const auto& [group, adaptive] : input.adaptive_limits) {
    if (input.group_limits.contains(group))
      bad.push_back(absl::StrCat("'", group, "' is both fixed and adaptive"));
    const int32_t start = adaptive.start == 0 ? adaptive.max : adaptive.start;
    if (adaptive.min < 1 || adaptive.min > adaptive.max || start < adaptive.min ||
        start > adaptive.max)
      bad.push_back(absl::StrCat("'", group, "' needs 1 <= min (", adaptive.min,
                                 ") <= start (", start, ") <= max (", adaptive.max, ")"));
  }
  if (!bad.empty()) {
    std::sort(bad.begin(), bad.end());
    return absl::InvalidArgumentError(
        absl::StrCat("bad adaptive group limits: ", absl::StrJoin(bad, "; ")));
  }
  for (size_t n = 0; n < input.nodes.size(); ++n) {
    const double cost = input.nodes[n].cost;
    if (!std::isfinite(cost) || cost < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "cost of '", input.graph->name(static_cast<NodeId>(n)), "' must be finite and >= 0"));
    }
  }
  return absl::OkStatus();
}

/// Interns the limited groups, fixed and adaptive (sorted by name, so indices are
/// reproducible), with their first limits, and maps each node to its limited group
/// indices, without duplicates.
void LimitedGroups(const PlanInput& input, std::vector<std::string>& names,
                   std::vector<std::vector<int32_t>>& node_groups, std::vector<int32_t>& limits) {
  for (const auto& entry : input.group_limits) names.push_back(entry.first);
  for (const auto& entry : input.adaptive_limits) names.push_back(entry.first);
  std::sort(names.begin(), names.end());
  absl::flat_hash_map<std::string, int32_t> index;
  for (const std::string& name : names) {
    index.emplace(name, static_cast<int32_t>(limits.size()));
    auto fixed = input.group_limits.find(name);
    limits.push_back(fixed != input.group_limits.end()
                         ? fixed->second
                         : AdaptiveLimit(input.adaptive_limits.at(name)).current());
  }
  node_groups.assign(input.graph->size(), {});
  for (size_t n = 0; n < input.nodes.size(); ++n) {
    std::vector<int32_t>& groups = node_groups[n];
    for (const std::string& name : input.nodes[n].groups) {
      auto it = index.find(name);
      if (it != index.end()) groups.push_back(it->second);
    }
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  }
}

}  // namespace

absl::StatusOr<Plan> Plan::Create(const PlanInput& input) {
  if (absl::Status status = CheckInput(input); !status.ok()) return status;
  const graph::Graph& graph = *input.graph;
  const size_t size = graph.size();
  auto selected = [&](NodeId n) { return input.selected.empty() || input.selected[n]; };
  auto cost = [&](NodeId n) { return input.nodes.empty() ? 1.0 : input.nodes[n].cost; };

  // The selected subgraph in the run's direction, as compressed adjacency.
  std::vector<int32_t> succ_begin(size + 1, 0);
  std::vector<int32_t> waiting(size, 0);
  auto run_edge = [&](const graph::Edge& e) {
    return input.direction == Direction::kForward ? std::pair(e.dependency, e.dependent)
                                                  : std::pair(e.dependent, e.dependency);
  };
  for (const graph::Edge& e : graph.edges()) {
    auto [from, to] = run_edge(e);
    if (!selected(from) || !selected(to)) continue;
    ++succ_begin[from + 1];
    ++waiting[to];
  }
  for (size_t n = 0; n < size; ++n) succ_begin[n + 1] += succ_begin[n];
  std::vector<NodeId> succ(succ_begin[size]);
  std::vector<int32_t> fill(succ_begin.begin(), succ_begin.end() - 1);
  for (const graph::Edge& e : graph.edges()) {
    auto [from, to] = run_edge(e);
    if (selected(from) && selected(to)) succ[fill[from]++] = to;
  }

  // Topological order (Kahn), which also finds cycles.
  std::vector<NodeId> order;
  std::vector<int32_t> indegree = waiting;
  size_t selected_count = 0;
  for (NodeId n = 0; n < static_cast<NodeId>(size); ++n) {
    if (!selected(n)) continue;
    ++selected_count;
    if (indegree[n] == 0) order.push_back(n);
  }
  for (size_t i = 0; i < order.size(); ++i) {
    for (int32_t j = succ_begin[order[i]]; j < succ_begin[order[i] + 1]; ++j) {
      if (--indegree[succ[j]] == 0) order.push_back(succ[j]);
    }
  }
  if (order.size() != selected_count) {
    NodeId stuck = 0;
    while (!selected(stuck) || indegree[stuck] == 0) ++stuck;
    return absl::InvalidArgumentError(
        absl::StrCat("the selected nodes have a dependency cycle: ", selected_count - order.size(),
                     " of them could never start, e.g. '", graph.name(stuck), "'"));
  }

  // Longest remaining path, then the priority order it gives (ties by name).
  std::vector<double> remaining(size, 0.0);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    double longest = 0.0;
    for (int32_t j = succ_begin[*it]; j < succ_begin[*it + 1]; ++j) {
      longest = std::max(longest, remaining[succ[j]]);
    }
    remaining[*it] = cost(*it) + longest;
  }
  std::vector<NodeId> by_rank(size);
  for (size_t n = 0; n < size; ++n) by_rank[n] = static_cast<NodeId>(n);
  std::sort(by_rank.begin(), by_rank.end(), [&](NodeId a, NodeId b) {
    if (remaining[a] != remaining[b]) return remaining[a] > remaining[b];
    return graph.name(a) != graph.name(b) ? graph.name(a) < graph.name(b) : a < b;
  });
  std::vector<int32_t> rank(size);
  for (size_t r = 0; r < size; ++r) rank[by_rank[r]] = static_cast<int32_t>(r);

  std::vector<std::string> group_names;
  std::vector<std::vector<int32_t>> groups;
  std::vector<int32_t> limits;
  LimitedGroups(input, group_names, groups, limits);

  Plan plan(ReadyQueue(std::move(rank), groups, std::move(limits)));
  for (const std::string& name : group_names) {
    auto adaptive = input.adaptive_limits.find(name);
    plan.adaptive_.push_back(adaptive == input.adaptive_limits.end()
                                 ? std::nullopt
                                 : std::optional<AdaptiveLimit>(adaptive->second));
  }
  plan.group_names_ = std::move(group_names);
  plan.started_epochs_.resize(size);
  for (size_t n = 0; n < size; ++n) plan.started_epochs_[n].resize(groups[n].size(), 0);
  plan.node_groups_ = std::move(groups);
  plan.succ_begin_ = std::move(succ_begin);
  plan.succ_ = std::move(succ);
  plan.waiting_ = std::move(waiting);
  plan.remaining_ = std::move(remaining);
  plan.state_.assign(size, NodeState::kPending);
  plan.cause_.assign(size, kNoCause);
  plan.on_failure_.assign(size, OnFailure::kAbort);
  for (size_t n = 0; n < input.nodes.size(); ++n) plan.on_failure_[n] = input.nodes[n].on_failure;
  plan.policy_ = input.failure_policy;
  plan.max_concurrency_ = input.max_concurrency;
  plan.selected_count_ = selected_count;
  plan.unfinished_ = selected_count;
  for (NodeId n = 0; n < static_cast<NodeId>(size); ++n) {
    if (!selected(n)) {
      plan.state_[n] = NodeState::kNotSelected;
    } else if (plan.waiting_[n] == 0) {
      plan.MakeReady(n);
    }
  }
  return plan;
}

std::optional<NodeId> Plan::NextToStart() const {
  if (stopped_ || running_ >= max_concurrency_) return std::nullopt;
  return ready_.Top();
}

void Plan::Started(NodeId node) {
  ABSL_RAW_CHECK(!stopped_ && running_ < max_concurrency_, "started with no free slot");
  ABSL_RAW_CHECK(state_[node] == NodeState::kPending && ready_.queued(node),
                 "started a node that is not ready");
  ready_.Start(node);
  state_[node] = NodeState::kRunning;
  ++running_;
  for (size_t i = 0; i < node_groups_[node].size(); ++i) {
    if (const std::optional<AdaptiveLimit>& adaptive = adaptive_[node_groups_[node][i]])
      started_epochs_[node][i] = adaptive->epoch();
  }
}

void Plan::Defer(NodeId node) {
  ABSL_RAW_CHECK(state_[node] == NodeState::kRunning, "deferred a node that is not running");
  ready_.Finish(node);
  --running_;
  state_[node] = NodeState::kDeferred;
}

void Plan::Busy(NodeId node) { Defer(node); }

void Plan::Throttled(NodeId node) {
  Defer(node);
  for (size_t i = 0; i < node_groups_[node].size(); ++i) {
    const int32_t g = node_groups_[node][i];
    if (adaptive_[g]) Adapt(g, adaptive_[g]->Throttled(started_epochs_[node][i]));
  }
}

bool Plan::Retry(NodeId node) {
  if (state_[node] != NodeState::kDeferred) {
    ABSL_RAW_CHECK(state_[node] == NodeState::kSkipped, "retried a node that was not deferred");
    return false;
  }
  state_[node] = NodeState::kPending;
  MakeReady(node);
  return true;
}

void Plan::Adapt(int32_t group, std::optional<int32_t> limit) {
  if (!limit) return;
  limit_changes_.push_back(LimitChange{group_names_[group], ready_.limit(group), *limit});
  ready_.SetLimit(group, *limit);
}

std::vector<std::pair<std::string, int32_t>> Plan::GroupLimits() const {
  std::vector<std::pair<std::string, int32_t>> limits;
  for (size_t g = 0; g < group_names_.size(); ++g)
    limits.emplace_back(group_names_[g], ready_.limit(static_cast<int32_t>(g)));
  return limits;
}

std::vector<NodeId> Plan::Finished(NodeId node, Outcome outcome) {
  ABSL_RAW_CHECK(state_[node] == NodeState::kRunning, "finished a node that is not running");
  ABSL_RAW_CHECK(outcome != Outcome::kThrottled && outcome != Outcome::kBusy,
                 "a throttled or busy node is deferred, not finished");
  ready_.Finish(node);
  --running_;
  --unfinished_;
  std::vector<NodeId> skipped;
  switch (outcome) {
    case Outcome::kSucceeded:
      state_[node] = NodeState::kSucceeded;
      for (size_t i = 0; i < node_groups_[node].size(); ++i) {
        const int32_t g = node_groups_[node][i];
        if (adaptive_[g]) Adapt(g, adaptive_[g]->Succeeded(started_epochs_[node][i]));
      }
      Satisfy(node);
      break;
    case Outcome::kCancelled:
      state_[node] = NodeState::kCancelled;
      SkipDownstream(node, node, skipped);
      break;
    case Outcome::kFailed:
      state_[node] = NodeState::kFailed;
      switch (on_failure_[node]) {
        case OnFailure::kIgnore:
          Satisfy(node);
          break;
        case OnFailure::kSkipDependents:
          SkipDownstream(node, node, skipped);
          break;
        case OnFailure::kAbort:
          if (policy_ == FailurePolicy::kKeepGoing) {
            SkipDownstream(node, node, skipped);
          } else {
            SkipAllPending(node, skipped);
          }
          break;
      }
      break;
    case Outcome::kThrottled:
    case Outcome::kBusy:
      break;
  }
  return skipped;
}

std::vector<NodeId> Plan::Cancel() {
  std::vector<NodeId> skipped;
  if (!cancelled_) {
    cancelled_ = true;
    SkipAllPending(kCancelCause, skipped);
  }
  return skipped;
}

void Plan::MakeReady(NodeId node) {
  ready_.Push(node);
  became_ready_.push_back(node);
}

int32_t Plan::group_index(const std::string& name) const {
  auto it = std::lower_bound(group_names_.begin(), group_names_.end(), name);
  return it != group_names_.end() && *it == name ? static_cast<int32_t>(it - group_names_.begin())
                                                 : -1;
}

std::pair<WaitReason, int32_t> Plan::Blocker(NodeId node) const {
  if (running_ < max_concurrency_) {
    for (int32_t g : node_groups_[node])
      if (group_full(g))
        return {adaptive_[g] ? WaitReason::kAdaptiveLimit : WaitReason::kGroupLimit, g};
  }
  return {WaitReason::kGlobalLimit, -1};
}

void Plan::Satisfy(NodeId node) {
  for (int32_t j = succ_begin_[node]; j < succ_begin_[node + 1]; ++j) {
    const NodeId next = succ_[j];
    if (state_[next] == NodeState::kPending && --waiting_[next] == 0) MakeReady(next);
  }
}

void Plan::SkipDownstream(NodeId from, NodeId cause, std::vector<NodeId>& skipped) {
  // Skipped sets are closed downstream, so the walk stops at nodes already skipped; each
  // node and edge is walked at most once over the run.
  const size_t first = skipped.size();
  auto visit = [&](NodeId n) {
    for (int32_t j = succ_begin_[n]; j < succ_begin_[n + 1]; ++j) {
      if (state_[succ_[j]] == NodeState::kPending) MarkSkipped(succ_[j], cause, skipped);
    }
  };
  visit(from);
  for (size_t i = first; i < skipped.size(); ++i) visit(skipped[i]);
}

void Plan::SkipAllPending(NodeId cause, std::vector<NodeId>& skipped) {
  if (stopped_) return;  // everything pending was skipped then; nothing became pending since
  stopped_ = true;
  ready_.Clear();
  for (NodeId n = 0; n < static_cast<NodeId>(state_.size()); ++n) {
    if (state_[n] == NodeState::kPending || state_[n] == NodeState::kDeferred)
      MarkSkipped(n, cause, skipped);
  }
}

void Plan::MarkSkipped(NodeId node, NodeId cause, std::vector<NodeId>& skipped) {
  if (ready_.queued(node)) ready_.Erase(node);
  state_[node] = NodeState::kSkipped;
  cause_[node] = cause;
  --unfinished_;
  skipped.push_back(node);
}

}  // namespace gantry::sched
