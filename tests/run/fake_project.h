// Test double: a project in a temporary directory whose components all have type "fake",
// run by a function of the test's (fake_plugin.h): its registry, deployment and graph.
#ifndef GANTRY_TESTS_RUN_FAKE_PROJECT_H_
#define GANTRY_TESTS_RUN_FAKE_PROJECT_H_

#include <filesystem>
#include <string>
#include <utility>

#include "core/config/config_loader.h"
#include "core/graph/graph_builder.h"
#include "gtest/gtest.h"
#include "tests/run/fake_plugin.h"
#include "tests/testing/temp_dir.h"

namespace gantry::run {

struct FakeProject {
  /// Writes `toml` as `dir`'s gantry.toml, makes each component's source directory, and
  /// loads it (a failure fails the test).
  FakeProject(const testing::TempDir& dir, const std::string& toml, FakeExecute execute) {
    plugins.Adopt(MakeFakePlugin(std::move(execute)));
    absl::StatusOr<config::Deployment> loaded =
        config::LoadDeployment(dir.Write("gantry.toml", toml));
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    if (!loaded.ok()) return;
    deployment = *std::move(loaded);
    for (const config::ComponentConfig& c : deployment.components)
      std::filesystem::create_directories(std::filesystem::path(dir.path()) / c.source_dir);
    config::Diagnostics diagnostics;
    graph = graph::BuildGraph(deployment, plugins, diagnostics);
    EXPECT_TRUE(diagnostics.empty());
  }

  plugin::PluginRegistry plugins;
  config::Deployment deployment;
  graph::Graph graph;
};

}  // namespace gantry::run

#endif  // GANTRY_TESTS_RUN_FAKE_PROJECT_H_
