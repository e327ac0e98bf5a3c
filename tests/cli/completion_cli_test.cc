// `gantry completion bash|zsh|fish`, sourced into the real shells, and the hidden
// `gantry __complete components` those scripts call back into.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/cli/shell_quote.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/temp_dir.h"

namespace gantry::cli {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using ::testing::Not;
using Words = std::vector<std::string>;

constexpr char kCompletionDeployment[] = R"([components."network/vpc"]
type = "custom"
commands.apply = ["true"]

[components."network/subnet"]
type = "custom"
commands.apply = ["true"]

[components.app]
type = "custom"
commands.apply = ["true"]
)";

/// The shell's program, if this machine has it.
std::string Which(const std::string& program) {
  const char* path = std::getenv("PATH");
  for (const auto dir : absl::StrSplit(path == nullptr ? "/usr/bin:/bin" : path, ':')) {
    const std::string candidate = std::string(dir) + "/" + program;
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

Words Lines(const std::string& text) {
  Words lines = absl::StrSplit(text, '\n', absl::SkipEmpty());
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::string Dir(const std::string& file) { return file.substr(0, file.rfind('/')); }

class CompletionCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("gantry.toml", kCompletionDeployment);
    dir_.Write("other/deploy.toml", "[components.elsewhere]\ntype = \"custom\"\n"
                                    "commands.apply = [\"true\"]\n");
    dir_.Write("home/.keep", "");
  }

  /// `gantry` is the binary under test, found in PATH as a user's would be; the shells
  /// get a home of their own (fish writes there).
  std::vector<std::string> Env() const {
    const char* path = std::getenv("PATH");
    return {"PATH=" + Dir(GANTRY_BINARY) + ":" + (path == nullptr ? "/usr/bin:/bin" : path),
            "HOME=" + dir_ / "home", "XDG_CONFIG_HOME=" + dir_ / "home/.config",
            "XDG_DATA_HOME=" + dir_ / "home/.local/share", "GANTRY_COLOR=", "NO_COLOR="};
  }

  gantry::testing::CliResult Shell(const Words& argv, const std::string& cwd = "") {
    return gantry::testing::RunProgram(argv, cwd.empty() ? dir_.path() : cwd, Env());
  }

  /// What bash offers for `words`, the cursor at the end of the last one, as bash splits
  /// a command line into COMP_WORDS ("--color=al" is "--color" "=" "al").
  Words Bash(const Words& words, const std::string& cwd = "") {
    std::vector<std::string> quoted;
    for (const std::string& word : words) quoted.push_back(PosixQuoted(word));
    const std::string script =
        "source <(gantry completion bash) || exit 3\n"
        "COMP_WORDS=(" + absl::StrJoin(quoted, " ") + ")\n"
        "COMP_CWORD=" + std::to_string(words.size() - 1) + "\n"
        "_gantry || exit 4\n"
        "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    const gantry::testing::CliResult r = Shell({"bash", "--norc", "--noprofile", "-c", script}, cwd);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "") << "completion must never print an error";
    return Lines(r.out);
  }

  /// `gantry CMD --help`: its subcommands and its flags, as CLI11 prints them.
  void HelpOf(const Words& command, Words* subcommands, Words* flags) {
    Words args = command;
    args.push_back("--help");
    const gantry::testing::CliResult r = gantry::testing::RunGantry(args, dir_.path(), Env());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string section;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line[0] != ' ') section = line;
      if (line.rfind("  ", 0) != 0 || line.size() < 3 || line[2] == ' ') continue;
      const std::string first = line.substr(2, line.find(' ', 2) - 2);
      if (section == "Subcommands:") subcommands->push_back(first);
      if (section == "Options:")
        for (const auto name : absl::StrSplit(first, ',')) flags->push_back(std::string(name));
    }
  }

  gantry::testing::TempDir dir_;
};

TEST_F(CompletionCliTest, CompleteComponentsPrintsTheNamesOnly) {
  auto r = gantry::testing::RunGantry({"__complete", "components"}, dir_.path(), Env());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "app\nnetwork/subnet\nnetwork/vpc\n");
  EXPECT_EQ(r.err, "");
  r = gantry::testing::RunGantry({"-f", "other/deploy.toml", "__complete", "components"},
                                 dir_.path(), Env());
  EXPECT_EQ(r.out, "elsewhere\n");
}

TEST_F(CompletionCliTest, CompleteComponentsIsSilentWithoutAGoodDeployment) {
  dir_.Write("bad/gantry.toml", "[components.x\ntype =");
  for (const Words& args : {Words{"-f", "nosuch.toml", "__complete", "components"},
                            Words{"__complete", "components"}}) {
    const auto r = gantry::testing::RunGantry(args, dir_ / "bad", Env());
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
  }
}

TEST_F(CompletionCliTest, TheCompleteCommandIsHidden) {
  auto r = gantry::testing::RunGantry({"--help"}, dir_.path(), Env());
  EXPECT_THAT(r.out, ::testing::HasSubstr("completion"));
  EXPECT_THAT(r.out, Not(::testing::HasSubstr("__complete")));
  r = gantry::testing::RunGantry({"aply"}, dir_.path(), Env());
  EXPECT_THAT(r.err, Not(::testing::HasSubstr("__complete")));
  EXPECT_THAT(Bash({"gantry", ""}), Not(Contains("__complete")));
}

TEST_F(CompletionCliTest, BashCompletesCommandsAndNestedCommands) {
  EXPECT_THAT(Bash({"gantry", "ap"}), ElementsAre("apply"));
  EXPECT_THAT(Bash({"gantry", "runs", ""}), ElementsAre("list", "show"));
  EXPECT_THAT(Bash({"gantry", "plugins", "i"}), ElementsAre("info"));
  EXPECT_THAT(Bash({"gantry", "workspaces", ""}), ElementsAre("clean"));
  EXPECT_THAT(Bash({"gantry", "completion", ""}), ElementsAre("bash", "fish", "zsh"));
  EXPECT_THAT(Bash({"gantry", "-f", "gantry.toml", "--log-level", "warn", "va"}),
              ElementsAre("validate"))
      << "flags and their values are skipped on the way";
}

TEST_F(CompletionCliTest, BashOffersEveryCommandAndFlagTheHelpLists) {
  Words top, root_flags;
  HelpOf({}, &top, &root_flags);
  ASSERT_THAT(top, Contains("apply"));
  EXPECT_THAT(Bash({"gantry", ""}), ::testing::UnorderedElementsAreArray(top));
  EXPECT_THAT(Bash({"gantry", "-"}), IsSupersetOf(root_flags));
  for (const std::string& command : top) {
    SCOPED_TRACE(command);
    Words subcommands, flags;
    HelpOf({command}, &subcommands, &flags);
    ASSERT_THAT(flags, Contains("--help"));
    EXPECT_THAT(Bash({"gantry", command, "-"}), IsSupersetOf(flags));
    for (const std::string& sub : subcommands) {
      Words nested_subcommands, nested_flags;
      HelpOf({command, sub}, &nested_subcommands, &nested_flags);
      EXPECT_THAT(Bash({"gantry", command, sub, "-"}), IsSupersetOf(nested_flags)) << sub;
    }
  }
}

TEST_F(CompletionCliTest, BashCompletesFlagsAndTheirChoices) {
  EXPECT_THAT(Bash({"gantry", "--col"}), ElementsAre("--color"));
  EXPECT_THAT(Bash({"gantry", "apply", "--keep-"}), ElementsAre("--keep-going", "--keep-workspace"));
  EXPECT_THAT(Bash({"gantry", "--color", ""}), ElementsAre("always", "auto", "never"));
  EXPECT_THAT(Bash({"gantry", "--color", "=", ""}), ElementsAre("always", "auto", "never"));
  EXPECT_THAT(Bash({"gantry", "--color", "="}), ElementsAre("always", "auto", "never"))
      << "`--color=` with the cursor after '='";
  EXPECT_THAT(Bash({"gantry", "--color", "=", "al"}), ElementsAre("always"));
  EXPECT_THAT(Bash({"gantry", "apply", "--output", ""}), ElementsAre("grouped", "prefixed", "quiet"));
  EXPECT_THAT(Bash({"gantry", "graph", "--format", "m"}), ElementsAre("mermaid"));
  EXPECT_THAT(Bash({"gantry", "apply", "--summary", "oth"}), ElementsAre("other"));
  EXPECT_THAT(Bash({"gantry", "apply", "--resume", ""}), IsEmpty()) << "free text: nothing";
  EXPECT_THAT(Bash({"gantry", "aff"}), ElementsAre("affected"));
  EXPECT_THAT(Bash({"gantry", "affected", "--f"}), ElementsAre("--format"));
  EXPECT_THAT(Bash({"gantry", "affected", "--format", ""}), ElementsAre("json", "text"));
  EXPECT_THAT(Bash({"gantry", "plan", "--changed"}), ElementsAre("--changed-since"));
}

TEST_F(CompletionCliTest, BashCompletesComponentNamesWithSlashes) {
  EXPECT_THAT(Bash({"gantry", "apply", "net"}), ElementsAre("network/subnet", "network/vpc"));
  EXPECT_THAT(Bash({"gantry", "apply", "network/v"}), ElementsAre("network/vpc"));
  EXPECT_THAT(Bash({"gantry", "destroy", "app", "-k", "network/s"}), ElementsAre("network/subnet"))
      << "every positional word of plan/apply/destroy is a component";
  EXPECT_THAT(Bash({"gantry", "output", ""}), ElementsAre("app", "network/subnet", "network/vpc"));
  EXPECT_THAT(Bash({"gantry", "output", "app", ""}), IsEmpty()) << "KEY is free text";
  EXPECT_THAT(Bash({"gantry", "run", ""}), IsEmpty()) << "OPERATION is free text";
  EXPECT_THAT(Bash({"gantry", "run", "lint", "a"}), ElementsAre("app"));
  EXPECT_THAT(Bash({"gantry", "validate", "--show", "network/"}),
              ElementsAre("network/subnet", "network/vpc"));
  EXPECT_THAT(Bash({"gantry", "plan", "--exclude", "a"}), ElementsAre("app"));
  EXPECT_THAT(Bash({"gantry", "plan", "--exclude", "=", "a"}), ElementsAre("app"));
}

TEST_F(CompletionCliTest, BashFollowsDashFAndIsQuietWithoutADeployment) {
  EXPECT_THAT(Bash({"gantry", "-f", "other/deploy.toml", "apply", ""}), ElementsAre("elsewhere"));
  EXPECT_THAT(Bash({"gantry", "--file", "=", "other/deploy.toml", "output", ""}),
              ElementsAre("elsewhere"));
  EXPECT_THAT(Bash({"gantry", "-f", "nosuch.toml", "apply", ""}), IsEmpty());
  dir_.Write("bad/gantry.toml", "not = [toml");
  EXPECT_THAT(Bash({"gantry", "apply", ""}, dir_ / "bad"), IsEmpty());
}

TEST_F(CompletionCliTest, ZshScriptIsValidAndCompletes) {
  if (Which("zsh").empty()) GTEST_SKIP() << "zsh is not installed (apt-get install zsh)";
  const auto syntax = Shell({"zsh", "-c", "gantry completion zsh > s.zsh && zsh -n s.zsh"});
  EXPECT_EQ(syntax.exit_code, 0) << syntax.err;
  // Outside a completion widget, stubs stand in for the completion system's builtins:
  // they print what would be offered that starts with the word under the cursor.
  const auto complete = [&](const Words& words) {
    std::vector<std::string> quoted;
    for (const std::string& word : words) quoted.push_back(PosixQuoted(word));
    const std::string script =
        "compdef() { :; }\n"
        "_offer() { local w; for w in \"$@\"; do [[ $w == ${PREFIX}* ]] && print -r -- $w; done }\n"
        "compadd() { [[ $1 == -- ]] && shift; _offer \"$@\"; }\n"
        "_describe() { _offer \"${(@)${(@P)${@[-1]}}%%:*}\"; }\n"
        "compset() { [[ $1 == -P ]] && PREFIX=${PREFIX#*=}; }\n"
        "_files() { print -r -- FILES; }\n"
        "source <(gantry completion zsh) || exit 3\n"
        "words=(" + absl::StrJoin(quoted, " ") + ")\n"
        "CURRENT=" + std::to_string(words.size()) + "\n"
        "PREFIX=$words[CURRENT]\n"
        "_gantry\n";
    const auto r = Shell({"zsh", "-f", "-c", script});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return Lines(r.out);
  };
  EXPECT_THAT(complete({"gantry", "ap"}), ElementsAre("apply"));
  EXPECT_THAT(complete({"gantry", "runs", "s"}), ElementsAre("show"));
  EXPECT_THAT(complete({"gantry", "apply", "net"}), ElementsAre("network/subnet", "network/vpc"));
  EXPECT_THAT(complete({"gantry", "output", ""}), ElementsAre("app", "network/subnet", "network/vpc"));
  EXPECT_THAT(complete({"gantry", "-f", "other/deploy.toml", "apply", ""}), ElementsAre("elsewhere"));
  EXPECT_THAT(complete({"gantry", "--col"}), ElementsAre("--color"));
  EXPECT_THAT(complete({"gantry", "--color=al"}), ElementsAre("always"));
  EXPECT_THAT(complete({"gantry", "apply", "--output", "g"}), ElementsAre("grouped"));
  EXPECT_THAT(complete({"gantry", "apply", "--summary", ""}), ElementsAre("FILES"));
}

TEST_F(CompletionCliTest, FishScriptIsValidAndCompletes) {
  if (Which("fish").empty()) GTEST_SKIP() << "fish is not installed (apt-get install fish)";
  const auto syntax =
      Shell({"fish", "--no-config", "-c", "gantry completion fish > s.fish; and fish --no-execute s.fish"});
  EXPECT_EQ(syntax.exit_code, 0) << syntax.err;
  // `complete -C LINE` prints what fish would offer: a word, a tab, its description.
  const auto complete = [&](const std::string& line) {
    const auto r = Shell({"fish", "--no-config", "-c",
                          "gantry completion fish | source; complete -C " + FishQuoted(line)});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    Words words;
    for (const std::string& entry : Lines(r.out)) words.push_back(entry.substr(0, entry.find('\t')));
    return words;
  };
  EXPECT_THAT(complete("gantry ap"), ElementsAre("apply"));
  EXPECT_THAT(complete("gantry runs "), ElementsAre("list", "show"));
  EXPECT_THAT(complete("gantry completion "), ElementsAre("bash", "fish", "zsh"));
  EXPECT_THAT(complete("gantry apply net"), ElementsAre("network/subnet", "network/vpc"));
  EXPECT_THAT(complete("gantry output "), ElementsAre("app", "network/subnet", "network/vpc"));
  EXPECT_THAT(complete("gantry output app "), IsEmpty());
  EXPECT_THAT(complete("gantry run lint a"), ElementsAre("app"));
  EXPECT_THAT(complete("gantry -f other/deploy.toml apply "), ElementsAre("elsewhere"));
  EXPECT_THAT(complete("gantry --col"), ElementsAre("--color"));
  EXPECT_THAT(complete("gantry --color=al"), ElementsAre("--color=always"));
  EXPECT_THAT(complete("gantry apply --exclude n"), ElementsAre("network/subnet", "network/vpc"));
  EXPECT_THAT(complete("gantry validate --show a"), ElementsAre("app"));
}

}  // namespace
}  // namespace gantry::cli
