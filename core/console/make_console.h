// The console for an `--output` mode.
#ifndef GANTRY_CORE_CONSOLE_MAKE_CONSOLE_H_
#define GANTRY_CORE_CONSOLE_MAKE_CONSOLE_H_

#include <memory>

#include "core/console/console.h"
#include "core/console/console_options.h"

namespace gantry::console {

/// A PrefixedConsole, GroupedConsole or quiet StatusConsole, as options.mode says.
std::unique_ptr<Console> MakeConsole(ConsoleOptions options);

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_MAKE_CONSOLE_H_
