// Unit tests of the hello plugin through the SDK's fake host: no gantry needed.
//   cmake -S . -B build -DCMAKE_PREFIX_PATH=<sdk prefix> && cmake --build build
//   ctest --test-dir build
//
// The fake host does not check settings against the declared schema (gantry does, before
// Validate): these tests see what the plugin itself reports, and that the declaration is
// there for gantry to check.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gantry/testing/fake_host.hpp"

namespace {

using gantry::testing::CallRecord;
using gantry::testing::FakeComponent;
using gantry::testing::FakeHost;
using gantry::testing::ScriptedChild;
using gantry::testing::SpawnSeen;

FakeComponent Greeter(const std::string& settings = "{}") {
  return FakeComponent("greeter", "hello").WithSettings(settings);
}

// Children scripted instead of run: `uname -n` answers "box", printf says its argument.
ScriptedChild Scripted(const SpawnSeen& seen) {
  if (seen.argv.at(0) == "uname") return ScriptedChild{0, "box\n", ""};
  return ScriptedChild{0, seen.argv.at(2) + "\n", ""};
}

TEST(HelloPluginTest, DeclaresItsSettingsAndOutputs) {
  FakeHost host = FakeHost::Load(HELLO_PLUGIN_PATH);  // build/hello.so, set by CMake
  EXPECT_EQ(host.name(), "hello");
  ASSERT_EQ(host.component_types().size(), 1u);
  EXPECT_EQ(host.component_types()[0], "hello");
  EXPECT_TRUE(host.SupportsOperation("apply"));

  ASSERT_TRUE(host.declares_settings());
  ASSERT_EQ(host.settings().size(), 5u);
  EXPECT_EQ(host.settings()[0].name, "greeting");
  EXPECT_EQ(host.settings()[0].default_json, "\"hello\"");
  EXPECT_EQ(host.settings()[2].name, "shout");
  EXPECT_EQ(host.settings()[2].types, static_cast<uint32_t>(GANTRY_SETTING_BOOL));
  EXPECT_EQ(host.settings()[4].name, "token");
  EXPECT_TRUE(host.settings()[4].sensitive());
  for (const auto& setting : host.settings()) EXPECT_FALSE(setting.required()) << setting.name;

  ASSERT_TRUE(host.declares_outputs());
  ASSERT_EQ(host.outputs().size(), 2u);
  EXPECT_EQ(host.outputs()[0].name, "greeting");
  EXPECT_FALSE(host.outputs()[0].sensitive());
  EXPECT_EQ(host.outputs()[1].name, "receipt");
  EXPECT_TRUE(host.outputs()[1].sensitive());
}

TEST(HelloPluginTest, ValidateAcceptsNoSettingsAndAllOfThem) {
  FakeHost host = FakeHost::Load(HELLO_PLUGIN_PATH);
  EXPECT_EQ(host.Validate(Greeter()).status, GANTRY_STATUS_OK);
  const CallRecord r = host.Validate(Greeter(
      R"({"greeting": "hi", "name": "world", "shout": true, "repeat": 3, "token": "t"})"));
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_TRUE(r.spawns.empty()) << "validate has no side effects";
}

TEST(HelloPluginTest, ValidateReportsEachWrongSettingAtItself) {
  FakeHost host = FakeHost::Load(HELLO_PLUGIN_PATH);
  const CallRecord r = host.Validate(Greeter(R"({"shout": "yes", "repeat": 11, "greeting": 1})"));
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].setting, "greeting");
  EXPECT_EQ(r.diagnostics[0].message, "greeting must be a string, found an integer");
  EXPECT_EQ(r.diagnostics[1].setting, "shout");
  EXPECT_EQ(r.diagnostics[1].message, "shout must be true or false, found a string");
  EXPECT_EQ(r.diagnostics[2].setting, "repeat");
  EXPECT_EQ(r.diagnostics[2].message, "repeat must be 1 to 10, not 11");
  for (const auto& d : r.diagnostics) EXPECT_EQ(d.severity, GANTRY_DIAGNOSTIC_ERROR);

  const CallRecord empty = host.Validate(Greeter(R"({"greeting": ""})"));
  EXPECT_EQ(empty.status, GANTRY_STATUS_FAILED);
  ASSERT_EQ(empty.diagnostics.size(), 1u);
  EXPECT_EQ(empty.diagnostics[0].setting, "greeting");
  EXPECT_EQ(empty.diagnostics[0].message, "greeting is empty; leave it out to say \"hello\"");
}

TEST(HelloPluginTest, ValidateWarnsAboutARedundantName) {
  FakeHost host = FakeHost::Load(HELLO_PLUGIN_PATH);
  const CallRecord r = host.Validate(Greeter(R"({"name": "greeter"})"));
  EXPECT_EQ(r.status, GANTRY_STATUS_OK) << "a warning fails nothing";
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, GANTRY_DIAGNOSTIC_WARNING);
  EXPECT_EQ(r.diagnostics[0].setting, "name");
  EXPECT_TRUE(r.errors.empty());
}

TEST(HelloPluginTest, ApplySaysItThroughChildrenAndSetsTheOutputs) {
  FakeHost host = FakeHost::Load(HELLO_PLUGIN_PATH);
  host.OnSpawn(Scripted);
  const CallRecord r = host.Execute(
      Greeter(R"({"greeting": "hi", "name": "world", "repeat": 2, "token": "s3cret"})"),
      "apply");
  ASSERT_EQ(r.status, GANTRY_STATUS_OK) << (r.errors.empty() ? "" : r.errors[0]);
  ASSERT_EQ(r.spawns.size(), 3u);
  EXPECT_EQ(r.spawns[0].argv, (std::vector<std::string>{"uname", "-n"}));
  EXPECT_TRUE(r.spawns[0].Has(GANTRY_SPAWN_CAPTURE_STDOUT)) << "captured, not shown";
  EXPECT_EQ(r.spawns[1].argv, (std::vector<std::string>{"printf", "%s\n", "hi, world from box"}));
  EXPECT_EQ(r.stdout_text, "hi, world from box\nhi, world from box\n");

  ASSERT_EQ(r.outputs.count("greeting"), 1u);
  EXPECT_EQ(r.outputs.at("greeting").value, "hi, world from box");
  EXPECT_EQ(r.outputs.at("greeting").flags, 0u);
  ASSERT_EQ(r.outputs.count("receipt"), 1u);
  EXPECT_EQ(r.outputs.at("receipt").value.size(), 16u);
  EXPECT_EQ(r.outputs.at("receipt").flags, static_cast<uint32_t>(GANTRY_OUTPUT_SENSITIVE));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_TRUE(r.refusals.empty());
}

TEST(HelloPluginTest, ShoutsWithoutAToken) {
  FakeHost host = FakeHost::Load(HELLO_PLUGIN_PATH);
  host.OnSpawn(Scripted);
  const CallRecord r = host.Execute(Greeter(R"({"shout": true})"), "apply");
  ASSERT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_EQ(r.outputs.at("greeting").value, "HELLO, GREETER FROM BOX");
  EXPECT_EQ(r.outputs.count("receipt"), 0u) << "no token, no receipt";
}

TEST(HelloPluginTest, RealChildrenRun) {
  FakeHost host = FakeHost::Load(HELLO_PLUGIN_PATH);  // no script: uname and printf run
  const CallRecord r = host.Execute(Greeter(), "apply");
  ASSERT_EQ(r.status, GANTRY_STATUS_OK) << (r.errors.empty() ? "" : r.errors[0]);
  const std::string greeting = r.outputs.at("greeting").value;
  EXPECT_EQ(greeting.rfind("hello, greeter from ", 0), 0u) << greeting;
  EXPECT_GT(greeting.size(), std::string("hello, greeter from ").size()) << "a machine name";
  EXPECT_EQ(r.stdout_text, greeting + "\n") << "uname's output was captured, not shown";
}

TEST(HelloPluginTest, ACancelStopsTheGreetingsAndReturnsCancelled) {
  FakeHost host = FakeHost::Load(HELLO_PLUGIN_PATH);
  host.OnSpawn(Scripted);
  host.CancelAfterSpawns(2);  // uname, then the first printf
  const CallRecord r = host.Execute(Greeter(R"({"repeat": 5})"), "apply");
  EXPECT_EQ(r.status, GANTRY_STATUS_CANCELLED);
  EXPECT_EQ(r.spawns.size(), 2u) << "no child after the cancel";
  EXPECT_TRUE(r.outputs.empty()) << "a cancelled run sets no output";

  host.ResetCancel();
  host.Cancel();  // cancelled before it starts: no child at all
  const CallRecord early = host.Execute(Greeter(), "apply");
  EXPECT_EQ(early.status, GANTRY_STATUS_CANCELLED);
  EXPECT_TRUE(early.spawns.empty());
  EXPECT_TRUE(early.outputs.empty());
}

}  // namespace
