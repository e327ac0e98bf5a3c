// --color=auto|always|never, NO_COLOR and GANTRY_COLOR, seen from outside: the console's
// status lines and labels, a component's own colours, gantry's log on stderr, and what a
// component's command finds in its environment.
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

// The command prints what it was told about colour, then a line of its own in red.
constexpr char kColorDeployment[] = R"([components.app]
type = "custom"
shell = true
commands.apply = "echo NO_COLOR=[$NO_COLOR] GANTRY_COLOR=[$GANTRY_COLOR]; printf '\\033[31mred\\033[0m\\n'"
)";

constexpr char kEscape[] = "\x1b[";

class ColorCliTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_.Write("gantry.toml", kColorDeployment); }
  /// `gantry args...` with stdout and stderr pipes, colour settings cleared but for `env`.
  gantry::testing::CliResult Gantry(const std::vector<std::string>& args,
                                    const std::vector<std::string>& env = {}) {
    // Unreadable durations (an apply rewrites them): a warning through gantry's log, to
    // see it on stderr.
    dir_.Write(".gantry/durations/default.json", "not json");
    std::vector<std::string> all = {"GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=",
                                    "GITHUB_STEP_SUMMARY=", "NO_COLOR=", "GANTRY_COLOR=",
                                    "TERM=xterm-256color"};
    all.insert(all.end(), env.begin(), env.end());
    return gantry::testing::RunGantry(args, dir_.path(), all);
  }
  static void ExpectNoColourAnywhere(const gantry::testing::CliResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(r.out, Not(HasSubstr("\x1b"))) << r.out;
    EXPECT_THAT(r.err, Not(HasSubstr("\x1b"))) << r.err;
    EXPECT_THAT(r.out, HasSubstr("[app] red\n")) << "the component's colour dropped, not its text";
    EXPECT_THAT(r.err, HasSubstr("gantry: warning: recorded durations ignored"));
  }
  static void ExpectColour(const gantry::testing::CliResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("\x1b[32mok\x1b[0m (")) << "the status word";
    EXPECT_THAT(r.out, HasSubstr("\x1b[31mred")) << "the component's own colour kept";
    EXPECT_THAT(r.out, HasSubstr("GANTRY_COLOR=[always]"));
    EXPECT_THAT(r.err, AllOf(HasSubstr(kEscape), HasSubstr("warning")))
        << "gantry's log follows the same decision: " << r.err;
  }

  gantry::testing::TempDir dir_;
};

TEST_F(ColorCliTest, AlwaysColoursIntoAPipe) {
  const auto r = Gantry({"apply", "--color=always"});
  ExpectColour(r);
  EXPECT_THAT(r.out, HasSubstr("NO_COLOR=[]"));
}

TEST_F(ColorCliTest, AutoIntoAPipeIsNoColour) {
  const auto r = Gantry({"apply"});
  ExpectNoColourAnywhere(r);
  EXPECT_THAT(r.out, HasSubstr("NO_COLOR=[] GANTRY_COLOR=[never]"))
      << "the decision reaches plugins; NO_COLOR is left to the user unless they said never";
}

TEST_F(ColorCliTest, NeverIsNoColourAnywhereAndCommandsSeeNoColor) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"apply", "--color=never"},
        std::vector<std::string>{"--color", "never", "apply"}}) {
    SCOPED_TRACE(args.front());
    const auto r = Gantry(args, {"GANTRY_COLOR=always"});  // the flag wins over the variable
    ExpectNoColourAnywhere(r);
    EXPECT_THAT(r.out, HasSubstr("NO_COLOR=[1] GANTRY_COLOR=[never]"));
  }
}

TEST_F(ColorCliTest, NoColorIsNoColourAndTheFlagWinsOverIt) {
  auto r = Gantry({"apply"}, {"NO_COLOR=1"});
  ExpectNoColourAnywhere(r);
  EXPECT_THAT(r.out, HasSubstr("NO_COLOR=[1] GANTRY_COLOR=[never]"));
  r = Gantry({"apply", "--color=always"}, {"NO_COLOR=1"});
  ExpectColour(r);
}

TEST_F(ColorCliTest, GantryColorIsTheDefaultOfTheFlag) {
  ExpectColour(Gantry({"apply"}, {"GANTRY_COLOR=always"}));
  const auto r = Gantry({"apply"}, {"GANTRY_COLOR=never"});
  ExpectNoColourAnywhere(r);
  EXPECT_THAT(r.out, HasSubstr("NO_COLOR=[1] GANTRY_COLOR=[never]"));
}

TEST_F(ColorCliTest, AnUnknownModeIsBadInput) {
  auto r = Gantry({"apply", "--color=sometimes"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("--color"), HasSubstr("sometimes"),
                           HasSubstr("{auto,always,never}")));
  EXPECT_THAT(r.out, Not(HasSubstr("NO_COLOR="))) << "nothing ran";
  r = Gantry({"apply"}, {"GANTRY_COLOR=sometimes"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "gantry: GANTRY_COLOR: unknown color mode 'sometimes' (expected auto, "
                   "always or never)\n");
  r = Gantry({"plan", "--detailed-exitcode"}, {"GANTRY_COLOR=sometimes"});
  EXPECT_EQ(r.exit_code, 1) << "with --detailed-exitcode, 2 means changes";
}

}  // namespace
}  // namespace gantry::cli
