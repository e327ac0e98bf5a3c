// The custom plugin driven through the SDK's FakeHost, as an outside author tests theirs.
#include "gantry/testing/fake_host.hpp"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/temp_dir.h"

namespace gantry::custom {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using gantry::testing::FakeComponent;
using gantry::testing::FakeHost;

TEST(CustomFakeHostTest, ASettingsProblemPointsAtTheSetting) {
  FakeHost host = FakeHost::Load(GANTRY_CUSTOM_PLUGIN);
  const auto record = host.Validate(
      FakeComponent("app", "custom")
          .WithSettings(R"({"commands": {"aply": ["x"], "plan": "make"}})")
          .WithVars(R"({"bad-name": "v"})"));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.diagnostics,
              ElementsAre(Field(&gantry::testing::DiagnosticSeen::setting, "commands.aply"),
                          Field(&gantry::testing::DiagnosticSeen::setting, "commands.plan"),
                          Field(&gantry::testing::DiagnosticSeen::setting, "vars.bad-name")));
  EXPECT_THAT(record.errors[0], HasSubstr("did you mean 'apply'?"));
}

TEST(CustomFakeHostTest, ApplyRunsTheCommandAndReadsItsOutputs) {
  gantry::testing::TempDir work;
  FakeHost host = FakeHost::Load(GANTRY_CUSTOM_PLUGIN);
  const auto record = host.Execute(
      FakeComponent("app", "custom")
          .WithWorkDir(work.path())
          .WithSettings(R"({"shell": true, "commands": {"apply": )"
                        R"("echo hi; echo url=db.local >> $GANTRY_OUTPUT"}})"),
      "apply");
  EXPECT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_EQ(record.stdout_text, "hi\n");
  ASSERT_EQ(record.outputs.count("url"), 1u);
  EXPECT_EQ(record.outputs.at("url").value, "db.local");
  ASSERT_EQ(record.spawns.size(), 1u);
  EXPECT_THAT(record.spawns[0].argv, ElementsAre("/bin/sh", "-c", HasSubstr("echo hi")));
}

TEST(CustomFakeHostTest, DeclaresItsSettings) {
  FakeHost host = FakeHost::Load(GANTRY_CUSTOM_PLUGIN);
  ASSERT_TRUE(host.declares_settings());
  ASSERT_EQ(host.settings().size(), 3u);
  EXPECT_EQ(host.settings()[0].name, "commands");
  EXPECT_EQ(host.settings()[0].types, static_cast<uint32_t>(GANTRY_SETTING_TABLE));
  EXPECT_EQ(host.settings()[0].item_types,
            static_cast<uint32_t>(GANTRY_SETTING_STRING | GANTRY_SETTING_LIST));
  EXPECT_FALSE(host.settings()[0].required()) << "its own message shows an example";
  EXPECT_EQ(host.settings()[1].name, "shell");
  EXPECT_EQ(host.settings()[1].default_json, "false");
  EXPECT_EQ(host.settings()[2].name, "produces");
  EXPECT_FALSE(host.declares_outputs());
}

TEST(CustomFakeHostTest, FilesItProducesAreKeysOthersCanNeed) {
  FakeHost host = FakeHost::Load(GANTRY_CUSTOM_PLUGIN);
  const auto record = host.Discover(
      FakeComponent("inventory", "custom")
          .WithSourceDir("/p/scripts")
          .WithProjectDir("/p")
          .WithSettings(R"({"commands": {"apply": ["./write.sh"]},)"
                        R"( "produces": ["../ansible/./inventory.ini", "/abs/out.json"]})"));
  EXPECT_EQ(record.status, GANTRY_STATUS_OK);
  EXPECT_THAT(record.provided_keys,
              ElementsAre("file:/p/ansible/inventory.ini", "file:/abs/out.json"));
  const auto sourceless = host.Discover(
      FakeComponent("inventory", "custom")
          .WithProjectDir("/p")
          .WithSettings(R"({"commands": {"apply": ["x"]}, "produces": ["build/hosts"]})"));
  EXPECT_THAT(sourceless.provided_keys, ElementsAre("file:/p/build/hosts"));
}

// The plugin reads JSON with the SDK's gantry/json.hpp, which keeps a table's document
// order: problems still come in key order, and a table var is still exported as compact
// JSON with sorted keys, whatever the order of the text.
TEST(CustomFakeHostTest, KeyOrderOfTheTextChangesNothing) {
  FakeHost host = FakeHost::Load(GANTRY_CUSTOM_PLUGIN);
  const auto invalid = host.Validate(
      FakeComponent("app", "custom")
          .WithSettings(R"({"commands": {"plan": "make", "aply": ["x"]}})")
          .WithVars(R"({"z-z": 1, "a-a": 2})"));
  EXPECT_THAT(invalid.diagnostics,
              ElementsAre(Field(&gantry::testing::DiagnosticSeen::setting, "commands.aply"),
                          Field(&gantry::testing::DiagnosticSeen::setting, "commands.plan"),
                          Field(&gantry::testing::DiagnosticSeen::setting, "vars.a-a"),
                          Field(&gantry::testing::DiagnosticSeen::setting, "vars.z-z")));

  gantry::testing::TempDir work;
  const auto record = host.Execute(
      FakeComponent("app", "custom")
          .WithWorkDir(work.path())
          .WithSettings(R"({"commands": {"apply": ["true"]}})")
          .WithVars(R"({"T": {"z": [1.5, true, null], "a": {"y": "s", "b": 2}}, "N": 7})"),
      "apply");
  EXPECT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  ASSERT_EQ(record.spawns.size(), 1u);
  EXPECT_THAT(record.spawns[0].env, Contains(R"(T={"a":{"b":2,"y":"s"},"z":[1.5,true,null]})"));
  EXPECT_THAT(record.spawns[0].env, Contains("N=7"));
}

TEST(CustomFakeHostTest, SettingsThatAreNotJsonAreReported) {
  FakeHost host = FakeHost::Load(GANTRY_CUSTOM_PLUGIN);
  const auto record = host.Validate(FakeComponent("app", "custom").WithSettings("{bad"));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, ElementsAre("the host passed settings that are not JSON objects"));
}

}  // namespace
}  // namespace gantry::custom
