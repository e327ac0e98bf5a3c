#include "core/config/duration.h"

#include "gtest/gtest.h"

namespace gantry::config {
namespace {

TEST(DurationTest, ParsesUnitsAndCombinations) {
  EXPECT_EQ(*ParseDuration("90s"), absl::Seconds(90));
  EXPECT_EQ(*ParseDuration("10m"), absl::Minutes(10));
  EXPECT_EQ(*ParseDuration("1h30m"), absl::Minutes(90));
  EXPECT_EQ(*ParseDuration("250ms"), absl::Milliseconds(250));
  EXPECT_EQ(*ParseDuration("2d"), absl::Hours(48));
  EXPECT_EQ(*ParseDuration("45"), absl::Seconds(45));
}

TEST(DurationTest, RejectsNonsense) {
  for (const char* bad : {"", "soon", "10x", "m", "-5s", "0s", "0"}) {
    EXPECT_FALSE(ParseDuration(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace gantry::config
