// `gantry completion fish`.
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/cli/completion_scripts.h"
#include "core/cli/shell_quote.h"

namespace gantry::cli {
namespace {

constexpr char kFishDriver[] = R"fish(
# The count of positional arguments given to the command the words before the cursor
# reach, then that command's path ("" for gantry itself, "runs show").
function __gantry_walk
    set -l cmd ''
    set -l n 0
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip -eq 1
            set skip 0
        else if string match -q -- '--*=*' $word
            continue
        else if string match -q -- '-?*' $word
            __gantry_value "$cmd" $word >/dev/null; and set skip 1
        else if test $n -eq 0; and contains -- $word (__gantry_commands "$cmd")
            if test -z "$cmd"
                set cmd $word
            else
                set cmd "$cmd $word"
            end
        else
            set n (math $n + 1)
        end
    end
    echo $n
    echo $cmd
end

# The cursor is in the command at path $argv[1].
function __gantry_at
    set -l state (__gantry_walk)
    test "$state[2]" = "$argv[1]"
end

# The cursor is in the command at path $argv[1], on its positional word $argv[2] or,
# up to $argv[3] when given, a later one.
function __gantry_positional
    set -l state (__gantry_walk)
    test "$state[2]" = "$argv[1]"; or return 1
    test $state[1] -ge $argv[2]; or return 1
    test (count $argv) -lt 3; or test $state[1] -le $argv[3]
end

# The components of the deployment (honouring -f FILE), one a line; nothing on any error.
function __gantry_components
    set -l words (commandline -opc)
    set -l config
    for i in (seq 2 (count $words))
        switch $words[$i]
            case -f --file
                set config -f $words[(math $i + 1)]
            case '--file=*'
                set config -f (string replace -- --file= '' $words[$i])
        end
    end
    $words[1] $config __complete components 2>/dev/null
end

complete -c gantry -f
)fish";

std::string Condition(const std::string& function, const std::string& path,
                      const std::string& extra = "") {
  // Paths are command names: letters, '-' and spaces.
  return FishQuoted(absl::StrCat(function, " \"", path, "\"", extra));
}

// The arguments of `complete` that offer a value.
std::string ValueArguments(const ValueSpec& value) {
  switch (value.kind) {
    case ValueSpec::Kind::kChoices:
      return " -x -a " + FishQuoted(absl::StrJoin(value.choices, " "));
    case ValueSpec::Kind::kComponent:
      return " -x -a '(__gantry_components)'";
    case ValueSpec::Kind::kFile:
      return " -r -F";
    case ValueSpec::Kind::kAnything:
      break;
  }
  return " -x";
}

// __gantry_commands and __gantry_value, which the walk needs: the subcommands of a
// path, one a line; whether a flag of a path takes a value (status 0 and its kind).
std::string Tables(const CommandSpec& spec) {
  std::string commands = "function __gantry_commands\n    switch $argv[1]\n";
  std::string values = "function __gantry_value\n    switch \"$argv[1]|$argv[2]\"\n";
  for (const CommandSpec* command : AllCommands(spec)) {
    if (!command->subcommands.empty()) {
      std::vector<std::string> names;
      for (const CommandSpec& sub : command->subcommands) names.push_back(sub.name);
      absl::StrAppend(&commands, "        case ", FishQuoted(command->path),
                      "\n            printf '%s\\n' ", absl::StrJoin(names, " "), "\n");
    }
    std::vector<std::string> patterns;
    for (const OptionSpec& option : command->options) {
      if (!option.takes_value) continue;
      for (const std::string& name : option.names)
        patterns.push_back(FishQuoted(command->path + "|" + name));
    }
    if (!patterns.empty())
      absl::StrAppend(&values, "        case ", absl::StrJoin(patterns, " "),
                      "\n            return 0\n");
  }
  commands += "        case '*'\n            return 1\n    end\nend\n";
  values += "    end\n    return 1\nend\n";
  return commands + "\n" + values;
}

std::string Completions(const CommandSpec& spec) {
  std::string out;
  for (const CommandSpec* command : AllCommands(spec)) {
    for (const CommandSpec& sub : command->subcommands)
      absl::StrAppend(&out, "complete -c gantry -n ",
                      Condition("__gantry_positional", command->path, " 0 0"), " -a ",
                      FishQuoted(sub.name), " -d ", FishQuoted(sub.description), "\n");
    for (const OptionSpec& option : command->options) {
      absl::StrAppend(&out, "complete -c gantry -n ", Condition("__gantry_at", command->path));
      for (const std::string& name : option.names)
        absl::StrAppend(&out, name.size() == 2 ? " -s " : " -l ", FishQuoted(name.substr(name.size() == 2 ? 1 : 2)));
      absl::StrAppend(&out, " -d ", FishQuoted(option.description),
                      option.takes_value ? ValueArguments(option.value) : "", "\n");
    }
    for (const PositionalRange& range : PositionalRanges(*command)) {
      const ValueSpec& value = range.positional->value;
      if (value.kind == ValueSpec::Kind::kAnything) continue;
      const std::string words =
          range.last == PositionalSpec::kUnbounded
              ? absl::StrCat(" ", range.first)
              : absl::StrCat(" ", range.first, " ", range.last);
      absl::StrAppend(&out, "complete -c gantry -n ",
                      Condition("__gantry_positional", command->path, words));
      switch (value.kind) {
        case ValueSpec::Kind::kChoices:
          absl::StrAppend(&out, " -a ", FishQuoted(absl::StrJoin(value.choices, " ")), "\n");
          break;
        case ValueSpec::Kind::kComponent:
          out += " -a '(__gantry_components)'\n";
          break;
        default:
          out += " -F\n";
          break;
      }
    }
  }
  return out;
}

}  // namespace

std::string FishCompletionScript(const CommandSpec& spec) {
  return absl::StrCat(
      "# fish completion for gantry, generated by `gantry completion fish` from its own\n"
      "# command definitions. Use:\n"
      "#   gantry completion fish > ~/.config/fish/completions/gantry.fish\n\n",
      Tables(spec), kFishDriver, "\n", Completions(spec));
}

}  // namespace gantry::cli
