#include "core/record/resume.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace gantry::record {
namespace {

constexpr size_t kShortIdLength = 8;

std::string TargetText(std::string_view target) {
  return target.empty() ? "the default target"
                        : absl::StrCat("target ", absl::string_view(target.data(), target.size()));
}

}  // namespace

absl::StatusOr<ResumePlan> PlanResume(const RunRecord& previous, std::string_view operation,
                                      std::string_view target) {
  const std::string run = previous.run_id.substr(0, kShortIdLength);
  if (previous.operation != operation) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot resume run ", run, " with ", absl::string_view(operation.data(), operation.size()),
        ": it ran ", previous.operation, " (a resumed run repeats the same operation)"));
  }
  if (previous.target != target) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot resume run ", run, " on ", TargetText(target), ": it ran on ",
                     TargetText(previous.target)));
  }

  ResumePlan plan;
  plan.previous_run_id = previous.run_id;
  for (const ComponentRecord& component : previous.components) {
    if (component.status != ComponentStatus::kOk) {
      plan.rerun.push_back(component.name);
      continue;
    }
    ComponentRecord reused;
    reused.name = component.name;
    reused.type = component.type;
    reused.status = ComponentStatus::kOk;
    reused.nothing_to_do = component.nothing_to_do;
    reused.outputs = component.outputs;
    reused.reused_from =
        component.reused_from.empty() ? previous.run_id : component.reused_from;
    for (const auto& [key, output] : component.outputs) {
      if (!output.sensitive()) continue;
      OutputKey masked;
      masked.component = component.name;
      masked.key = key;
      plan.masked_outputs.push_back(std::move(masked));
    }
    plan.reused.push_back(std::move(reused));
  }
  const auto by_name = [](const ComponentRecord& a, const ComponentRecord& b) {
    return a.name < b.name;
  };
  std::sort(plan.reused.begin(), plan.reused.end(), by_name);
  std::sort(plan.rerun.begin(), plan.rerun.end());
  std::sort(plan.masked_outputs.begin(), plan.masked_outputs.end(),
            [](const OutputKey& a, const OutputKey& b) {
              return std::tie(a.component, a.key) < std::tie(b.component, b.key);
            });
  return plan;
}

void RerunMaskedProducers(ResumePlan& plan) {
  std::set<std::string> producers;
  for (const OutputKey& output : plan.masked_outputs) producers.insert(output.component);
  plan.masked_outputs.clear();
  if (producers.empty()) return;
  std::vector<ComponentRecord> kept;
  for (ComponentRecord& component : plan.reused) {
    if (producers.count(component.name))
      plan.rerun.push_back(component.name);
    else
      kept.push_back(std::move(component));
  }
  plan.reused = std::move(kept);
  std::sort(plan.rerun.begin(), plan.rerun.end());
}

}  // namespace gantry::record
