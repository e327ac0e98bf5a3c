// `--output prefixed`: every whole line as it comes, labelled with its component.
#ifndef GANTRY_CORE_CONSOLE_PREFIXED_CONSOLE_H_
#define GANTRY_CORE_CONSOLE_PREFIXED_CONSOLE_H_

#include <string>
#include <string_view>

#include "core/console/status_console.h"

namespace gantry::console {

/// Prints each line of Output as "[component] line" (the label colored when
/// options.color), stdout and stderr lines alike, to options.out, besides what
/// StatusConsole prints. The lines of one Output call are labelled into a per-thread
/// buffer outside any lock (no allocation once it has grown), then written with one
/// fwrite under the console's lock: lines are never torn nor interleaved, and one call's
/// lines stay together.
class PrefixedConsole : public StatusConsole {
 public:
  explicit PrefixedConsole(ConsoleOptions options);
  void Output(const std::string& component, int stream, std::string_view lines) override;
};

/// Appends `lines` to `out`, each line preceded by `label` and ending in '\n' (one is
/// added to a last line lacking it).
void AppendLabelled(std::string_view label, std::string_view lines, std::string* out);

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_PREFIXED_CONSOLE_H_
