#include "core/cli/unknown_words.h"

#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "core/config/suggest.h"

namespace gantry::cli {
namespace {

/// "runs show": the commands of `chain` but the top-level app's (which has no name).
std::string CommandPath(const std::vector<const CLI::App*>& chain) {
  std::vector<std::string> names;
  for (size_t i = 1; i < chain.size(); ++i) names.push_back(chain[i]->get_name());
  return absl::StrJoin(names, " ");
}

std::string Suggestion(const std::string& match) {
  return match.empty() ? "" : "; did you mean '" + match + "'?";
}

std::vector<std::string> SubcommandNames(const CLI::App& app) {
  std::vector<std::string> names;
  // get_subcommands(filter) is not const in CLI11; it only reads.
  for (const CLI::App* sub : const_cast<CLI::App&>(app).get_subcommands([](CLI::App*) { return true; }))
    if (!sub->get_group().empty()) names.push_back(sub->get_name());  // "": hidden
  return names;
}

/// The flag of `app` that `flag` likely misspells ("--keep-going"), or empty. Names are
/// compared without their dashes, and one of fewer than three letters gets no guess:
/// every letter is one edit from every other.
std::string ClosestFlag(const std::string& flag, const CLI::App& app) {
  const size_t start = flag.find_first_not_of('-');
  if (start == std::string::npos || flag.size() - start < 3) return "";
  const std::string bare = flag.substr(start);
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back(name);
    for (const std::string& name : option->get_snames()) names.push_back(name);
  }
  const std::string match = config::ClosestMatch(bare, names);
  return match.empty() ? "" : (match.size() == 1 ? "-" : "--") + match;
}

}  // namespace

bool ExplainUnknownWord(const CLI::App& app, std::ostream& err) {
  // The commands parsed, outermost first; each keeps the words it could not place.
  std::vector<const CLI::App*> chain = {&app};
  while (!chain.back()->get_subcommands().empty())
    chain.push_back(chain.back()->get_subcommands().front());
  for (size_t depth = 0; depth < chain.size(); ++depth) {
    const std::vector<std::string> left = chain[depth]->remaining(/*recurse=*/false);
    if (left.empty()) continue;
    const CLI::App& command = *chain[depth];
    const std::string path =
        CommandPath(std::vector<const CLI::App*>(chain.begin(), chain.begin() + depth + 1));
    const std::string for_command = path.empty() ? "" : " for " + path;
    const std::string& word = left.front();
    if (word.size() > 1 && word[0] == '-') {
      const std::string flag = word.substr(0, word.find('='));
      const std::string suggestion = Suggestion(ClosestFlag(flag, command));
      err << "gantry: unknown flag '" << flag << "'" << for_command
          << (suggestion.empty() ? "; see 'gantry " + (path.empty() ? "" : path + " ") + "--help'"
                                 : suggestion)
          << "\n";
      return true;
    }
    const std::vector<std::string> commands = SubcommandNames(command);
    if (commands.empty()) return false;  // an extra argument: CLI11 says so
    err << "gantry: unknown command '" << word << "'" << for_command
        << Suggestion(config::ClosestMatch(word, commands)) << "\ncommands: " << absl::StrJoin(commands, ", ")
        << "\n";
    return true;
  }
  return false;
}

bool ExplainMissingCommand(const CLI::App& app, std::ostream& err) {
  std::vector<const CLI::App*> chain = {&app};
  while (!chain.back()->get_subcommands().empty())
    chain.push_back(chain.back()->get_subcommands().front());
  const std::vector<std::string> commands = SubcommandNames(*chain.back());
  if (commands.empty()) return false;
  const std::string path = CommandPath(chain);
  if (path.empty()) {
    err << "gantry: which command? " << absl::StrJoin(commands, ", ")
        << "\nNew here? 'gantry init' writes a gantry.toml for the terraform, packer and "
           "ansible code under this directory; 'gantry --help' says more.\n";
  } else {
    err << "gantry: '" << path << "' needs a command: " << absl::StrJoin(commands, ", ")
        << "\n";
  }
  return true;
}

}  // namespace gantry::cli
