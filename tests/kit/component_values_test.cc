#include "kit/component_values.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::kit {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ComponentValuesTest, VarsAreThereOnlyWhenTheTableHasOne) {
  EXPECT_FALSE(HasVars(""));
  EXPECT_FALSE(HasVars(" { } "));
  EXPECT_TRUE(HasVars(R"({"a":1})"));
}

TEST(ComponentValuesTest, SensitiveNamesAreTheListsStrings) {
  EXPECT_THAT(SensitiveNames(R"(["token", 3, "password"])"), ElementsAre("password", "token"));
  EXPECT_THAT(SensitiveNames(""), IsEmpty());
  EXPECT_THAT(SensitiveNames(R"({"token": true})"), IsEmpty());
}

}  // namespace
}  // namespace gantry::kit
