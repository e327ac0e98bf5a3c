#include "kit/program.h"

#include <unistd.h>

#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/scoped_env.h"

namespace gantry::kit {
namespace {

TEST(ProgramTest, RelativePathsAreTakenFromTheProject) {
  EXPECT_EQ(ProgramPath("packer", "/p"), "packer");
  EXPECT_EQ(ProgramPath("/usr/bin/packer", "/p"), "/usr/bin/packer");
  EXPECT_EQ(ProgramPath("bin/packer", "/p"), "/p/bin/packer");
}

TEST(ProgramTest, FindsProgramsInPathOrByPath) {
  EXPECT_TRUE(ProgramExists("sh"));
  EXPECT_TRUE(ProgramExists("/bin/sh"));
  EXPECT_FALSE(ProgramExists("no-such-program-gantry"));
  EXPECT_FALSE(ProgramExists("/no/such/program"));
  EXPECT_FALSE(ProgramExists(""));
}

TEST(ProgramTest, ColourIsTheHostsDecisionInGantryColor) {
  using gantry::testing::ScopedEnv;
  ScopedEnv term("TERM", "xterm");
  {
    ScopedEnv no_color("NO_COLOR", "1"), decided("GANTRY_COLOR", "always");
    EXPECT_TRUE(ConsoleWantsColor()) << "--color=always wins over NO_COLOR, even into a pipe";
  }
  {
    ScopedEnv no_color("NO_COLOR", std::nullopt), decided("GANTRY_COLOR", "never");
    EXPECT_FALSE(ConsoleWantsColor());
  }
}

TEST(ProgramTest, WithoutTheHostsDecisionColourNeedsATerminal) {
  using gantry::testing::ScopedEnv;
  // A host from before --color sets no GANTRY_COLOR; anything but always/never is no
  // decision either: then a terminal decides (under ctest stdout is a pipe: no colour),
  // and NO_COLOR or TERM=dumb say no even there.
  const bool terminal = ::isatty(STDOUT_FILENO) == 1;
  for (const std::optional<std::string>& value :
       {std::optional<std::string>(), std::optional<std::string>("auto"),
        std::optional<std::string>(""), std::optional<std::string>("ALWAYS")}) {
    SCOPED_TRACE(value.value_or("(unset)"));
    ScopedEnv decided("GANTRY_COLOR", value);
    {
      ScopedEnv term("TERM", "xterm"), no_color("NO_COLOR", std::nullopt);
      EXPECT_EQ(ConsoleWantsColor(), terminal);
    }
    {
      ScopedEnv term("TERM", "xterm"), no_color("NO_COLOR", "1");
      EXPECT_FALSE(ConsoleWantsColor());
    }
    {
      ScopedEnv term("TERM", "dumb"), no_color("NO_COLOR", std::nullopt);
      EXPECT_FALSE(ConsoleWantsColor());
    }
  }
}

TEST(ProgramTest, SaysHowACommandEnded) {
  SpawnResult exited;
  exited.started = true;
  exited.exit_code = 2;
  EXPECT_EQ(EndText(exited), "exited with status 2");
  SpawnResult killed;
  killed.started = true;
  killed.term_signal = 9;
  EXPECT_EQ(EndText(killed), "was killed by signal 9");
}

}  // namespace
}  // namespace gantry::kit
