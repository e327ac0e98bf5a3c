// What the completion scripts are made of: read from a CLI11 App shaped as gantry's, and
// every command and flag of it present in each shell's script.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/cli/completion_scripts.h"
#include "core/cli/completion_spec.h"
#include "core/cli/completion_value_table.h"
#include "core/cli/shell_quote.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// The shapes gantry's commands have: flags, choices, files, components (by type name and
// by positional name), nested commands, a list of positionals after a single one, and
// a hidden command.
class CompletionSpecTest : public ::testing::Test {
 protected:
  CompletionSpecTest() {
    app_.add_option("-f,--file", text_, "Deployment file")->type_name("FILE");
    app_.add_option("--log-level", text_, "Level")->check(CLI::IsMember({"debug", "warn"}));
    CLI::App* apply = app_.add_subcommand("apply", "Create or update the components");
    apply->add_option("COMPONENT", list_, "Components");
    apply->add_flag("--keep-going,-k", flag_, "Go on");
    apply->add_option("--exclude", list_, "Leave out")->type_name("COMPONENT");
    CLI::App* run = app_.add_subcommand("run", "Run an operation");
    run->add_option("OPERATION", text_, "The operation")->required();
    run->add_option("COMPONENT", list_, "Components");
    CLI::App* runs = app_.add_subcommand("runs", "Inspect past runs");
    runs->add_subcommand("list", "List the runs");
    runs->add_subcommand("show", "Show one run")->add_option("RUN", text_, "Run id");
    app_.add_subcommand("completion", "Print a script")
        ->add_option("SHELL", text_, "The shell")
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    app_.add_subcommand("__complete", "plumbing")->group("");
  }

  CLI::App app_{"test"};
  std::string text_;
  std::vector<std::string> list_;
  bool flag_ = false;
};

std::vector<std::string> Paths(const CommandSpec& spec) {
  std::vector<std::string> paths;
  for (const CommandSpec* command : AllCommands(spec)) paths.push_back(command->path);
  return paths;
}

const OptionSpec* FindOption(const CommandSpec& command, const std::string& name) {
  for (const OptionSpec& option : command.options)
    for (const std::string& n : option.names)
      if (n == name) return &option;
  return nullptr;
}

TEST_F(CompletionSpecTest, EveryCommandButTheHiddenOneWithItsPath) {
  const CommandSpec spec = DescribeCommands(app_);
  EXPECT_THAT(Paths(spec), ElementsAre("", "apply", "run", "runs", "runs list", "runs show",
                                       "completion"));
  EXPECT_EQ(spec.subcommands[0].name, "apply");
  EXPECT_EQ(spec.subcommands[0].description, "Create or update the components");
}

TEST_F(CompletionSpecTest, FlagsAndWhatTheirValuesAre) {
  const CommandSpec spec = DescribeCommands(app_);
  const OptionSpec* help = FindOption(spec, "--help");
  ASSERT_NE(help, nullptr);
  EXPECT_THAT(help->names, ElementsAre("-h", "--help"));
  EXPECT_FALSE(help->takes_value);
  const OptionSpec* file = FindOption(spec, "-f");
  ASSERT_NE(file, nullptr);
  EXPECT_TRUE(file->takes_value);
  EXPECT_EQ(file->value.kind, ValueSpec::Kind::kFile);
  const OptionSpec* level = FindOption(spec, "--log-level");
  ASSERT_NE(level, nullptr);
  EXPECT_EQ(level->value.kind, ValueSpec::Kind::kChoices);
  EXPECT_THAT(level->value.choices, ElementsAre("debug", "warn"));
  const CommandSpec& apply = spec.subcommands[0];
  const OptionSpec* keep_going = FindOption(apply, "-k");
  ASSERT_NE(keep_going, nullptr);
  EXPECT_FALSE(keep_going->takes_value);
  EXPECT_EQ(FindOption(apply, "--exclude")->value.kind, ValueSpec::Kind::kComponent);
  EXPECT_EQ(FindOption(spec, "--keep-going"), nullptr) << "a subcommand's flag is its own";
}

TEST_F(CompletionSpecTest, PositionalsInOrderWithTheirPlaces) {
  const CommandSpec spec = DescribeCommands(app_);
  const std::vector<PositionalRange> apply = PositionalRanges(spec.subcommands[0]);
  ASSERT_EQ(apply.size(), 1u);
  EXPECT_EQ(apply[0].first, 0);
  EXPECT_EQ(apply[0].last, PositionalSpec::kUnbounded);
  EXPECT_EQ(apply[0].positional->value.kind, ValueSpec::Kind::kComponent);
  const std::vector<PositionalRange> run = PositionalRanges(spec.subcommands[1]);
  ASSERT_EQ(run.size(), 2u);
  EXPECT_EQ(run[0].positional->name, "OPERATION");
  EXPECT_EQ(run[0].positional->value.kind, ValueSpec::Kind::kAnything);
  EXPECT_EQ(run[0].last, 0);
  EXPECT_EQ(run[1].first, 1);
  EXPECT_EQ(run[1].positional->value.kind, ValueSpec::Kind::kComponent);
  const CommandSpec& completion = spec.subcommands[3];
  ASSERT_EQ(completion.positionals.size(), 1u);
  EXPECT_THAT(completion.positionals[0].value.choices, ElementsAre("bash", "zsh", "fish"));
}

TEST_F(CompletionSpecTest, TheValueTableNamesEveryValueAndPlace) {
  const std::string table = PosixValueFunction(DescribeCommands(app_));
  EXPECT_THAT(table, HasSubstr("'|-f'|'|--file') REPLY='file' ;;"));
  EXPECT_THAT(table, HasSubstr("'|--log-level') REPLY='choices debug warn' ;;"));
  EXPECT_THAT(table, HasSubstr("'apply|--exclude') REPLY='component' ;;"));
  EXPECT_THAT(table, HasSubstr("'apply|#'*) REPLY='component' ;;"));
  EXPECT_THAT(table, HasSubstr("'run|#0') REPLY='anything' ;;\n    'run|#'*) REPLY='component' ;;"));
  EXPECT_THAT(table, HasSubstr("'completion|#0') REPLY='choices bash zsh fish' ;;"));
  EXPECT_THAT(table, Not(HasSubstr("keep-going"))) << "a flag takes no value";
}

// How a script spells a flag: bash and zsh as typed, fish without its dashes.
std::string Spelt(const std::string& flag, bool fish) {
  if (!fish) return flag;
  return flag.size() == 2 ? "-s '" + flag.substr(1) + "'" : "-l '" + flag.substr(2) + "'";
}

TEST_F(CompletionSpecTest, EveryScriptHoldsEveryCommandAndFlag) {
  const CommandSpec spec = DescribeCommands(app_);
  const struct {
    const char* shell;
    std::string script;
    bool fish;
  } scripts[] = {{"bash", BashCompletionScript(spec), false},
                 {"zsh", ZshCompletionScript(spec), false},
                 {"fish", FishCompletionScript(spec), true}};
  for (const auto& [shell, script, fish] : scripts) {
    SCOPED_TRACE(shell);
    for (const CommandSpec* command : AllCommands(spec)) {
      SCOPED_TRACE(command->path);
      if (!command->name.empty()) {
        EXPECT_THAT(script, HasSubstr(command->name));
      }
      for (const OptionSpec& option : command->options) {
        for (const std::string& name : option.names) {
          EXPECT_THAT(script, HasSubstr(Spelt(name, fish)));
        }
      }
    }
    EXPECT_THAT(script, Not(HasSubstr("plumbing"))) << "the hidden command is left out";
    EXPECT_THAT(script, HasSubstr("__complete components")) << "but called for components";
  }
}

TEST_F(CompletionSpecTest, EachShellRegistersItsFunction) {
  const CommandSpec spec = DescribeCommands(app_);
  EXPECT_THAT(BashCompletionScript(spec), HasSubstr("\ncomplete -F _gantry gantry\n"));
  const std::string zsh = ZshCompletionScript(spec);
  EXPECT_EQ(zsh.rfind("#compdef gantry\n", 0), 0u) << "the first line, for $fpath";
  EXPECT_THAT(zsh, HasSubstr("'apply:Create or update the components'"));
  EXPECT_THAT(zsh, HasSubstr("'--keep-going:Go on'"));
  const std::string fish = FishCompletionScript(spec);
  EXPECT_THAT(fish, HasSubstr("complete -c gantry -n '__gantry_positional \"\" 0 0' -a 'apply' "
                              "-d 'Create or update the components'"));
  EXPECT_THAT(fish, HasSubstr("complete -c gantry -n '__gantry_at \"apply\"' -s 'k' "
                              "-l 'keep-going' -d 'Go on'\n"));
  EXPECT_THAT(fish, HasSubstr("-l 'exclude' -d 'Leave out' -x -a '(__gantry_components)'"));
  EXPECT_THAT(fish, HasSubstr("-l 'file' -d 'Deployment file' -r -F"));
  EXPECT_THAT(fish, HasSubstr("complete -c gantry -n '__gantry_positional \"run\" 1' -a "
                              "'(__gantry_components)'"));
}

TEST(ShellQuoteTest, QuotesAreKeptLiterally) {
  EXPECT_EQ(PosixQuoted("it's $HOME"), "'it'\\''s $HOME'");
  EXPECT_EQ(PosixQuoted(""), "''");
  EXPECT_EQ(FishQuoted("it's a\\b $HOME"), "'it\\'s a\\\\b $HOME'");
}

}  // namespace
}  // namespace gantry::cli
