#include "core/console/prefixed_console.h"

#include <utility>

namespace gantry::console {

PrefixedConsole::PrefixedConsole(ConsoleOptions options) : StatusConsole(std::move(options)) {}

void PrefixedConsole::Output(const std::string& component, int, LineBlock lines) {
  if (lines.empty()) return;
  std::string label = style().Label(component);
  label += ' ';
  std::unique_ptr<LabelledLines> buffer = TakeBuffer();
  terminal().Write(buffer->Label(label, lines));
  GiveBack(std::move(buffer));
}

std::unique_ptr<LabelledLines> PrefixedConsole::TakeBuffer() {
  {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (!pool_.empty()) {
      std::unique_ptr<LabelledLines> buffer = std::move(pool_.back());
      pool_.pop_back();
      return buffer;
    }
  }
  return std::make_unique<LabelledLines>();
}

void PrefixedConsole::GiveBack(std::unique_ptr<LabelledLines> buffer) {
  // A burst (one huge block) should not pin its memory for the rest of the run.
  buffer->Shrink(size_t{4} << 20);
  std::lock_guard<std::mutex> lock(pool_mu_);
  pool_.push_back(std::move(buffer));
}

}  // namespace gantry::console
