// The table of what each value is, in the shell syntax bash and zsh share.
#ifndef GANTRY_CORE_CLI_COMPLETION_VALUE_TABLE_H_
#define GANTRY_CORE_CLI_COMPLETION_VALUE_TABLE_H_

#include <string>

#include "core/cli/completion_spec.h"

namespace gantry::cli {

/// The function `_gantry_value CMD WORD`: sets REPLY to ValueWord of the value that flag
/// WORD, or positional word "#N" (from 0), of command path CMD takes, and returns 0;
/// returns 1 for a flag that takes none, an unknown flag or a word past the positionals.
std::string PosixValueFunction(const CommandSpec& spec);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_COMPLETION_VALUE_TABLE_H_
