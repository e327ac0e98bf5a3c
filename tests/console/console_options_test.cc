#include "core/console/console_options.h"

#include <stdio.h>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/console/captured_file.h"

namespace gantry::console {
namespace {

using ::testing::HasSubstr;

TEST(OutputModeTest, ParsesEveryName) {
  for (OutputMode mode : {OutputMode::kPrefixed, OutputMode::kGrouped, OutputMode::kQuiet}) {
    absl::StatusOr<OutputMode> parsed = ParseOutputMode(OutputModeName(mode));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, mode);
  }
  EXPECT_STREQ(OutputModeName(OutputMode::kGrouped), "grouped");
}

TEST(OutputModeTest, UnknownNameIsAClearError) {
  absl::StatusOr<OutputMode> parsed = ParseOutputMode("verbose");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(parsed.status().message(), HasSubstr("'verbose'"));
  EXPECT_THAT(parsed.status().message(), HasSubstr("prefixed, grouped or quiet"));
  EXPECT_FALSE(ParseOutputMode("").ok());
  EXPECT_FALSE(ParseOutputMode("Prefixed").ok());
}

TEST(ConsoleOptionsForTest, AFileIsNoTerminal) {
  CapturedFile file;
  ConsoleOptions options = ConsoleOptionsFor(file.get(), OutputMode::kQuiet);
  EXPECT_EQ(options.mode, OutputMode::kQuiet);
  EXPECT_EQ(options.out, file.get());
  EXPECT_FALSE(options.is_tty);
  EXPECT_FALSE(options.color);
}

TEST(ConsoleOptionsForTest, GithubActionsFromEnvironment) {
  CapturedFile file;
  setenv("GITHUB_ACTIONS", "true", 1);
  EXPECT_TRUE(ConsoleOptionsFor(file.get()).github_actions);
  setenv("GITHUB_ACTIONS", "false", 1);
  EXPECT_FALSE(ConsoleOptionsFor(file.get()).github_actions);
  unsetenv("GITHUB_ACTIONS");
  EXPECT_FALSE(ConsoleOptionsFor(file.get()).github_actions);
}

}  // namespace
}  // namespace gantry::console
