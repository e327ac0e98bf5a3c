#include "kit/duration_text.h"

#include "gtest/gtest.h"

namespace gantry::kit {
namespace {

TEST(DurationTextTest, ParsesUnitsAndCombinations) {
  EXPECT_EQ(ParseDuration("500ms"), std::chrono::milliseconds(500));
  EXPECT_EQ(ParseDuration("90s"), std::chrono::seconds(90));
  EXPECT_EQ(ParseDuration("1h30m"), std::chrono::minutes(90));
  EXPECT_EQ(ParseDuration("1d"), std::chrono::hours(24));
}

TEST(DurationTextTest, RefusesWhatIsNotADuration) {
  EXPECT_EQ(ParseDuration(""), std::nullopt);
  EXPECT_EQ(ParseDuration("10"), std::nullopt);
  EXPECT_EQ(ParseDuration("s"), std::nullopt);
  EXPECT_EQ(ParseDuration("5x"), std::nullopt);
  EXPECT_EQ(ParseDuration("99999999999999999999s"), std::nullopt);
}

}  // namespace
}  // namespace gantry::kit
