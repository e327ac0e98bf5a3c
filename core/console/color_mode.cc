#include "core/console/color_mode.h"

#include <stdlib.h>
#include <unistd.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace gantry::console {
namespace {

constexpr struct {
  ColorMode mode;
  const char* name;
} kColorModes[] = {
    {ColorMode::kAuto, "auto"},
    {ColorMode::kAlways, "always"},
    {ColorMode::kNever, "never"},
};

std::string Env(const char* name) {
  const char* value = getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

const char* ColorModeName(ColorMode mode) {
  for (const auto& entry : kColorModes)
    if (entry.mode == mode) return entry.name;
  return "unknown";
}

absl::StatusOr<ColorMode> ParseColorMode(absl::string_view name) {
  for (const auto& entry : kColorModes)
    if (name == entry.name) return entry.mode;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown color mode '", name, "' (expected auto, always or never)"));
}

TerminalFacts TerminalFactsFor(int fd) {
  TerminalFacts facts;
  facts.is_tty = fd >= 0 && isatty(fd) == 1;
  facts.no_color = Env("NO_COLOR");
  facts.term = Env("TERM");
  return facts;
}

bool ColorWanted(ColorMode mode, const TerminalFacts& facts) {
  switch (mode) {
    case ColorMode::kAlways:
      return true;
    case ColorMode::kNever:
      return false;
    case ColorMode::kAuto:
      break;
  }
  return facts.is_tty && facts.no_color.empty() && facts.term != "dumb";
}

}  // namespace gantry::console
