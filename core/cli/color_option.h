// `--color=auto|always|never`: one decision for gantry's console, its log, its plugins
// and the tools they run.
#ifndef GANTRY_CORE_CLI_COLOR_OPTION_H_
#define GANTRY_CORE_CLI_COLOR_OPTION_H_

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "core/console/color_mode.h"

namespace gantry::cli {

/// The environment variable that is --color's default and, once gantry has decided, its
/// decision for everything it runs (docs/plugin-author-guide.md, "Colour").
inline constexpr char kColorVariable[] = "GANTRY_COLOR";

/// Adds `--color MODE` to `app` and to every command under it (hidden ones aside), all
/// writing `value`, so that it may come before or after the command's name as a user
/// types it: `gantry --color=never apply` and `gantry apply --color=never`. Call it once
/// every command is defined.
void AddColorOption(CLI::App& app, std::string& value);

struct ColorChoice {
  console::ColorMode mode = console::ColorMode::kAuto;
  bool stdout_color = false;  ///< the console (and the plugins, whose tools write to it)
  bool stderr_color = false;  ///< gantry's log
};

/// After parsing, before any plugin is loaded or thread started (it calls setenv): the
/// mode is `flag`, else $GANTRY_COLOR, else auto; decided for stdout and stderr
/// (console::ColorWanted), then exported for the plugins and every process gantry
/// starts: GANTRY_COLOR=always|never as decided for stdout, and NO_COLOR=1 when the mode
/// is never, which old plugins and NO_COLOR-aware tools honour with no change. Nullopt,
/// after saying why on `err`, when GANTRY_COLOR holds no mode.
std::optional<ColorChoice> SettleColor(const std::string& flag, std::ostream& err);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_COLOR_OPTION_H_
