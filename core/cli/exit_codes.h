// The process exit codes of `gantry`, as documented in docs/cli.md.
#ifndef GANTRY_CORE_CLI_EXIT_CODES_H_
#define GANTRY_CORE_CLI_EXIT_CODES_H_

namespace gantry::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitComponentFailed = 1;
inline constexpr int kExitBadInput = 2;       ///< usage, config or graph (cycle)
inline constexpr int kExitPluginLoad = 3;     ///< a plugin could not be loaded
inline constexpr int kExitInterrupted = 130;

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_EXIT_CODES_H_
