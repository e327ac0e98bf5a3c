#include "core/console/make_console.h"

#include <utility>

#include "core/console/grouped_console.h"
#include "core/console/prefixed_console.h"
#include "core/console/status_console.h"

namespace gantry::console {

std::unique_ptr<Console> MakeConsole(ConsoleOptions options) {
  switch (options.mode) {
    case OutputMode::kGrouped:
      return std::make_unique<GroupedConsole>(std::move(options));
    case OutputMode::kQuiet:
      return std::make_unique<StatusConsole>(std::move(options));
    case OutputMode::kPrefixed:
      break;
  }
  return std::make_unique<PrefixedConsole>(std::move(options));
}

}  // namespace gantry::console
