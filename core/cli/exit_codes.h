// The process exit codes of `gantry`, as documented in docs/user-guide.md ("Exit codes").
#ifndef GANTRY_CORE_CLI_EXIT_CODES_H_
#define GANTRY_CORE_CLI_EXIT_CODES_H_

namespace gantry::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitComponentFailed = 1;
inline constexpr int kExitBadInput = 2;       ///< usage, config or graph (cycle)
inline constexpr int kExitPluginLoad = 3;     ///< a plugin could not be loaded
inline constexpr int kExitInterrupted = 130;
/// `gantry plan` only: every component planned, or was blocked (an output it references
/// has no value yet: its producer was never applied), and at least one was blocked.
inline constexpr int kExitPlanBlocked = 4;
/// `gantry plan --detailed-exitcode` only, as terraform's: the plan succeeded and something
/// would change. Every error is then 1, so that 2 means one thing.
inline constexpr int kExitPlanHasChanges = 2;

/// The exit code of `plan --detailed-exitcode` for a run that would have exited `code`:
/// 0 nothing would change, 2 something would, 4 some component is blocked (the plan is
/// incomplete, whatever the others would change), 1 any error (bad input, a plugin that
/// could not load, a failed component), 130 interrupted.
inline int DetailedPlanExitCode(int code, bool has_changes) {
  if (code == kExitOk) return has_changes ? kExitPlanHasChanges : kExitOk;
  if (code == kExitInterrupted || code == kExitPlanBlocked) return code;
  return kExitComponentFailed;
}

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_EXIT_CODES_H_
