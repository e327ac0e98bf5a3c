#include "core/cli/color_option.h"

#include <stdlib.h>
#include <unistd.h>

namespace gantry::cli {

void AddColorOption(CLI::App& app, std::string& value) {
  app.add_option("--color", value,
                 "Colours: auto (on a terminal, unless NO_COLOR is set or TERM is dumb), "
                 "always or never (default: $GANTRY_COLOR, else auto)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    if (!sub->get_group().empty()) AddColorOption(*sub, value);
}

std::optional<ColorChoice> SettleColor(const std::string& flag, std::ostream& err) {
  std::string name = flag;
  if (name.empty()) {
    const char* env = getenv(kColorVariable);
    name = env == nullptr || *env == '\0' ? "auto" : env;
  }
  absl::StatusOr<console::ColorMode> mode = console::ParseColorMode(name);
  if (!mode.ok()) {  // CLI11 has checked the flag: this is the environment's
    err << "gantry: " << kColorVariable << ": " << mode.status().message() << "\n";
    return std::nullopt;
  }
  ColorChoice choice;
  choice.mode = *mode;
  choice.stdout_color = console::ColorWanted(*mode, console::TerminalFactsFor(STDOUT_FILENO));
  choice.stderr_color = console::ColorWanted(*mode, console::TerminalFactsFor(STDERR_FILENO));
  setenv(kColorVariable, choice.stdout_color ? "always" : "never", 1);
  if (*mode == console::ColorMode::kNever) setenv("NO_COLOR", "1", 1);
  return choice;
}

}  // namespace gantry::cli
