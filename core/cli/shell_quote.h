// Text as one literal word of a shell script (for generated completion scripts).
#ifndef GANTRY_CORE_CLI_SHELL_QUOTE_H_
#define GANTRY_CORE_CLI_SHELL_QUOTE_H_

#include <string>
#include <string_view>

namespace gantry::cli {

/// 'text' for sh, bash and zsh: a quote inside becomes '\''.
std::string PosixQuoted(std::string_view text);

/// 'text' for fish, where a backslash inside single quotes escapes too: \' and \\.
std::string FishQuoted(std::string_view text);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_SHELL_QUOTE_H_
