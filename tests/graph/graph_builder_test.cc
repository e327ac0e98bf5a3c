#include "core/graph/graph_builder.h"

#include <filesystem>
#include <memory>
#include <sstream>

#include "core/config/config_loader.h"
#include "core/graph/deployment_check.h"
#include "core/graph/graph_format.h"
#include "core/plugin/plugin_policy.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/temp_dir.h"

namespace gantry::graph {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class GraphBuilderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    plugins_ = new plugin::PluginRegistry();
    plugins_->AddFile(GANTRY_CUSTOM_PLUGIN);
    plugins_->AddFile(GANTRY_FINDER_PLUGIN);
    plugins_->AddFile(GANTRY_KEEPER_PLUGIN);
    plugins_->AddFile(GANTRY_TF_PLUGIN);
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

  // Checks the components and builds the graph, as `gantry validate` does.
  std::string Validate(const std::string& toml, Graph* graph_out = nullptr,
                       std::vector<std::string>* warnings = nullptr) {
    absl::StatusOr<config::Deployment> d = config::LoadDeployment(dir_.Write("gantry.toml", toml));
    EXPECT_TRUE(d.ok()) << d.status();
    if (!d.ok()) return "";
    config::Diagnostics diagnostics;
    CheckDeployment(*d, *plugins_, d->target, diagnostics);
    Graph g = BuildGraph(*d, *plugins_, diagnostics);
    if (graph_out != nullptr) *graph_out = std::move(g);
    if (warnings != nullptr) *warnings = diagnostics.warnings();
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

TEST_F(GraphBuilderTest, AnUnknownNameIsMatchedToComponentsEndingWithIt) {
  const std::string errors = Build(R"(
[components."network/vpc"]
type = "custom"
commands.apply = ["true"]
[components."legacy/vpc"]
type = "custom"
commands.apply = ["true"]
[components.app]
type = "custom"
commands.apply = ["true"]
depends_on = ["vpc", "zzz"]
)");
  EXPECT_THAT(errors, HasSubstr("depends on 'vpc', which is not defined (did you mean "
                                "'legacy/vpc' or 'network/vpc'?)"));
  EXPECT_THAT(errors, HasSubstr("depends on 'zzz', which is not defined\n"));
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

TEST_F(GraphBuilderTest, ReferencesInADeclaredSettingMakeEdgesNamingTheSetting) {
  Graph g;
  EXPECT_EQ(Validate(R"(
[components.app]
type = "keeper"
[components.web]
type = "keeper"
values = { endpoint = "${app.url}/v1", nested = "$${app.nope}" }
)", &g), "");
  ASSERT_EQ(g.in_edges(g.Find("web")).size(), 1u);
  const Edge& edge = g.edges()[g.in_edges(g.Find("web"))[0]];
  EXPECT_EQ(g.name(edge.dependency), "app");
  EXPECT_EQ(edge.origins, kReference);
  EXPECT_THAT(edge.reasons, ElementsAre("values.endpoint uses url"));
  ASSERT_TRUE(g.declared_outputs(g.Find("app")).has_value());
  EXPECT_EQ(plugin::OutputNames(*g.declared_outputs(g.Find("app"))),
            (std::vector<std::string>{"token", "url"}));
  EXPECT_TRUE((*g.declared_outputs(g.Find("app")))[0].sensitive);
}

TEST_F(GraphBuilderTest, OutputsDeclaredByDiscoverAreTheOnesAReferenceMayName) {
  dir_.Write("net/main.tf", "output \"vpc_id\" {\n}\noutput \"secret_key\" {\n}\n");
  Graph g;
  const std::string errors = Validate(R"(
[components.net]
type = "tf"
source = "net"
[components.app]
type = "custom"
commands.apply = ["true"]
[components.web]
type = "keeper"
vars = { ok = "${net.vpc_id}", free = "${app.whatever}" }
values = { bad = "${net.vpcid}", far = "${net.zone}" }
)", &g);
  EXPECT_EQ(errors, std::string(dir_ / "gantry.toml") +
                        ":11:18: error: component 'web' (keeper) references ${net.vpcid} in "
                        "values.bad: component 'net' (type tf) declares no output 'vpcid'; did "
                        "you mean 'vpc_id'? Its outputs: vpc_id, secret_key\n" +
                        std::string(dir_ / "gantry.toml") +
                        ":11:40: error: component 'web' (keeper) references ${net.zone} in "
                        "values.far: component 'net' (type tf) declares no output 'zone'; its "
                        "outputs: vpc_id, secret_key\n");
  const plugin::DeclaredOutputs& net = g.declared_outputs(g.Find("net"));
  ASSERT_TRUE(net.has_value());
  EXPECT_EQ(net->size(), 2u);
  EXPECT_TRUE((*net)[1].sensitive) << "tf declares secret_* sensitive";
  EXPECT_FALSE(g.declared_outputs(g.Find("app")).has_value()) << "custom declares none";
}

TEST_F(GraphBuilderTest, AReferenceShapeOutsideReferenceSettingsIsRefusedButShellSyntaxIsNot) {
  const std::string errors = Validate(R"(
[components.app]
type = "keeper"
[components.web]
type = "finder"
finds = ["${app.url}"]
[components.sh]
type = "custom"
shell = true
commands.apply = "echo ${HOME} ${PATH} $${app.url} ${A:-x.y}"
)");
  EXPECT_THAT(errors, HasSubstr(std::string(dir_ / "gantry.toml") +
                                ":6:9: error: component 'web' (finder): ${app.url} in finds[0]: "
                                "output references are allowed only in vars and in settings its "
                                "plugin declares as holding references (none for this type)"));
  EXPECT_THAT(errors, Not(HasSubstr("'sh'")));
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
  // Each step says where it came from: discovery, depends_on or a reference, at its line.
  EXPECT_THAT(errors, AllOf(HasSubstr("(each depends on the next): a -> b by its plugin's "
                                      "discovery (found in a.cfg); b -> c by depends_on at "),
                            HasSubstr("/gantry.toml:8:15; c -> a by the reference vars.X = "
                                      "${a.out} at "),
                            HasSubstr("/gantry.toml:12:14; remove one of these dependencies")));
  EXPECT_THAT(errors, AllOf(HasSubstr("self -> self by depends_on at "),
                            HasSubstr("/gantry.toml:16:15; remove")));
}

// The reasons of the edge dependency -> dependent, or nothing when there is no such edge.
std::vector<std::string> EdgeReasons(const Graph& g, const std::string& dependency,
                                     const std::string& dependent) {
  for (const int32_t e : g.in_edges(g.Find(dependent))) {
    const Edge& edge = g.edges()[e];
    if (g.name(edge.dependency) != dependency) continue;
    EXPECT_EQ(edge.origins, kDiscovered);
    return edge.reasons;
  }
  return {};
}

TEST_F(GraphBuilderTest, ANeededKeyMakesADiscoveredEdgeFromEachOtherProvider) {
  Graph g;
  EXPECT_EQ(Build(R"(
[components.app]
type = "finder"
needs = { "net.state:s3://b/net.tfstate" = "remote state net in app.cfg:3" }
[components.net]
type = "finder"
provides = ["net.state:s3://b/net.tfstate"]
[components.net-copy]
type = "finder"
provides = ["net.state:s3://b/net.tfstate", "other"]
[components.lone]
type = "finder"
provides = ["net.state:s3://b/NET.tfstate"]
)", &g), "");
  EXPECT_THAT(EdgeReasons(g, "net", "app"), ElementsAre("remote state net in app.cfg:3"));
  EXPECT_THAT(EdgeReasons(g, "net-copy", "app"), ElementsAre("remote state net in app.cfg:3"));
  // Keys match exactly: another case is another key.
  EXPECT_THAT(g.in_edges(g.Find("app")), ::testing::SizeIs(2));
  EXPECT_THAT(g.out_edges(g.Find("lone")), IsEmpty());
  std::ostringstream text;
  ASSERT_TRUE(WriteGraph(g, "text", text).ok());
  EXPECT_THAT(text.str(), HasSubstr("app (finder)\n  <- net [discovered]\n  <- net-copy [discovered]\n"));
}

TEST_F(GraphBuilderTest, ANeedNobodyElseProvidesAddsNothing) {
  Graph g;
  EXPECT_EQ(Build(R"(
[components.app]
type = "finder"
needs = { "bucket:outside" = "made by another team", "own" = "its own state", "blank" = "" }
provides = ["own"]
[components.other]
type = "finder"
provides = ["blank"]
)", &g), "");
  // "own" only app provides: no self-edge, no cycle. "blank" has no reason: a made-up one.
  EXPECT_THAT(EdgeReasons(g, "other", "app"), ElementsAre("needs 'blank'"));
  EXPECT_THAT(g.in_edges(g.Find("app")), ::testing::SizeIs(1));
  EXPECT_THAT(g.edges(), ::testing::SizeIs(1));
}

TEST_F(GraphBuilderTest, ACycleThroughKeysIsReportedWithTheirReasons) {
  const std::string errors = Build(R"(
[components.a]
type = "finder"
provides = ["ka"]
needs = { kb = "reads kb in a.cfg" }
[components.b]
type = "finder"
provides = ["kb"]
needs = { ka = "reads ka in b.cfg" }
)");
  EXPECT_THAT(errors, HasSubstr("dependency cycle: a -> b -> a (each depends on the next): "
                                "a -> b by its plugin's discovery (reads kb in a.cfg); "
                                "b -> a by its plugin's discovery (reads ka in b.cfg); remove"));
}

TEST_F(GraphBuilderTest, KeysFromValidateAreRefusedAsWarningsAndMakeNoEdge) {
  Graph g;
  std::vector<std::string> warnings;
  EXPECT_EQ(Validate(R"(
[components.early]
type = "finder"
provides = ["k"]
keys_in = "validate"
[components.user]
type = "finder"
needs = { k = "why" }
)", &g, &warnings), "");
  EXPECT_THAT(g.edges(), IsEmpty());
  EXPECT_THAT(warnings, ElementsAre(HasSubstr("component 'early' (finder): provide_key('k') "
                                              "outside discover is refused")));
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


// report_file (0.8) reaches the graph whether the plugin runs in gantry's process or in a
// plugin host: paths made absolute from the component's source dir, reasons kept.
class ReportedFilesTest : public ::testing::TestWithParam<plugin::Isolation> {};

INSTANTIATE_TEST_SUITE_P(Isolation, ReportedFilesTest,
                         ::testing::Values(plugin::Isolation::kInProcess,
                                           plugin::Isolation::kProcess),
                         [](const auto& info) {
                           return info.param == plugin::Isolation::kProcess ? "process"
                                                                            : "inprocess";
                         });

TEST_P(ReportedFilesTest, DiscoverReportsFilesKeptPerComponent) {
  plugin::PluginPolicy policy;
  policy.every = GetParam();
  const std::string plugin_dir = std::filesystem::path(GANTRY_FINDER_PLUGIN).parent_path();
  std::unique_ptr<plugin::PluginRegistry> registry = plugin::PluginRegistry::Load({plugin_dir}, policy);
  ASSERT_THAT(registry->errors(), IsEmpty());
  const plugin::LoadedPlugin* finder = registry->ForType("finder");
  ASSERT_NE(finder, nullptr);
  gantry::testing::TempDir dir;
  absl::StatusOr<config::Deployment> d = config::LoadDeployment(dir.Write("gantry.toml", R"(
[components.app]
type = "finder"
source = "app"
files = { "../modules/vpc" = "module ../modules/vpc", "/etc/abs.json" = "" }
[components.plain]
type = "finder"
)"));
  ASSERT_TRUE(d.ok()) << d.status();
  config::Diagnostics diagnostics;
  const Graph g = BuildGraph(*d, *registry, diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.ToStatus();
  const NodeId app = g.Find("app");
  ASSERT_EQ(g.files(app).size(), 2u);
  // In key order: the host hands settings over with sorted keys.
  EXPECT_EQ(g.files(app)[0].path, dir.path() + "/modules/vpc");
  EXPECT_EQ(g.files(app)[0].reason, "module ../modules/vpc");
  EXPECT_EQ(g.files(app)[1].path, "/etc/abs.json");
  EXPECT_EQ(g.files(app)[1].reason, "/etc/abs.json");
  EXPECT_TRUE(g.files(g.Find("plain")).empty());
}

}  // namespace
}  // namespace gantry::graph
