#include "kit/common_settings.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::kit {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::SizeIs;

TEST(CommonSettingsTest, EnvNamesAreChecked) {
  std::vector<SettingProblem> problems;
  const auto env = ReadEnv(Settings(R"({"env": {"PACKER_LOG": "1", "1BAD": "x"}})"), problems);
  EXPECT_EQ(env.at("PACKER_LOG"), "1");
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_EQ(problems[0].setting, "env.1BAD");
  EXPECT_THAT(problems[0].message, HasSubstr("not an environment variable name"));
}

TEST(CommonSettingsTest, ArgsAreListsPerKnownCommand) {
  std::vector<SettingProblem> problems;
  const auto args = ReadArgs(Settings(R"({"args": {"build": ["-timestamp-ui"], "biuld": []}})"),
                             {"validate", "build"}, "packer", problems);
  EXPECT_THAT(args, ElementsAre(Pair("build", ElementsAre("-timestamp-ui"))));
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_EQ(problems[0].setting, "args.biuld");
  EXPECT_THAT(problems[0].message, HasSubstr("packer command 'biuld' is not one gantry runs"));
  EXPECT_THAT(problems[0].message, HasSubstr("did you mean 'args.build'?"));
}

TEST(CommonSettingsTest, ArgsMustBeATable) {
  std::vector<SettingProblem> problems;
  ReadArgs(Settings(R"({"args": ["-x"]})"), {"validate", "build"}, "packer", problems);
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_THAT(problems[0].message, HasSubstr("per command (validate, build)"));
}

TEST(CommonSettingsTest, StopTimeoutIsADuration) {
  std::vector<SettingProblem> problems;
  EXPECT_EQ(ReadStopTimeout(Settings(R"({"stop_timeout": "2m"})"), std::chrono::seconds(5),
                            problems),
            std::chrono::minutes(2));
  EXPECT_EQ(ReadStopTimeout(Settings("{}"), std::chrono::seconds(5), problems),
            std::chrono::seconds(5));
  EXPECT_THAT(problems, IsEmpty());
  ReadStopTimeout(Settings(R"({"stop_timeout": "soon"})"), std::chrono::seconds(5), problems);
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_THAT(problems[0].message, HasSubstr("'soon' is not a duration"));
}

TEST(CommonSettingsTest, InsidePathsStayInsideTheSource) {
  std::vector<SettingProblem> problems;
  EXPECT_EQ(ReadInsidePath(Settings(R"({"p": "./a/b/"})"), "p", "x", problems), "a/b");
  EXPECT_EQ(ReadInsidePath(Settings(R"({"p": "."})"), "p", "x", problems), "");
  EXPECT_THAT(problems, IsEmpty());
  ReadInsidePath(Settings(R"({"p": "../up"})"), "p", "site.yml", problems);
  ReadInsidePath(Settings(R"({"p": "/etc"})"), "p", "site.yml", problems);
  ASSERT_THAT(problems, SizeIs(2));
  EXPECT_THAT(problems[0].message, HasSubstr("must be inside source"));
  EXPECT_THAT(problems[1].message, HasSubstr("e.g. p = \"site.yml\""));
}

TEST(CommonSettingsTest, BadSettingsJsonIsOneProblem) {
  std::vector<SettingProblem> problems;
  ParseSettingsJson("[1]", problems);
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_THAT(problems[0].message, HasSubstr("settings are not valid"));
}

}  // namespace
}  // namespace gantry::kit
