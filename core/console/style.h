// ANSI colors of the console, and how durations read.
#ifndef GANTRY_CORE_CONSOLE_STYLE_H_
#define GANTRY_CORE_CONSOLE_STYLE_H_

#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "core/record/run_record.h"

namespace gantry::console {

/// Paints text with ANSI SGR sequences, or leaves it plain when color is off.
class Style {
 public:
  explicit Style(bool color) : color_(color) {}
  bool color() const { return color_; }

  /// "[component]", colored on a color terminal with a color that depends only on the
  /// name (a stable hash into a palette of 10), so a component keeps its color across
  /// runs.
  std::string Label(std::string_view component) const;
  /// The status word (StatusName): ok green, failed red, skipped/cancelled yellow.
  std::string Status(record::ComponentStatus status) const;
  /// A status that is neither success nor failure ("no apply command"), in yellow.
  std::string Notice(std::string_view text) const;
  /// `text` in bold.
  std::string Bold(std::string_view text) const;

 private:
  std::string Paint(std::string_view text, std::string_view sgr) const;

  bool color_;
};

/// "850ms", "2.1s", "1m05s", "2h03m".
std::string ShortDuration(absl::Duration d);
/// Whole seconds for the live status line: "12s", "1m05s", "2h03m".
std::string ElapsedSeconds(absl::Duration d);

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_STYLE_H_
