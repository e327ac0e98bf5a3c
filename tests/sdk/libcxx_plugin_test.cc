// A C++ plugin built with clang++ -stdlib=libc++ loads and runs in the g++/libstdc++
// host, and an exception it throws becomes GANTRY_STATUS_FAILED with the message.
#include <memory>
#include <stdexcept>
#include <string>

#include "core/plugin/component_view.h"
#include "core/plugin/plugin_loader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sdk/recording_call_context.h"
#include "tests/sdk/temp_plugin_dir.h"
#include "tests/testing/build_paths.h"

namespace gantry::plugin {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class SdkLibcxxPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<LoadedPlugin>> loaded =
        LoadPlugin(dir_.Add(GANTRY_FIXTURE_LIBCXX));
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    plugin_ = *std::move(loaded);
  }

  static ComponentData Component(const std::string& name) {
    ComponentData component;
    component.name = name;
    component.type = "libcxx-echo";
    return component;
  }

  TempPluginDir dir_;
  std::unique_ptr<LoadedPlugin> plugin_;
};

TEST_F(SdkLibcxxPluginTest, Describes) {
  EXPECT_EQ(plugin_->name(), "libcxx-echo");
  EXPECT_EQ(plugin_->version(), "2.0.0");
  EXPECT_THAT(plugin_->component_types(), ElementsAre("libcxx-echo"));
  EXPECT_THAT(plugin_->operations(), ElementsAre("plan", "apply", "destroy", "boom"));
  EXPECT_TRUE(plugin_->SupportsOperation("boom"));
  EXPECT_TRUE(plugin_->has_execute());
}

TEST_F(SdkLibcxxPluginTest, ExecuteWritesAndSetsOutput) {
  RecordingCallContext context;
  EXPECT_EQ(plugin_->Execute(context, Component("images/api"), "plan"), GANTRY_STATUS_OK);
  EXPECT_EQ(context.stdout_text(), "libcxx-echo plan images/api\n");
  ASSERT_THAT(context.outputs(), SizeIs(1));
  EXPECT_EQ(context.outputs().at("words").value, "3");
  EXPECT_THAT(context.errors(), IsEmpty());
}

TEST_F(SdkLibcxxPluginTest, ExceptionBecomesFailedWithItsMessage) {
  RecordingCallContext context;
  EXPECT_EQ(plugin_->Execute(context, Component("images/api"), "boom"), GANTRY_STATUS_FAILED);
  ASSERT_THAT(context.errors(), SizeIs(1));
  EXPECT_THAT(context.errors()[0], HasSubstr("libcxx-echo exploded on images/api"));
  EXPECT_EQ(context.stdout_text(), "");

  // The plugin keeps working after the exception, and so does the host's own unwinding.
  RecordingCallContext again;
  EXPECT_EQ(plugin_->Execute(again, Component("db"), "apply"), GANTRY_STATUS_OK);
  EXPECT_EQ(again.stdout_text(), "libcxx-echo apply db\n");
  EXPECT_THROW(throw std::runtime_error("host"), std::runtime_error);
}

TEST_F(SdkLibcxxPluginTest, ValidateRejectsBadSettings) {
  RecordingCallContext context;
  ComponentData component = Component("db");
  component.settings_json = R"({"x": "bad"})";
  EXPECT_EQ(plugin_->Validate(context, component), GANTRY_STATUS_FAILED);
  ASSERT_THAT(context.errors(), SizeIs(1));
  EXPECT_THAT(context.errors()[0], HasSubstr("\"bad\" is not allowed"));
}

}  // namespace
}  // namespace gantry::plugin
