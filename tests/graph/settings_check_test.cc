#include "core/graph/settings_check.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::graph {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<plugin::SettingSpec> Specs() {
  plugin::SettingSpec commands;
  commands.name = "commands";
  commands.types = GANTRY_SETTING_TABLE;
  commands.item_types = GANTRY_SETTING_STRING | GANTRY_SETTING_LIST;
  commands.flags = GANTRY_SETTING_REQUIRED;
  plugin::SettingSpec shell;
  shell.name = "shell";
  shell.types = GANTRY_SETTING_BOOL;
  plugin::SettingSpec mode;
  mode.name = "mode";
  mode.types = GANTRY_SETTING_STRING | GANTRY_SETTING_LIST;
  mode.item_types = GANTRY_SETTING_STRING;
  mode.allowed = {"fast", "safe"};
  plugin::SettingSpec count;
  count.name = "count";
  count.types = GANTRY_SETTING_INTEGER;
  return {commands, shell, mode, count};
}

config::ComponentConfig Component(nlohmann::json settings) {
  config::ComponentConfig c;
  c.name = "app";
  c.type = "custom";
  c.location = {"gantry.toml", 3, 1};
  c.settings = std::move(settings);
  c.key_locations = {{"comands", {"gantry.toml", 5, 11}},
                     {"shell", {"gantry.toml", 6, 9}},
                     {"commands.apply", {"gantry.toml", 7, 18}},
                     {"mode", {"gantry.toml", 8, 8}},
                     {"count", {"gantry.toml", 9, 9}}};
  return c;
}

std::vector<std::string> Problems(const nlohmann::json& settings) {
  config::Diagnostics diagnostics;
  const bool ok = CheckSettings(Component(settings), "custom", Specs(), diagnostics);
  EXPECT_EQ(ok, diagnostics.empty());
  return diagnostics.messages();
}

TEST(SettingsCheckTest, AValidTableHasNoProblem) {
  EXPECT_THAT(Problems({{"commands", {{"apply", {"./deploy.sh"}}, {"plan", "make plan"}}},
                        {"shell", true},
                        {"mode", {"fast", "safe"}},
                        {"count", 3}}),
              IsEmpty());
}

TEST(SettingsCheckTest, AnUnknownKeyIsShownAtItsOwnLineWithDidYouMean) {
  EXPECT_THAT(Problems({{"commands", {{"apply", "x"}}}, {"comands", {{"apply", "x"}}}}),
              ElementsAre("gantry.toml:5:11: error: component 'app' (custom): unknown setting "
                          "'comands' (did you mean 'commands'?); custom takes commands, shell, "
                          "mode, count (see gantry plugins info custom)"));
}

TEST(SettingsCheckTest, AMissingRequiredKeyIsShownAtTheTable) {
  EXPECT_THAT(Problems({{"shell", false}}),
              ElementsAre(HasSubstr("gantry.toml:3:1: error: component 'app' (custom): missing "
                                    "setting 'commands' (a table)")));
}

TEST(SettingsCheckTest, WrongKindsAreNamedWithWhatWasFound) {
  EXPECT_THAT(Problems({{"commands", {{"apply", 5}}}, {"shell", "yes"}, {"count", 1.5}}),
              ElementsAre(HasSubstr("6:9: error: component 'app' (custom): 'shell' must be a "
                                    "boolean, not a string"),
                          HasSubstr("7:18: error: component 'app' (custom): 'commands.apply' "
                                    "must be a string or a list, not an integer"),
                          HasSubstr("9:9: error: component 'app' (custom): 'count' must be an "
                                    "integer, not a number")));
}

TEST(SettingsCheckTest, AValueNotAllowedGetsDidYouMeanAndTheChoices) {
  EXPECT_THAT(Problems({{"commands", {{"apply", "x"}}}, {"mode", "fastt"}}),
              ElementsAre(HasSubstr("8:8: error: component 'app' (custom): 'mode' cannot be "
                                    "\"fastt\" (did you mean 'fast'?); it takes fast, safe")));
  EXPECT_THAT(Problems({{"commands", {{"apply", "x"}}}, {"mode", {"fast", 1}}}),
              ElementsAre(HasSubstr("each item of 'mode' must be a string, not an integer")));
}

TEST(SettingsCheckTest, AnIntegerIsANumberButNotTheOtherWayRound) {
  std::vector<plugin::SettingSpec> specs(1);
  specs[0].name = "ratio";
  specs[0].types = GANTRY_SETTING_NUMBER;
  config::Diagnostics diagnostics;
  EXPECT_TRUE(CheckSettings(Component({{"ratio", 2}}), "x", specs, diagnostics));
  EXPECT_TRUE(CheckSettings(Component({{"ratio", 2.5}}), "x", specs, diagnostics));
  EXPECT_TRUE(diagnostics.empty());
}

gantry_plugin Descriptor(const gantry_setting* const* settings) {
  gantry_plugin d{};
  d.struct_size = sizeof d;
  d.abi_version = GANTRY_ABI_VERSION;
  d.settings = settings;
  return d;
}

gantry_setting Setting(const char* name, uint32_t types) {
  gantry_setting s{};
  s.struct_size = sizeof s;
  s.abi_version = GANTRY_ABI_VERSION;
  s.name = name;
  s.types = types;
  return s;
}

TEST(SettingSpecTest, DeclaredSettingsAreCopiedOut) {
  static const char* const kAllowed[] = {"a", "b", nullptr};
  gantry_setting mode = Setting("mode", GANTRY_SETTING_STRING);
  mode.allowed = kAllowed;
  mode.default_json = "\"a\"";
  mode.flags = GANTRY_SETTING_REQUIRED;
  const gantry_setting* list[] = {&mode, nullptr};
  auto specs = plugin::ReadSettingSpecs(Descriptor(list));
  ASSERT_TRUE(specs.ok()) << specs.status();
  ASSERT_TRUE(specs->has_value());
  ASSERT_EQ((*specs)->size(), 1u);
  EXPECT_EQ((**specs)[0].name, "mode");
  EXPECT_THAT((**specs)[0].allowed, ElementsAre("a", "b"));
  EXPECT_EQ((**specs)[0].default_json, "\"a\"");
  EXPECT_TRUE((**specs)[0].required());
}

TEST(SettingSpecTest, NoListOrAnOlderDescriptorMeansNotDeclared) {
  auto none = plugin::ReadSettingSpecs(Descriptor(nullptr));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  const gantry_setting* list[] = {nullptr};
  gantry_plugin old = Descriptor(list);
  old.struct_size = offsetof(gantry_plugin, settings);  // built before settings existed
  auto older = plugin::ReadSettingSpecs(old);
  ASSERT_TRUE(older.ok());
  EXPECT_FALSE(older->has_value());
  auto empty = plugin::ReadSettingSpecs(Descriptor(list));
  ASSERT_TRUE(empty.ok());
  ASSERT_TRUE(empty->has_value()) << "an empty list declares 'no settings'";
  EXPECT_THAT(**empty, IsEmpty());
}

TEST(SettingSpecTest, MalformedDeclarationsAreRefusedNamingTheSetting) {
  const auto refused = [](gantry_setting s) {
    const gantry_setting* list[] = {&s, nullptr};
    auto specs = plugin::ReadSettingSpecs(Descriptor(list));
    return specs.ok() ? std::string("accepted") : std::string(specs.status().message());
  };
  EXPECT_THAT(refused(Setting("", GANTRY_SETTING_STRING)), HasSubstr("no valid name"));
  EXPECT_THAT(refused(Setting("a b", GANTRY_SETTING_STRING)), HasSubstr("no valid name"));
  EXPECT_THAT(refused(Setting("vars", GANTRY_SETTING_TABLE)),
              HasSubstr("'vars' is a key gantry owns"));
  EXPECT_THAT(refused(Setting("x", 0)), HasSubstr("'x' declares no or unknown kinds"));
  EXPECT_THAT(refused(Setting("x", 0x100)), HasSubstr("'x' declares no or unknown kinds"));
  gantry_setting bad_default = Setting("x", GANTRY_SETTING_STRING);
  bad_default.default_json = "{nope";
  EXPECT_THAT(refused(bad_default), HasSubstr("'x' has a default that is not JSON"));
  gantry_setting small = Setting("x", GANTRY_SETTING_STRING);
  small.struct_size = 8;
  EXPECT_THAT(refused(small), HasSubstr("struct_size is too small"));
  gantry_setting a = Setting("x", GANTRY_SETTING_STRING);
  const gantry_setting* twice[] = {&a, &a, nullptr};
  EXPECT_THAT(std::string(plugin::ReadSettingSpecs(Descriptor(twice)).status().message()),
              HasSubstr("'x' is declared twice"));
}

}  // namespace
}  // namespace gantry::graph
