#include "core/record/run_record.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace gantry::record {
namespace {

constexpr struct {
  ComponentStatus status;
  const char* name;
} kNames[] = {
    {ComponentStatus::kPending, "pending"}, {ComponentStatus::kRunning, "running"},
    {ComponentStatus::kOk, "ok"},           {ComponentStatus::kFailed, "failed"},
    {ComponentStatus::kSkipped, "skipped"}, {ComponentStatus::kCancelled, "cancelled"},
    {ComponentStatus::kBlocked, "blocked"},
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
      case ComponentStatus::kBlocked: ++counts.blocked; break;
      case ComponentStatus::kPending:
      case ComponentStatus::kRunning: ++counts.unfinished; break;
    }
  }
  return counts;
}

std::string NothingToDoText(std::string_view operation) {
  return "no " + std::string(operation.empty() ? "such" : operation) + " command";
}

std::string PlanNote(const ComponentRecord& component) {
  if (component.status == ComponentStatus::kBlocked)
    return absl::StrCat("needs ", absl::StrJoin(component.blocked_on, ", "), " applied");
  if (component.status != ComponentStatus::kOk) return "";
  if (!component.placeholders.empty())
    return absl::StrCat("planned with placeholders for ",
                        absl::StrJoin(component.placeholders, ", "));
  if (!component.planned_inputs.empty())
    return absl::StrCat("planned with planned values of ",
                        absl::StrJoin(component.planned_inputs, ", "));
  return "";
}

std::string ShownStatus(const ComponentRecord& component, std::string_view operation) {
  std::string status = component.status == ComponentStatus::kOk && component.nothing_to_do &&
                               component.reused_from.empty()
                           ? NothingToDoText(operation)
                           : StatusName(component.status);
  if (const std::string note = PlanNote(component); !note.empty())
    absl::StrAppend(&status, " (", note, ")");
  return status;
}

std::string ChangesText(const Changes& changes, std::string_view operation) {
  if (!changes.has_changes) return "no changes";
  if (!changes.summary.empty()) return changes.summary;
  // A plan says what would happen; any other operation reports what it did.
  const bool planned = operation == "plan" || operation.empty();
  std::vector<std::string> known;
  if (changes.add >= 0) known.push_back(absl::StrCat(changes.add, planned ? " to add" : " added"));
  if (changes.change >= 0)
    known.push_back(absl::StrCat(changes.change, planned ? " to change" : " changed"));
  if (changes.destroy >= 0)
    known.push_back(absl::StrCat(changes.destroy, planned ? " to destroy" : " destroyed"));
  return known.empty() ? "changes" : absl::StrJoin(known, ", ");
}

ChangeCounts CountChanges(const RunRecord& run) {
  ChangeCounts counts;
  counts.total.has_changes = false;
  auto sum = [](int64_t& total, int64_t count) {
    if (count >= 0) total = std::max<int64_t>(total, 0) + count;
  };
  for (const ComponentRecord& component : run.components) {
    if (!component.changes) continue;
    ++(component.changes->has_changes ? counts.with : counts.without);
    counts.total.has_changes = counts.total.has_changes || component.changes->has_changes;
    sum(counts.total.add, component.changes->add);
    sum(counts.total.change, component.changes->change);
    sum(counts.total.destroy, component.changes->destroy);
  }
  return counts;
}

std::string ChangeCountsText(const ChangeCounts& counts, std::string_view operation) {
  if (counts.with + counts.without == 0) return "";
  std::string text =
      absl::StrCat(counts.with, counts.with == 1 ? " component" : " components", " with changes");
  // The totals only where they say more than "changes" would.
  if (counts.with > 0 && (counts.total.add >= 0 || counts.total.change >= 0 ||
                          counts.total.destroy >= 0))
    absl::StrAppend(&text, " (", ChangesText(counts.total, operation), ")");
  return absl::StrCat(text, ", ", counts.without, " without");
}

}  // namespace gantry::record
