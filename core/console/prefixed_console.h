// `--output prefixed`: every whole line as it comes, labelled with its component.
#ifndef GANTRY_CORE_CONSOLE_PREFIXED_CONSOLE_H_
#define GANTRY_CORE_CONSOLE_PREFIXED_CONSOLE_H_

#include <string>
#include <string_view>

#include "core/console/labelled_lines.h"
#include "core/console/status_console.h"
#include "core/exec/lifo_pool.h"

namespace gantry::console {

/// Prints each line of Output as "[component] line" (the label colored when
/// options.color), neutralised (exec/inert_text.h: a line cannot move the cursor back
/// over its label, nor clear the screen; SGR colours kept only when options.color),
/// stdout and stderr lines alike, to options.out, besides what
/// StatusConsole prints. The lines of one Output call are labelled into a buffer
/// (LabelledLines) outside any lock, then written with one Terminal::Write under the
/// console's lock: lines are never torn nor interleaved, and one call's lines stay
/// together.
///
/// The buffers are pooled (exec::LifoPool): a few serve any number of threads and stay
/// in the CPU's cache (one per thread would not: each holds a whole labelled chunk).
class PrefixedConsole : public StatusConsole {
 public:
  explicit PrefixedConsole(ConsoleOptions options);
  void Output(const std::string& component, int stream, LineBlock lines) override;

 private:
  exec::LifoPool<LabelledLines> buffers_;
};

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_PREFIXED_CONSOLE_H_
