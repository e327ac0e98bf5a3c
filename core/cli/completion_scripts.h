// The completion scripts `gantry completion SHELL` prints: a fixed driver per shell that
// walks the words typed so far, and tables generated from a CommandSpec (commands, flags,
// what each value is). Component names come from `gantry __complete components` at the
// moment of completion, so they follow gantry.toml (and -f FILE).
#ifndef GANTRY_CORE_CLI_COMPLETION_SCRIPTS_H_
#define GANTRY_CORE_CLI_COMPLETION_SCRIPTS_H_

#include <string>

#include "core/cli/completion_spec.h"

namespace gantry::cli {

/// For bash 4.4+, standalone (no bash-completion package needed):
/// `source <(gantry completion bash)`. Defines _gantry and `complete -F _gantry gantry`.
std::string BashCompletionScript(const CommandSpec& spec);

/// For zsh's completion system, as a `_gantry` file on $fpath or sourced after compinit.
std::string ZshCompletionScript(const CommandSpec& spec);

/// For fish 3: ~/.config/fish/completions/gantry.fish.
std::string FishCompletionScript(const CommandSpec& spec);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_COMPLETION_SCRIPTS_H_
