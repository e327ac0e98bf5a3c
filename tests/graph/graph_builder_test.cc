#include "core/graph/graph_builder.h"

#include <sstream>

#include "core/config/config_loader.h"
#include "core/graph/deployment_check.h"
#include "core/graph/graph_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::graph {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class GraphBuilderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    plugins_ = new plugin::PluginRegistry();
    plugins_->AddFile(GANTRY_CUSTOM_PLUGIN);
    plugins_->AddFile(GANTRY_FINDER_PLUGIN);
    ASSERT_THAT(plugins_->errors(), IsEmpty());
  }
  static void TearDownTestSuite() { delete plugins_; }

  // Builds the graph of `toml`; returns the problems, one per line.
  std::string Build(const std::string& toml, Graph* graph_out = nullptr) {
    absl::StatusOr<config::Deployment> d = config::LoadDeployment(dir_.Write("gantry.toml", toml));
    EXPECT_TRUE(d.ok()) << d.status();
    if (!d.ok()) return "";
    config::Diagnostics diagnostics;
    Graph g = BuildGraph(*d, *plugins_, diagnostics);
    if (graph_out != nullptr) *graph_out = std::move(g);
    std::string all;
    for (const std::string& m : diagnostics.messages()) all += m + "\n";
    return all;
  }

  static plugin::PluginRegistry* plugins_;
  gantry::testing::TempDir dir_;
};
plugin::PluginRegistry* GraphBuilderTest::plugins_ = nullptr;

TEST_F(GraphBuilderTest, MergesEdgesFromAllThreeSourcesRememberingEach) {
  Graph g;
  EXPECT_EQ(Build(R"(
[components.vpc]
type = "custom"
commands.apply = ["true"]
[components.db]
type = "finder"
finds = ["vpc"]
[components.app]
type = "custom"
commands.apply = ["true"]
depends_on = ["db", "vpc"]
vars = { DB = "${db.host}", SUBNET = "${vpc.subnet}" }
)", &g), "");
  std::ostringstream text;
  ASSERT_TRUE(WriteGraph(g, "text", text).ok());
  EXPECT_EQ(text.str(),
            "app (custom)\n"
            "  <- db [explicit+reference]\n"
            "  <- vpc [explicit+reference]\n"
            "db (finder)\n"
            "  <- vpc [discovered]\n"
            "vpc (custom)\n");
  const Edge& discovered = g.edges()[g.in_edges(g.Find("db"))[0]];
  EXPECT_THAT(discovered.reasons, ElementsAre("found in db.cfg"));
}

TEST_F(GraphBuilderTest, UnknownDependenciesFromEverySourceAreReportedWithSuggestions) {
  const std::string errors = Build(R"(
[components.network]
type = "finder"
finds = ["netwrk"]
[components.app]
type = "custom"
commands.apply = ["true"]
depends_on = ["netwerk"]
vars = { X = "${ntwork.id}" }
)");
  EXPECT_THAT(errors, AllOf(HasSubstr("component 'app' depends on 'netwerk', which is not defined "
                                      "(did you mean 'network'?)"),
                            HasSubstr("vars.X = ${ntwork.id}: component 'ntwork', which is not defined"),
                            HasSubstr("found by plugin 'finder': found in network.cfg) depends on 'netwrk'")));
}

TEST_F(GraphBuilderTest, APluginWarningPointsAtTheSettingAndFailsNothing) {
  absl::StatusOr<config::Deployment> d = config::LoadDeployment(dir_.Write("gantry.toml", R"(
[components.a]
type = "finder"
old = true
)"));
  ASSERT_TRUE(d.ok()) << d.status();
  config::Diagnostics diagnostics;
  CheckDeployment(*d, *plugins_, d->target, diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.ToStatus();
  EXPECT_THAT(diagnostics.warnings(),
              ElementsAre(std::string(dir_ / "gantry.toml") +
                          ":4:7: warning: component 'a' (finder): 'old': is ignored since "
                          "finder 1.0; remove it"));
}

TEST_F(GraphBuilderTest, CyclesArePrintedAsFullPaths) {
  const std::string errors = Build(R"(
[components.a]
type = "finder"
finds = ["b"]
[components.b]
type = "custom"
commands.apply = ["true"]
depends_on = ["c"]
[components.c]
type = "custom"
commands.apply = ["true"]
vars = { X = "${a.out}" }
[components.self]
type = "custom"
commands.apply = ["true"]
depends_on = ["self"]
)");
  EXPECT_THAT(errors, AllOf(HasSubstr("dependency cycle: a -> b -> c -> a"),
                            HasSubstr("dependency cycle: self -> self")));
}

TEST_F(GraphBuilderTest, DotOutputIsValidForGraphviz) {
  Graph g;
  ASSERT_EQ(Build("[components.\"x/y\"]\ntype = \"custom\"\ncommands.apply = [\"true\"]\n"
                  "[components.z]\ntype = \"custom\"\ncommands.apply = [\"true\"]\ndepends_on = [\"x/y\"]\n",
                  &g),
            "");
  std::ostringstream dot;
  ASSERT_TRUE(WriteGraph(g, "dot", dot).ok());
  EXPECT_THAT(dot.str(), AllOf(HasSubstr("digraph gantry {"), HasSubstr("[label=\"x/y\\n(custom)\"]"),
                               HasSubstr("n0 -> n1 [label=\"explicit\", style=solid]")));
  // Graphviz is installed by .ci/setup; its `dot` must accept what we print.
  const std::string file = dir_.Write("g.dot", dot.str());
  EXPECT_EQ(std::system(("dot -Tsvg " + file + " -o " + file + ".svg").c_str()), 0);
}

}  // namespace
}  // namespace gantry::graph
