// The custom plugin's validate hook, through the real plugin library.
#include "core/plugin/collecting_context.h"
#include "core/plugin/plugin_loader.h"
#include "gantry/plugin.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"

namespace gantry::custom {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class CustomValidateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = plugin::LoadPlugin(GANTRY_CUSTOM_PLUGIN);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    plugin_ = loaded->release();
  }
  static void TearDownTestSuite() { delete plugin_; }

  std::vector<std::string> Validate(const std::string& settings, const std::string& vars = "{}") {
    plugin::ComponentData data;
    data.name = "seed";
    data.type = "custom";
    data.settings_json = settings;
    data.vars_json = vars;
    plugin::CollectingContext context;
    const gantry_status status = plugin_->Validate(context, data);
    EXPECT_EQ(status == GANTRY_STATUS_OK, context.errors().empty());
    return context.errors();
  }

  static plugin::LoadedPlugin* plugin_;
};
plugin::LoadedPlugin* CustomValidateTest::plugin_ = nullptr;

TEST_F(CustomValidateTest, AcceptsArgvCommandsAndShellStrings) {
  EXPECT_THAT(Validate(R"({"commands": {"apply": ["./a.sh", "x"], "plan": ["true"]}})"), IsEmpty());
  EXPECT_THAT(Validate(R"({"shell": true, "commands": {"apply": "echo hi && true"}})"), IsEmpty());
}

TEST_F(CustomValidateTest, RejectsMissingCommands) {
  EXPECT_THAT(Validate("{}"), ElementsAre(HasSubstr("needs commands")));
  EXPECT_THAT(Validate(R"({"commands": {"apply": []}})"),
              ElementsAre(HasSubstr("commands.apply is missing its command")));
  EXPECT_THAT(Validate(R"({"shell": true, "commands": {"apply": ""}})"),
              ElementsAre(HasSubstr("commands.apply is missing its command")));
}

TEST_F(CustomValidateTest, RejectsAStringCommandWithoutShell) {
  EXPECT_THAT(Validate(R"({"commands": {"apply": "make deploy"}})"),
              ElementsAre(AllOf(HasSubstr("commands.apply is a string"),
                                HasSubstr("set shell = true"))));
}

TEST_F(CustomValidateTest, RejectsAnArgvArrayWithShell) {
  EXPECT_THAT(Validate(R"({"shell": true, "commands": {"apply": ["make", "deploy"]}})"),
              ElementsAre(HasSubstr("shell = true takes one string")));
}

TEST_F(CustomValidateTest, AnOperationATypoAwayFromAStandardOneIsRefused) {
  EXPECT_THAT(Validate(R"({"commands": {"aply": ["./a.sh"]}})"),
              ElementsAre("commands.aply: unknown operation; did you mean 'apply'?"));
  EXPECT_THAT(Validate(R"({"commands": {"aplpy": ["x"], "destory": ["x"], "paln": ["x"],
                                        "Apply": ["x"], "appy": ["x"]}})"),
              ElementsAre(HasSubstr("commands.Apply: unknown operation; did you mean 'apply'?"),
                          HasSubstr("commands.aplpy: unknown operation; did you mean 'apply'?"),
                          HasSubstr("commands.appy: unknown operation; did you mean 'apply'?"),
                          HasSubstr("commands.destory: unknown operation; did you mean 'destroy'?"),
                          HasSubstr("commands.paln: unknown operation; did you mean 'plan'?")));
  // Other names are plugin-defined operations (`gantry run lint`), as before.
  EXPECT_THAT(Validate(R"({"commands": {"apply": ["x"], "lint": ["x"], "test": ["x"],
                                        "deploy": ["x"], "format": ["x"]}})"),
              IsEmpty());
}

TEST(DidYouMeanTest, EditDistanceCountsAdjacentSwapsAsOne) {
  EXPECT_EQ(EditDistance("apply", "apply"), 0u);
  EXPECT_EQ(EditDistance("aply", "apply"), 1u);
  EXPECT_EQ(EditDistance("aplpy", "apply"), 1u);
  EXPECT_EQ(EditDistance("", "plan"), 4u);
  EXPECT_EQ(EditDistance("lint", "plan"), 3u);
  EXPECT_EQ(EditDistance("ab", "ba"), 1u);
  EXPECT_EQ(DidYouMean("apply", {"plan", "apply"}), "");
  EXPECT_EQ(DidYouMean("pln", {"plan", "apply"}), "plan");
  EXPECT_EQ(DidYouMean("lint", {"plan", "apply", "destroy"}), "");
  EXPECT_EQ(DidYouMean("destry", {"plan", "apply", "destroy"}, 0), "");
}

TEST_F(CustomValidateTest, DeclaresItsSettingsSoTheHostChecksKeysAndKinds) {
  ASSERT_TRUE(plugin_->settings().has_value());
  std::vector<std::string> names;
  for (const plugin::SettingSpec& s : *plugin_->settings()) names.push_back(s.name);
  EXPECT_THAT(names, ElementsAre("commands", "shell", "produces"));
  EXPECT_EQ((*plugin_->settings())[0].types, GANTRY_SETTING_TABLE);
  EXPECT_EQ((*plugin_->settings())[0].item_types, GANTRY_SETTING_STRING | GANTRY_SETTING_LIST);
  EXPECT_EQ((*plugin_->settings())[1].default_json, "false");
}

TEST_F(CustomValidateTest, ReportsEveryProblem) {
  EXPECT_THAT(Validate(R"({"commands": {"apply": [1], "plan": "x"}, "colour": 1})",
                       R"({"bad-name": "v"})"),
              ElementsAre(HasSubstr("commands.apply must hold only strings"),
                          HasSubstr("commands.plan is a string"),
                          HasSubstr("var 'bad-name' cannot be an environment variable")));
}

}  // namespace
}  // namespace gantry::custom
