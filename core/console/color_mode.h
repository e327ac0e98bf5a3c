// Whether to colour: `--color=auto|always|never`, NO_COLOR and the terminal.
#ifndef GANTRY_CORE_CONSOLE_COLOR_MODE_H_
#define GANTRY_CORE_CONSOLE_COLOR_MODE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace gantry::console {

/// `--color MODE`.
enum class ColorMode {
  kAuto,    ///< as the stream and the environment say (ColorWanted)
  kAlways,  ///< even into a pipe (CI logs that render ANSI colours); wins over NO_COLOR
  kNever,   ///< never
};

/// "auto", "always", "never".
const char* ColorModeName(ColorMode mode);
/// The inverse of ColorModeName; InvalidArgument naming the accepted words otherwise.
absl::StatusOr<ColorMode> ParseColorMode(absl::string_view name);

/// What `auto` looks at, for one output stream.
struct TerminalFacts {
  bool is_tty = false;   ///< isatty(fd)
  std::string no_color;  ///< $NO_COLOR; unset reads as empty
  std::string term;      ///< $TERM; unset reads as empty
};

/// The facts for descriptor `fd` in this process's environment.
TerminalFacts TerminalFactsFor(int fd);

/// The one rule, for gantry's console, its log and (through GANTRY_COLOR) its plugins:
/// always and never are what they say, since a flag given for this one run wins over
/// the environment (as https://no-color.org asks); auto colours a terminal, unless
/// NO_COLOR is set to anything non-empty or TERM is "dumb".
bool ColorWanted(ColorMode mode, const TerminalFacts& facts);

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_COLOR_MODE_H_
