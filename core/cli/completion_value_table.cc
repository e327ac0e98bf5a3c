#include "core/cli/completion_value_table.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/cli/shell_quote.h"

namespace gantry::cli {

std::string PosixValueFunction(const CommandSpec& spec) {
  std::string out =
      "# What the value of flag $2, or of positional word \"#N\" (from 0), of the command\n"
      "# at path $1 is, in REPLY: anything, file, component or \"choices A B...\".\n"
      "# Status 1: $2 takes no value.\n"
      "_gantry_value() {\n"
      "  case \"$1|$2\" in\n";
  for (const CommandSpec* command : AllCommands(spec)) {
    const std::string key = command->path + "|";
    for (const OptionSpec& option : command->options) {
      if (!option.takes_value) continue;
      std::vector<std::string> patterns;
      for (const std::string& name : option.names) patterns.push_back(PosixQuoted(key + name));
      absl::StrAppend(&out, "    ", absl::StrJoin(patterns, "|"), ") REPLY=",
                      PosixQuoted(ValueWord(option.value)), " ;;\n");
    }
    for (const PositionalRange& range : PositionalRanges(*command)) {
      const std::string value = PosixQuoted(ValueWord(range.positional->value));
      if (range.last == PositionalSpec::kUnbounded) {  // this word and every one after
        absl::StrAppend(&out, "    ", PosixQuoted(key + "#"), "*) REPLY=", value, " ;;\n");
        continue;
      }
      for (int word = range.first; word <= range.last; ++word)
        absl::StrAppend(&out, "    ", PosixQuoted(absl::StrCat(key, "#", word)), ") REPLY=",
                        value, " ;;\n");
    }
  }
  out +=
      "    *) return 1 ;;\n"
      "  esac\n"
      "}\n";
  return out;
}

}  // namespace gantry::cli
