#include "core/exec/child_environment.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::exec {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char* const kInherited[] = {"HOME=/home/me", "PATH=/bin", "EMPTY=", nullptr};

TEST(ChildEnvironmentTest, InheritsEverythingWithoutOverrides) {
  auto env = BuildChildEnvironment(kInherited, {}, false);
  ASSERT_TRUE(env.ok()) << env.status();
  EXPECT_THAT(*env, ElementsAre("HOME=/home/me", "PATH=/bin", "EMPTY="));
}

TEST(ChildEnvironmentTest, OverrideReplacesSameNameInPlaceAndAppendsNew) {
  auto env =
      BuildChildEnvironment(kInherited, {"PATH=/opt/bin", "NEW=1", "NEW=2", "EMPTY=x"}, false);
  ASSERT_TRUE(env.ok()) << env.status();
  EXPECT_THAT(*env, ElementsAre("HOME=/home/me", "PATH=/opt/bin", "EMPTY=x", "NEW=2"));
}

TEST(ChildEnvironmentTest, NameIsMatchedExactlyNotByPrefix) {
  auto env = BuildChildEnvironment(kInherited, {"PAT=1", "PATH_X=2"}, false);
  ASSERT_TRUE(env.ok()) << env.status();
  EXPECT_THAT(*env, ElementsAre("HOME=/home/me", "PATH=/bin", "EMPTY=", "PAT=1", "PATH_X=2"));
}

TEST(ChildEnvironmentTest, ClearEnvKeepsOnlyOverrides) {
  auto env = BuildChildEnvironment(kInherited, {"A=1", "B=a=b"}, true);
  ASSERT_TRUE(env.ok()) << env.status();
  EXPECT_THAT(*env, ElementsAre("A=1", "B=a=b"));
}

TEST(ChildEnvironmentTest, RejectsEntriesThatAreNotNameEqualsValue) {
  for (const char* bad : {"NOEQUALS", "=value", ""}) {
    auto env = BuildChildEnvironment(kInherited, {bad}, false);
    EXPECT_EQ(env.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(env.status().message(), HasSubstr("NAME=value")) << bad;
  }
}

}  // namespace
}  // namespace gantry::exec
