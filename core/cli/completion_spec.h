// What a shell needs to complete gantry's command line, read from the CLI11 App itself,
// so that completion never lags behind a new command or flag.
#ifndef GANTRY_CORE_CLI_COMPLETION_SPEC_H_
#define GANTRY_CORE_CLI_COMPLETION_SPEC_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace gantry::cli {

/// What a value (of a flag or a positional argument) may be.
struct ValueSpec {
  enum class Kind {
    kAnything,   ///< free text: nothing to offer
    kChoices,    ///< one of `choices` (a CLI::IsMember check)
    kComponent,  ///< a component of the deployment (`gantry __complete components`)
    kFile,       ///< a path
  };
  Kind kind = Kind::kAnything;
  std::vector<std::string> choices;
};

struct OptionSpec {
  std::vector<std::string> names;  ///< with their dashes: "-t", "--target"
  std::string description;
  bool takes_value = false;  ///< false: a flag
  ValueSpec value;
};

struct PositionalSpec {
  std::string name;  ///< "COMPONENT"
  /// How many words it takes; kUnbounded for a list, which then takes the rest.
  int max_count = 1;
  static constexpr int kUnbounded = -1;
  ValueSpec value;
};

struct CommandSpec {
  std::string path;  ///< "" for gantry itself, "apply", "runs show"
  std::string name;  ///< the last word of `path`
  std::string description;
  std::vector<OptionSpec> options;  ///< --help included
  std::vector<PositionalSpec> positionals;
  std::vector<CommandSpec> subcommands;  ///< hidden ones (group "") left out
};

/// The value a CLI option takes, by the conventions gantry's commands follow: its
/// type name is COMPONENT or, for a positional, its name is; its type name is FILE; an
/// IsMember check gives choices (CLI11 shows them as "TEXT:{a,b,c}").
ValueSpec ValueOf(const CLI::Option& option);

/// The positional arguments' places: the words `first` to `last` (from 0, counting only
/// positional words) are `positional`'s; `last` is kUnbounded for a list.
struct PositionalRange {
  int first = 0;
  int last = 0;
  const PositionalSpec* positional = nullptr;
};
std::vector<PositionalRange> PositionalRanges(const CommandSpec& command);

/// "anything", "file", "component" or "choices A B C": how the scripts name a value.
std::string ValueWord(const ValueSpec& value);

/// `app` and every command under it.
CommandSpec DescribeCommands(const CLI::App& app);

/// Every command in `spec`, depth first, `spec` first.
std::vector<const CommandSpec*> AllCommands(const CommandSpec& spec);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_COMPLETION_SPEC_H_
