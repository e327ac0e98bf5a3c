#include "core/console/prefixed_console.h"

#include <utility>

namespace gantry::console {

PrefixedConsole::PrefixedConsole(ConsoleOptions options) : StatusConsole(std::move(options)) {}

void PrefixedConsole::Output(const std::string& component, int, LineBlock lines) {
  if (lines.empty()) return;
  std::string label = style().Label(component);
  label += ' ';
  const exec::LifoPool<LabelledLines>::Lease buffer = buffers_.Take();
  terminal().Write(buffer->Label(label, lines, options().color));
  // A burst (one huge block) should not pin its memory for the rest of the run.
  buffer->Shrink(size_t{4} << 20);
}

}  // namespace gantry::console
