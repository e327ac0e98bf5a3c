#include "core/run/plan_input_builder.h"

#include "absl/time/time.h"

namespace gantry::run {
namespace {

sched::OnFailure ToSched(config::OnFailure on_failure) {
  switch (on_failure) {
    case config::OnFailure::kSkipDependents: return sched::OnFailure::kSkipDependents;
    case config::OnFailure::kIgnore: return sched::OnFailure::kIgnore;
    case config::OnFailure::kAbort: break;
  }
  return sched::OnFailure::kAbort;
}

}  // namespace

sched::PlanInput BuildPlanInput(const config::Deployment& deployment, const graph::Graph& graph,
                                std::vector<bool> selected, bool reverse, int max_concurrency,
                                bool keep_going, const RecordedDuration& recorded_duration) {
  sched::PlanInput input;
  input.graph = &graph;
  input.selected = std::move(selected);
  input.direction = reverse ? sched::Direction::kReverse : sched::Direction::kForward;
  input.max_concurrency = max_concurrency;
  input.failure_policy =
      keep_going ? sched::FailurePolicy::kKeepGoing : sched::FailurePolicy::kFailFast;
  for (const auto& [group, limit] : deployment.limits) {
    if (limit.adaptive) {
      input.adaptive_limits[group] =
          sched::AdaptiveLimitOptions{limit.min, limit.max, limit.start.value_or(limit.max)};
    } else {
      input.group_limits[group] = limit.max;
    }
  }
  input.nodes.resize(graph.size());
  for (graph::NodeId n = 0; n < static_cast<graph::NodeId>(graph.size()); ++n) {
    const config::ComponentConfig* component = deployment.Find(graph.name(n));
    sched::NodeOptions& options = input.nodes[n];
    options.groups.push_back(graph.type(n));
    if (component == nullptr) continue;
    if (!component->group.empty()) options.groups.push_back(component->group);
    options.on_failure = ToSched(component->on_failure);
    if (component->estimated_duration) {
      options.cost = absl::ToDoubleSeconds(*component->estimated_duration);
    } else if (recorded_duration) {
      if (std::optional<double> seconds = recorded_duration(component->name))
        options.cost = *seconds;
    }
  }
  return input;
}

}  // namespace gantry::run
