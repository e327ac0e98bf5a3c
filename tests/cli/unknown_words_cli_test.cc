// A misspelt command or flag gets "did you mean", with names taken from the parser.
#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/temp_dir.h"

namespace gantry::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

class UnknownWordsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("gantry.toml", "[components.app]\ntype = \"custom\"\ncommands.apply = [\"true\"]\n");
  }
  gantry::testing::CliResult Gantry(const std::vector<std::string>& args) {
    return gantry::testing::RunGantry(args, dir_.path(),
                                      {"GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=",
                                       "GITHUB_STEP_SUMMARY=", "NO_COLOR=1"});
  }

  gantry::testing::TempDir dir_;
};

TEST_F(UnknownWordsCliTest, AnUnknownCommandGetsDidYouMeanAndTheCommands) {
  auto r = Gantry({"aply"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("gantry: unknown command 'aply'; did you mean 'apply'?\n"
                                     "commands: init, validate, graph, affected, plugins, plan, apply, destroy, "
                                     "run, export, runs, workspaces, output, completion\n"),
                           Not(HasSubstr("A subcommand is required"))));
  r = Gantry({"-f", "gantry.toml", "outptu", "app"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("gantry: unknown command 'outptu'; did you mean 'output'?\n"));
  r = Gantry({"runs", "shwo", "last"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "gantry: unknown command 'shwo' for runs; did you mean 'show'?\n"
                   "commands: list, show\n");
  r = Gantry({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("gantry: unknown command 'frobnicate'\ncommands: "),
                           Not(HasSubstr("did you mean"))));
}

TEST_F(UnknownWordsCliTest, NoCommandGetsTheCommandsAndWhereToStart) {
  auto r = Gantry({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("gantry: which command? init, validate, graph, "),
                           HasSubstr("New here? 'gantry init' writes a gantry.toml"),
                           Not(HasSubstr("A subcommand is required"))));
  r = Gantry({"runs"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "gantry: 'runs' needs a command: list, show\n");
  // Other missing pieces keep their own words.
  r = Gantry({"output"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("COMPONENT is required"));
}

TEST_F(UnknownWordsCliTest, AnUnknownFlagGetsDidYouMean) {
  auto r = Gantry({"apply", "--keep-gong"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "gantry: unknown flag '--keep-gong' for apply; did you mean '--keep-going'?\n");
  EXPECT_FALSE(std::filesystem::exists(dir_ / ".gantry/runs")) << "nothing must have run";
  r = Gantry({"output", "app", "--show-sensitiv=1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "gantry: unknown flag '--show-sensitiv' for output; did you mean "
                   "'--show-sensitive'?\n");
  r = Gantry({"--lg-level", "debug", "validate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "gantry: unknown flag '--lg-level'; did you mean '--log-level'?\n");
  r = Gantry({"runs", "list", "--al"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "gantry: unknown flag '--al' for runs list; see 'gantry runs list --help'\n");
  r = Gantry({"apply", "-x"});  // one letter is one edit from any other: no guess
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "gantry: unknown flag '-x' for apply; see 'gantry apply --help'\n");
  r = Gantry({"graph", "--zzzzzz"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "gantry: unknown flag '--zzzzzz' for graph; see 'gantry graph --help'\n");
  // plan --detailed-exitcode keeps 2 for "changes": bad usage is 1 there.
  r = Gantry({"plan", "--detailed-exitcode", "--detailed-exitcod"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "gantry: unknown flag '--detailed-exitcod' for plan; did you mean "
                   "'--detailed-exitcode'?\n");
}

// What people copy first: every command's --help ends with examples.
TEST_F(UnknownWordsCliTest, EveryCommandsHelpShowsExamples) {
  for (const std::vector<std::string>& command :
       std::vector<std::vector<std::string>>{{"validate"}, {"graph"}, {"plan"}, {"apply"},
                                             {"destroy"}, {"run"}, {"runs", "list"},
                                             {"runs", "show"}, {"workspaces", "clean"},
                                             {"plugins", "list"}, {"plugins", "info"},
                                             {"output"}, {"export"}}) {
    std::vector<std::string> args = command;
    args.push_back("--help");
    const auto r = Gantry(args);
    EXPECT_EQ(r.exit_code, 0) << command[0];
    std::string line = "\n  gantry";
    for (const std::string& word : command) line += " " + word;
    EXPECT_THAT(r.out, AllOf(HasSubstr("Examples:"), HasSubstr(line))) << r.out;
  }
  EXPECT_THAT(Gantry({"apply", "--help"}).out, HasSubstr("gantry apply --from-plan last"));
}

}  // namespace
}  // namespace gantry::cli
