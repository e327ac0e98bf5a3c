// An example or two at the foot of each command's --help: what people copy first.
#ifndef GANTRY_CORE_CLI_COMMAND_EXAMPLES_H_
#define GANTRY_CORE_CLI_COMMAND_EXAMPLES_H_

#include "CLI/CLI.hpp"

namespace gantry::cli {

/// Sets the footer of every command of `app` that has examples (all of gantry's do).
void AddCommandExamples(CLI::App& app);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_COMMAND_EXAMPLES_H_
