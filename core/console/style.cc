#include "core/console/style.h"

#include <cstdint>

#include "absl/strings/str_format.h"

namespace gantry::console {
namespace {

// Foreground colors for labels: neither red (failures) nor black/white (unreadable on
// one background or the other).
constexpr std::string_view kPalette[] = {"32", "33", "34", "35", "36",
                                         "92", "93", "94", "95", "96"};

uint32_t Fnv1a(std::string_view text) {
  uint32_t hash = 2166136261u;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 16777619u;
  }
  return hash;
}

}  // namespace

std::string Style::Paint(std::string_view text, std::string_view sgr) const {
  if (!color_) return std::string(text);
  std::string painted;
  painted.reserve(text.size() + sgr.size() + 7);
  painted.append("\x1b[").append(sgr).append("m").append(text).append("\x1b[0m");
  return painted;
}

std::string Style::Label(std::string_view component) const {
  std::string label;
  label.reserve(component.size() + 2);
  label.append("[").append(component).append("]");
  return Paint(label, kPalette[Fnv1a(component) % std::size(kPalette)]);
}

std::string Style::Status(record::ComponentStatus status) const {
  const char* name = record::StatusName(status);
  switch (status) {
    case record::ComponentStatus::kOk:
      return Paint(name, "32");
    case record::ComponentStatus::kFailed:
      return Paint(name, "1;31");
    case record::ComponentStatus::kSkipped:
    case record::ComponentStatus::kCancelled:
    case record::ComponentStatus::kBlocked:
      return Paint(name, "33");
    default:
      return name;
  }
}

std::string Style::Notice(std::string_view text) const { return Paint(text, "33"); }

std::string Style::Bold(std::string_view text) const { return Paint(text, "1"); }

std::string ShortDuration(absl::Duration d) {
  if (d < absl::ZeroDuration()) d = absl::ZeroDuration();
  if (d < absl::Seconds(1)) return absl::StrFormat("%dms", absl::ToInt64Milliseconds(d));
  if (d < absl::Minutes(1)) return absl::StrFormat("%.1fs", absl::ToDoubleSeconds(d));
  return ElapsedSeconds(d);
}

std::string ElapsedSeconds(absl::Duration d) {
  if (d < absl::ZeroDuration()) d = absl::ZeroDuration();
  const int64_t s = absl::ToInt64Seconds(d);
  if (s < 60) return absl::StrFormat("%ds", s);
  if (s < 3600) return absl::StrFormat("%dm%02ds", s / 60, s % 60);
  return absl::StrFormat("%dh%02dm", s / 3600, (s % 3600) / 60);
}

}  // namespace gantry::console
