// "Did you mean ...?" for a misspelt command or flag on the command line.
#ifndef GANTRY_CORE_CLI_UNKNOWN_WORDS_H_
#define GANTRY_CORE_CLI_UNKNOWN_WORDS_H_

#include <CLI/CLI.hpp>
#include <ostream>

namespace gantry::cli {

/// After `app.parse` failed: when the command line held a word no command took (an
/// unknown command where a command was expected, or an unknown flag), prints to `err`
///
///     gantry: unknown command 'aply'; did you mean 'apply'?
///     commands: validate, graph, ...
///     gantry: unknown flag '--keep-gong' for apply; did you mean '--keep-going'?
///
/// and returns true; the caller then exits as for any usage error. False (nothing
/// printed) for any other parse error, which CLI11 words itself. The names come from
/// the App objects, so every command and flag is a candidate with no list to keep.
bool ExplainUnknownWord(const CLI::App& app, std::ostream& err);

/// After `app.parse` failed because a command was required and none given (`gantry`,
/// `gantry runs`): prints the commands there are, and at the top level where a newcomer
/// starts, instead of CLI11's "A subcommand is required". False (nothing printed) when
/// a command was given where one is required.
bool ExplainMissingCommand(const CLI::App& app, std::ostream& err);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_UNKNOWN_WORDS_H_
