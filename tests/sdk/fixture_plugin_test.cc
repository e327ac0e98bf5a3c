// Runs the plain-C fixture plugin and the "old SDK" fixture through LoadedPlugin with a
// recording CallContext.
#include <cstddef>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/config/config_loader.h"
#include "core/graph/deployment_check.h"
#include "core/graph/graph_builder.h"
#include "core/plugin/component_view.h"
#include "core/plugin/plugin_loader.h"
#include "core/plugin/plugin_registry.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sdk/recording_call_context.h"
#include "tests/sdk/temp_plugin_dir.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/temp_dir.h"

namespace gantry::plugin {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Lt;
using ::testing::SizeIs;

std::unique_ptr<LoadedPlugin> MustLoad(const TempPluginDir& dir, const std::string& fixture) {
  absl::StatusOr<std::unique_ptr<LoadedPlugin>> loaded = LoadPlugin(dir.Add(fixture));
  if (!loaded.ok()) {
    ADD_FAILURE() << loaded.status();
    return nullptr;
  }
  return *std::move(loaded);
}

ComponentData Component(const std::string& name, const std::string& type) {
  ComponentData component;
  component.name = name;
  component.type = type;
  component.source_dir = "/src/" + name;
  return component;
}

class SdkCPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    plugin_ = MustLoad(dir_, GANTRY_FIXTURE_C_PLUGIN);
    ASSERT_NE(plugin_, nullptr);
  }

  TempPluginDir dir_;
  std::unique_ptr<LoadedPlugin> plugin_;
};

TEST_F(SdkCPluginTest, Describes) {
  EXPECT_EQ(plugin_->name(), "c-echo");
  EXPECT_EQ(plugin_->version(), "0.3.1");
  EXPECT_THAT(plugin_->description(), HasSubstr("C fixture"));
  EXPECT_EQ(plugin_->abi_version(), GANTRY_ABI_VERSION);
  EXPECT_EQ(plugin_->descriptor_size(), sizeof(gantry_plugin));
  EXPECT_THAT(plugin_->component_types(), ElementsAre("c-echo"));
  EXPECT_THAT(plugin_->operations(), IsEmpty());
  EXPECT_EQ(plugin_->capabilities(), GANTRY_CAP_CONCURRENT);
  EXPECT_EQ(plugin_->path(), dir_.path() + "/c_plugin.so");
  EXPECT_TRUE(plugin_->has_validate());
  EXPECT_FALSE(plugin_->has_discover());
  EXPECT_TRUE(plugin_->has_execute());
  EXPECT_TRUE(plugin_->SupportsOperation("apply"));
  EXPECT_FALSE(plugin_->SupportsOperation("boom"));
  EXPECT_EQ(plugin_->GetExtension("gantry.outputs.v1"), nullptr);
}

TEST_F(SdkCPluginTest, ExecuteWritesAndSetsOutput) {
  RecordingCallContext context;
  EXPECT_EQ(plugin_->Execute(context, Component("network/vpc", "c-echo"), "apply"),
            GANTRY_STATUS_OK);
  EXPECT_EQ(context.stdout_text(), "c-echo apply network/vpc\n");
  EXPECT_EQ(context.stderr_text(), "");
  ASSERT_THAT(context.outputs(), SizeIs(1));
  EXPECT_EQ(context.outputs().at("greeting").value, "hello");
  EXPECT_EQ(context.outputs().at("greeting").flags, 0u);
  EXPECT_THAT(context.errors(), IsEmpty());
}

TEST_F(SdkCPluginTest, ValidateAcceptsGoodSettings) {
  RecordingCallContext context;
  ComponentData component = Component("app", "c-echo");
  component.settings_json = R"({"mode": "good"})";
  EXPECT_EQ(plugin_->Validate(context, component), GANTRY_STATUS_OK);
  EXPECT_THAT(context.errors(), IsEmpty());
}

TEST_F(SdkCPluginTest, ValidateRejectsBadSettings) {
  RecordingCallContext context;
  ComponentData component = Component("app", "c-echo");
  component.settings_json = R"({"mode": "bad"})";
  EXPECT_EQ(plugin_->Validate(context, component), GANTRY_STATUS_FAILED);
  ASSERT_THAT(context.errors(), SizeIs(1));
  EXPECT_THAT(context.errors()[0], HasSubstr("\"bad\" is not allowed"));
  EXPECT_EQ(context.stdout_text(), "");
}

TEST_F(SdkCPluginTest, MissingDiscoverFindsNothing) {
  RecordingCallContext context;
  EXPECT_EQ(plugin_->Discover(context, Component("app", "c-echo")), GANTRY_STATUS_OK);
  EXPECT_THAT(context.dependencies(), IsEmpty());
}

TEST_F(SdkCPluginTest, ConcurrentExecutesKeepTheirOwnContexts) {
  constexpr int kThreads = 8;
  std::vector<RecordingCallContext> contexts(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 50; ++round) {
        plugin_->Execute(contexts[i], Component("c" + std::to_string(i), "c-echo"), "plan");
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int i = 0; i < kThreads; ++i) {
    std::string expected;
    for (int round = 0; round < 50; ++round) expected += "c-echo plan c" + std::to_string(i) + "\n";
    EXPECT_EQ(contexts[i].stdout_text(), expected);
  }
}

class SdkOldPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    plugin_ = MustLoad(dir_, GANTRY_FIXTURE_OLD_SDK);
    ASSERT_NE(plugin_, nullptr);
  }

  TempPluginDir dir_;
  std::unique_ptr<LoadedPlugin> plugin_;
};

TEST_F(SdkOldPluginTest, LoadsWithSmallerDescriptor) {
  EXPECT_EQ(plugin_->name(), "old-sdk");
  EXPECT_EQ(plugin_->version(), "0.0.9");
  EXPECT_EQ(plugin_->description(), "");
  EXPECT_EQ(plugin_->descriptor_size(), offsetof(gantry_plugin, discover));
  EXPECT_THAT(plugin_->descriptor_size(), Lt(sizeof(gantry_plugin)));
  EXPECT_THAT(plugin_->component_types(), ElementsAre("old-sdk"));
  // settings and outputs lie past its struct_size, poisoned: never read.
  EXPECT_FALSE(plugin_->settings().has_value());
  EXPECT_FALSE(plugin_->outputs().has_value());
}

TEST_F(SdkOldPluginTest, HooksPastStructSizeAreUnsupported) {
  EXPECT_TRUE(plugin_->has_validate());
  EXPECT_FALSE(plugin_->has_discover());
  EXPECT_FALSE(plugin_->has_execute());
  EXPECT_EQ(plugin_->GetExtension("gantry.outputs.v1"), nullptr);

  RecordingCallContext context;
  EXPECT_EQ(plugin_->Execute(context, Component("legacy", "old-sdk"), "apply"),
            GANTRY_STATUS_UNSUPPORTED);
  // The fixture's execute member (past struct_size) reports an error if ever called.
  EXPECT_THAT(context.errors(), IsEmpty());
  EXPECT_EQ(plugin_->Discover(context, Component("legacy", "old-sdk")), GANTRY_STATUS_OK);
  // 0.3's saved plans: no capability, and the check hook past struct_size never called.
  EXPECT_FALSE(plugin_->saves_plans());
  EXPECT_EQ(plugin_->CheckSavedPlan(context, Component("legacy", "old-sdk")), GANTRY_STATUS_OK);
  EXPECT_THAT(context.errors(), IsEmpty());
  // 0.4's recognize (gantry init), past struct_size too: recognises nothing, never called.
  EXPECT_FALSE(plugin_->has_recognize());
  EXPECT_EQ(plugin_->Recognize(context, "/tmp"), GANTRY_STATUS_OK);
  EXPECT_THAT(context.errors(), IsEmpty());
}

// Since the old SDK, the host's views grew (project_dir, cache_dir) and discover gathers
// keys and files: an old plugin's components are still checked and graphed as before.
TEST_F(SdkOldPluginTest, ItsComponentsAreCheckedAndGraphedAsBefore) {
  gantry::testing::TempDir project;
  absl::StatusOr<config::Deployment> deployment =
      config::LoadDeployment(project.Write("gantry.toml", R"([components.legacy]
type = "old-sdk"

[components.user]
type = "old-sdk"
depends_on = ["legacy"]
)"));
  ASSERT_TRUE(deployment.ok()) << deployment.status();
  PluginRegistry registry;
  registry.AddFile(dir_.path() + "/old_sdk.so");
  ASSERT_THAT(registry.errors(), IsEmpty());
  config::Diagnostics diagnostics;
  graph::CheckDeployment(*deployment, registry, deployment->target, diagnostics);
  const graph::Graph graph = graph::BuildGraph(*deployment, registry, diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.ToStatus();
  EXPECT_THAT(diagnostics.warnings(), IsEmpty());
  ASSERT_THAT(graph.edges(), SizeIs(1));
  EXPECT_EQ(graph.edges()[0].origins, graph::kExplicit);
  // 0.8's report_file: an old plugin reports no files; its components still graph.
  EXPECT_TRUE(graph.files(0).empty());
  EXPECT_TRUE(graph.files(1).empty());
}

TEST_F(SdkOldPluginTest, ValidateStillRuns) {
  RecordingCallContext context;
  EXPECT_EQ(plugin_->Validate(context, Component("legacy", "old-sdk")), GANTRY_STATUS_OK);
  ASSERT_THAT(context.logs(), SizeIs(1));
  EXPECT_EQ(context.logs()[0].first, GANTRY_LOG_INFO);
  EXPECT_EQ(context.logs()[0].second, "old-sdk validate");
}

}  // namespace
}  // namespace gantry::plugin
