#include "kit/program.h"

#include "gtest/gtest.h"

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
