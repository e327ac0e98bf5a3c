#include "core/console/color_mode.h"

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "core/console/console_options.h"
#include "tests/console/captured_file.h"
#include "tests/testing/scoped_env.h"

namespace gantry::console {
namespace {

using ::testing::HasSubstr;

TerminalFacts Facts(bool is_tty, std::string no_color, std::string term) {
  TerminalFacts facts;
  facts.is_tty = is_tty;
  facts.no_color = std::move(no_color);
  facts.term = std::move(term);
  return facts;
}

TEST(ColorModeTest, ParsesEveryName) {
  for (ColorMode mode : {ColorMode::kAuto, ColorMode::kAlways, ColorMode::kNever}) {
    absl::StatusOr<ColorMode> parsed = ParseColorMode(ColorModeName(mode));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, mode);
  }
  absl::StatusOr<ColorMode> bad = ParseColorMode("sometimes");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("'sometimes' (expected auto, always or never)"));
  EXPECT_FALSE(ParseColorMode("").ok());
  EXPECT_FALSE(ParseColorMode("Always").ok());
}

TEST(ColorModeTest, AutoColoursATerminalUnlessNoColorOrADumbTerm) {
  EXPECT_TRUE(ColorWanted(ColorMode::kAuto, Facts(true, "", "xterm-256color")));
  EXPECT_TRUE(ColorWanted(ColorMode::kAuto, Facts(true, "", ""))) << "TERM unset";
  EXPECT_FALSE(ColorWanted(ColorMode::kAuto, Facts(false, "", "xterm"))) << "a pipe";
  // no-color.org: set to anything non-empty, whatever the value; empty is unset.
  EXPECT_FALSE(ColorWanted(ColorMode::kAuto, Facts(true, "1", "xterm")));
  EXPECT_FALSE(ColorWanted(ColorMode::kAuto, Facts(true, "0", "xterm")));
  EXPECT_FALSE(ColorWanted(ColorMode::kAuto, Facts(true, "", "dumb")));
  EXPECT_TRUE(ColorWanted(ColorMode::kAuto, Facts(true, "", "dumb-ish")));
}

TEST(ColorModeTest, AnExplicitModeWinsOverEveryFact) {
  for (bool tty : {false, true}) {
    for (const char* no_color : {"", "1"}) {
      for (const char* term : {"", "xterm", "dumb"}) {
        SCOPED_TRACE(::testing::Message() << "tty " << tty << " NO_COLOR '" << no_color
                                        << "' TERM '" << term << "'");
        EXPECT_TRUE(ColorWanted(ColorMode::kAlways, Facts(tty, no_color, term)));
        EXPECT_FALSE(ColorWanted(ColorMode::kNever, Facts(tty, no_color, term)));
      }
    }
  }
}

TEST(ColorModeTest, FactsComeFromTheDescriptorAndTheEnvironment) {
  CapturedFile file;
  {
    gantry::testing::ScopedEnv no_color("NO_COLOR", "yes"), term("TERM", "dumb");
    const TerminalFacts facts = TerminalFactsFor(fileno(file.get()));
    EXPECT_FALSE(facts.is_tty);
    EXPECT_EQ(facts.no_color, "yes");
    EXPECT_EQ(facts.term, "dumb");
  }
  gantry::testing::ScopedEnv no_color("NO_COLOR", std::nullopt), term("TERM", std::nullopt);
  const TerminalFacts facts = TerminalFactsFor(-1);
  EXPECT_FALSE(facts.is_tty);
  EXPECT_EQ(facts.no_color, "");
  EXPECT_EQ(facts.term, "");
}

TEST(ColorModeTest, TheConsoleFollowsTheMode) {
  CapturedFile file;  // no terminal: auto means no colour
  EXPECT_FALSE(ConsoleOptionsFor(file.get(), OutputMode::kPrefixed).color);
  EXPECT_FALSE(ConsoleOptionsFor(file.get(), OutputMode::kPrefixed, ColorMode::kAuto).color);
  EXPECT_TRUE(ConsoleOptionsFor(file.get(), OutputMode::kPrefixed, ColorMode::kAlways).color);
  EXPECT_FALSE(ConsoleOptionsFor(file.get(), OutputMode::kPrefixed, ColorMode::kAlways).is_tty)
      << "colour into a pipe, but no live status line";
  EXPECT_FALSE(ConsoleOptionsFor(file.get(), OutputMode::kPrefixed, ColorMode::kNever).color);
}

}  // namespace
}  // namespace gantry::console
