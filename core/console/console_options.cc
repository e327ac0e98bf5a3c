#include "core/console/console_options.h"

#include <stdlib.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace gantry::console {
namespace {

constexpr struct {
  OutputMode mode;
  const char* name;
} kOutputModes[] = {
    {OutputMode::kPrefixed, "prefixed"},
    {OutputMode::kGrouped, "grouped"},
    {OutputMode::kQuiet, "quiet"},
};

}  // namespace

const char* OutputModeName(OutputMode mode) {
  for (const auto& entry : kOutputModes)
    if (entry.mode == mode) return entry.name;
  return "unknown";
}

absl::StatusOr<OutputMode> ParseOutputMode(absl::string_view name) {
  for (const auto& entry : kOutputModes)
    if (name == entry.name) return entry.mode;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown output mode '", name, "' (expected prefixed, grouped or quiet)"));
}

ConsoleOptions ConsoleOptionsFor(FILE* out, OutputMode mode, ColorMode color) {
  ConsoleOptions options;
  options.mode = mode;
  options.out = out;
  const TerminalFacts facts = TerminalFactsFor(out == nullptr ? -1 : fileno(out));
  options.is_tty = facts.is_tty;
  options.color = ColorWanted(color, facts);
  const char* github = getenv("GITHUB_ACTIONS");
  options.github_actions = github != nullptr && std::string(github) == "true";
  return options;
}

}  // namespace gantry::console
