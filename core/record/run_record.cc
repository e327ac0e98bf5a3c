#include "core/record/run_record.h"

namespace gantry::record {
namespace {

constexpr struct {
  ComponentStatus status;
  const char* name;
} kNames[] = {
    {ComponentStatus::kPending, "pending"}, {ComponentStatus::kRunning, "running"},
    {ComponentStatus::kOk, "ok"},           {ComponentStatus::kFailed, "failed"},
    {ComponentStatus::kSkipped, "skipped"}, {ComponentStatus::kCancelled, "cancelled"},
};

}  // namespace

const char* StatusName(ComponentStatus status) {
  for (const auto& entry : kNames)
    if (entry.status == status) return entry.name;
  return "unknown";
}

bool ParseStatus(std::string_view name, ComponentStatus* status) {
  for (const auto& entry : kNames) {
    if (name == entry.name) {
      *status = entry.status;
      return true;
    }
  }
  return false;
}

StatusCounts CountStatuses(const RunRecord& run) {
  StatusCounts counts;
  for (const ComponentRecord& component : run.components) {
    switch (component.status) {
      case ComponentStatus::kOk:
        ++counts.ok;
        if (component.nothing_to_do && component.reused_from.empty()) ++counts.nothing_to_do;
        break;
      case ComponentStatus::kFailed: ++counts.failed; break;
      case ComponentStatus::kSkipped: ++counts.skipped; break;
      case ComponentStatus::kCancelled: ++counts.cancelled; break;
      case ComponentStatus::kPending:
      case ComponentStatus::kRunning: ++counts.unfinished; break;
    }
  }
  return counts;
}

std::string NothingToDoText(std::string_view operation) {
  return "no " + std::string(operation.empty() ? "such" : operation) + " command";
}

std::string ShownStatus(const ComponentRecord& component, std::string_view operation) {
  if (component.status == ComponentStatus::kOk && component.nothing_to_do &&
      component.reused_from.empty())
    return NothingToDoText(operation);
  return StatusName(component.status);
}

}  // namespace gantry::record
