// The custom plugin driven through the SDK's FakeHost, as an outside author tests theirs.
#include "gantry/testing/fake_host.hpp"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::custom {
namespace {

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

}  // namespace
}  // namespace gantry::custom
