#include "core/run/dry_run.h"

#include <algorithm>
#include <queue>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "core/sched/plan.h"

namespace gantry::run {
namespace {

struct Running {
  double end;
  graph::NodeId node;
  // Earliest end first; ties by node id so the simulation is reproducible.
  bool operator>(const Running& other) const {
    return end != other.end ? end > other.end : node > other.node;
  }
};

double Cost(const sched::PlanInput& input, graph::NodeId node) {
  return input.nodes.empty() ? 1.0 : input.nodes[node].cost;
}

/// The nodes `node` waits on in the run's direction, restricted to the selection.
std::vector<std::string> WaitsOn(const sched::PlanInput& input, graph::NodeId node) {
  const graph::Graph& graph = *input.graph;
  const std::vector<graph::NodeId> before = input.direction == sched::Direction::kReverse
                                                ? graph.Dependents(node)
                                                : graph.Dependencies(node);
  std::vector<std::string> names;
  for (graph::NodeId other : before) {
    if (input.selected.empty() || input.selected[other]) names.push_back(graph.name(other));
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// "2.00 for the group aws (limit 2)", "1.00 for a free slot (-j 2)": how long a
/// ready node waited in the simulation, and for what.
std::string HeldBy(const SimulatedStart& start, const sched::PlanInput& input) {
  const double waited = start.start - start.ready;
  if (start.held_by == sched::WaitReason::kGlobalLimit)
    return absl::StrFormat("%.2f for a free slot (max concurrency %d)", waited,
                           input.max_concurrency);
  auto fixed = input.group_limits.find(start.group);
  const int limit = fixed != input.group_limits.end() ? fixed->second : [&] {
    const sched::AdaptiveLimitOptions& adaptive = input.adaptive_limits.at(start.group);
    return adaptive.start == 0 ? adaptive.max : adaptive.start;
  }();
  return absl::StrFormat("%.2f for the group %s (limit %d%s)", waited, start.group, limit,
                         start.held_by == sched::WaitReason::kAdaptiveLimit ? ", adaptive" : "");
}

}  // namespace

absl::StatusOr<std::vector<SimulatedStart>> SimulateSchedule(const sched::PlanInput& input) {
  absl::StatusOr<sched::Plan> plan = sched::Plan::Create(input);
  if (!plan.ok()) return plan.status();
  std::vector<SimulatedStart> starts;
  std::priority_queue<Running, std::vector<Running>, std::greater<>> running;
  // When each node became ready, and what held it then if it did not start at once.
  std::vector<SimulatedStart> ready(input.graph->size());
  std::vector<graph::NodeId> became_ready;
  double now = 0;
  while (!plan->Done()) {
    plan->TakeReady(became_ready);
    for (graph::NodeId node : became_ready) ready[node].ready = now;
    while (std::optional<graph::NodeId> node = plan->NextToStart()) {
      plan->Started(*node);
      SimulatedStart start = ready[*node];
      start.node = *node;
      start.start = now;
      start.end = now + Cost(input, *node);
      starts.push_back(start);
      running.push(Running{start.end, *node});
    }
    for (graph::NodeId node : became_ready) {
      if (plan->state(node) != sched::NodeState::kPending) continue;  // started
      const auto [why, group] = plan->Blocker(node);
      ready[node].held_by = why;
      if (group >= 0) ready[node].group = plan->group_name(group);
    }
    if (running.empty()) break;  // cannot happen for a valid plan; never loop forever
    const Running next = running.top();
    running.pop();
    now = next.end;
    plan->Finished(next.node, sched::Outcome::kSucceeded);
  }
  return starts;
}

absl::Status PrintSchedule(const sched::PlanInput& input, const std::string& operation,
                           const std::string& target, std::ostream& out) {
  absl::StatusOr<std::vector<SimulatedStart>> starts = SimulateSchedule(input);
  if (!starts.ok()) return starts.status();
  const graph::Graph& graph = *input.graph;
  std::vector<std::string> limits;
  for (const auto& [group, limit] : input.group_limits) limits.push_back(absl::StrCat(group, "=", limit));
  // An adaptive group is simulated at its first limit; it moves with throttling.
  for (const auto& [group, limit] : input.adaptive_limits)
    limits.push_back(absl::StrCat(group, "=", limit.start == 0 ? limit.max : limit.start,
                                  " (adaptive ", limit.min, "..", limit.max, ")"));
  std::sort(limits.begin(), limits.end());
  out << absl::StrFormat("Dry run: %s, target %s, %d component(s), max concurrency %d%s%s\n",
                         operation, target, starts->size(), input.max_concurrency,
                         limits.empty() ? "" : ", limits ", absl::StrJoin(limits, " "));
  if (input.direction == sched::Direction::kReverse)
    out << "Reverse order: each component waits on everything that depends on it.\n";
  size_t width = 9;
  for (const SimulatedStart& start : *starts) width = std::max(width, graph.name(start.node).size());
  out << absl::StrFormat("  %4s  %-*s  %-10s  %8s  %8s  %s\n", "#", width, "component", "type",
                         "start", "end", "waits on");
  double makespan = 0;
  int index = 0;
  for (const SimulatedStart& start : *starts) {
    std::vector<std::string> waits = WaitsOn(input, start.node);
    std::string waits_on = waits.empty() ? "-" : absl::StrJoin(waits, ", ");
    if (start.start > start.ready) absl::StrAppend(&waits_on, "; then ", HeldBy(start, input));
    out << absl::StrFormat("  %4d  %-*s  %-10s  %8.2f  %8.2f  %s\n", ++index, width,
                           graph.name(start.node), graph.type(start.node), start.start,
                           start.end, waits_on);
    makespan = std::max(makespan, start.end);
  }
  out << absl::StrFormat("Simulated makespan: %.2f (costs: estimated_duration, else the last "
                         "successful run's duration in seconds, else 1)\n",
                         makespan);
  return absl::OkStatus();
}

}  // namespace gantry::run
