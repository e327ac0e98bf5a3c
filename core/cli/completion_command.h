// `gantry completion bash|zsh|fish` and the hidden `gantry __complete components` its
// scripts call back into.
#ifndef GANTRY_CORE_CLI_COMPLETION_COMMAND_H_
#define GANTRY_CORE_CLI_COMPLETION_COMMAND_H_

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

namespace gantry::cli {

/// The two commands and what they were given; owned by the caller, as CLI11 writes into
/// it.
struct CompletionCommands {
  CLI::App* completion = nullptr;  ///< gantry completion SHELL
  CLI::App* complete = nullptr;    ///< gantry __complete WHAT (hidden)
  std::string shell;
  std::string what;
  bool parsed() const { return completion->parsed() || complete->parsed(); }
};

/// Adds both commands to `app`.
void AddCompletionCommands(CLI::App& app, CompletionCommands& commands);

/// Runs whichever was parsed. `completion` prints the script for the whole of `app` (as
/// it is by then: every command defined); `__complete components` prints the component
/// names of the deployment (`config_file`, else gantry.toml found upwards), one a line,
/// and nothing at all, still exiting 0, when there is none or it cannot be read: a
/// shell completing a word must never show an error. Returns the exit code.
int RunCompletionCommand(const CLI::App& app, const CompletionCommands& commands,
                         const std::string& config_file, std::ostream& out);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_COMPLETION_COMMAND_H_
