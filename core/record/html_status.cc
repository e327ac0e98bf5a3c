#include "core/record/html_status.h"

#include <string_view>

namespace gantry::record {

const char* HtmlStatus(const ComponentRecord& component) {
  switch (component.status) {
    case ComponentStatus::kOk:
      return component.nothing_to_do && component.reused_from.empty() ? "nothing-to-do" : "ok";
    case ComponentStatus::kFailed: return "failed";
    case ComponentStatus::kSkipped: return "skipped";
    case ComponentStatus::kCancelled: return "cancelled";
    case ComponentStatus::kBlocked: return "blocked";
    case ComponentStatus::kPending:
    case ComponentStatus::kRunning: return "unfinished";
  }
  return "unfinished";
}

const char* HtmlStatusLabel(const ComponentRecord& component) {
  const std::string_view status = HtmlStatus(component);
  for (const HtmlStatusLegend& legend : HtmlStatusLegends())
    if (status == legend.status) return legend.label;
  return "unfinished";
}

std::span<const HtmlStatusLegend> HtmlStatusLegends() {
  static constexpr HtmlStatusLegend kLegends[] = {
      {"ok", "ok"},
      {"nothing-to-do", "nothing to do"},
      {"failed", "failed"},
      {"cancelled", "cancelled"},
      {"blocked", "blocked"},
      {"skipped", "skipped"},
      {"unfinished", "unfinished"},
  };
  return kLegends;
}

}  // namespace gantry::record
