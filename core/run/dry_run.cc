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

}  // namespace

absl::StatusOr<std::vector<SimulatedStart>> SimulateSchedule(const sched::PlanInput& input) {
  absl::StatusOr<sched::Plan> plan = sched::Plan::Create(input);
  if (!plan.ok()) return plan.status();
  std::vector<SimulatedStart> starts;
  std::priority_queue<Running, std::vector<Running>, std::greater<>> running;
  double now = 0;
  while (!plan->Done()) {
    while (std::optional<graph::NodeId> node = plan->NextToStart()) {
      plan->Started(*node);
      const double end = now + Cost(input, *node);
      starts.push_back(SimulatedStart{*node, now, end});
      running.push(Running{end, *node});
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
    out << absl::StrFormat("  %4d  %-*s  %-10s  %8.2f  %8.2f  %s\n", ++index, width,
                           graph.name(start.node), graph.type(start.node), start.start,
                           start.end, waits.empty() ? "-" : absl::StrJoin(waits, ", "));
    makespan = std::max(makespan, start.end);
  }
  out << absl::StrFormat("Simulated makespan: %.2f (costs: estimated_duration, else the last "
                         "successful run's duration in seconds, else 1)\n",
                         makespan);
  return absl::OkStatus();
}

}  // namespace gantry::run
