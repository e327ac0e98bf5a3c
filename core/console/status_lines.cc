#include "core/console/status_lines.h"

#include "absl/strings/str_cat.h"
#include "core/exec/inert_text.h"

namespace gantry::console {
namespace {

constexpr char kTag[] = "gantry: ";

bool IsFinal(record::ComponentStatus status) {
  return status != record::ComponentStatus::kPending &&
         status != record::ComponentStatus::kRunning;
}

}  // namespace

std::string RunStartedLine(const record::RunRecord& run) {
  std::string line = absl::StrCat(kTag, run.operation.empty() ? "run" : run.operation);
  if (!run.target.empty()) absl::StrAppend(&line, " (target ", run.target, ")");
  const size_t n = run.components.size();
  absl::StrAppend(&line, ": ", n, n == 1 ? " component" : " components");
  if (!run.run_id.empty()) absl::StrAppend(&line, ", run ", run.run_id);
  line += '\n';
  return line;
}

std::string ComponentStartedLine(const record::ComponentRecord& component, const Style& style) {
  std::string line = absl::StrCat(kTag, style.Bold(component.name), " started");
  if (component.attempts > 1) absl::StrAppend(&line, " (attempt ", component.attempts, ")");
  line += '\n';
  return line;
}

std::string ComponentFinishedLine(const record::ComponentRecord& component,
                                  record::ComponentStatus cause_status, const Style& style,
                                  std::string_view operation) {
  const bool nothing_to_do =
      component.status == record::ComponentStatus::kOk && component.nothing_to_do &&
      component.reused_from.empty();
  std::string line = absl::StrCat(
      kTag, style.Bold(component.name), " ",
      nothing_to_do ? style.Notice(record::NothingToDoText(operation))
                    : style.Status(component.status));
  if (component.status == record::ComponentStatus::kSkipped) {
    if (component.skip_cause == record::kSkipCauseCancelled) {
      line += " (run cancelled)";
    } else if (!component.skip_cause.empty()) {
      if (IsFinal(cause_status)) {
        absl::StrAppend(&line, " (", component.skip_cause, " ",
                        record::StatusName(cause_status), ")");
      } else {
        absl::StrAppend(&line, " (because of ", component.skip_cause, ")");
      }
    }
  } else if (nothing_to_do) {
    // Nothing ran, so there is no duration to show.
  } else {
    absl::StrAppend(&line, " (", ShortDuration(component.duration()));
    if (component.attempts > 1) absl::StrAppend(&line, ", ", component.attempts, " attempts");
    line += ")";
    if (component.changes)
      absl::StrAppend(&line, ": ", record::ChangesText(*component.changes, operation));
    // A blocked one says why in its error, below.
    if (component.status == record::ComponentStatus::kOk)
      if (const std::string note = record::PlanNote(component); !note.empty())
        absl::StrAppend(&line, " (", style.Notice(note), ")");
  }
  if (!component.error.empty() && component.status != record::ComponentStatus::kOk &&
      component.status != record::ComponentStatus::kSkipped) {
    absl::StrAppend(&line, ": ", exec::Neutralised(component.error));
  }
  line += '\n';
  return line;
}

}  // namespace gantry::console
