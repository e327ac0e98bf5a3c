// FindAffected on explicit inputs: no git, the deployment as it was given as text.
#include "core/graph/affected.h"

#include "core/config/config_loader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::graph {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kDeployment[] = R"(
[components."network/vpc"]
type = "custom"
source = "network"
size = 1
[components."network/vpc".targets.prod]
size = 3

[components.app]
type = "custom"
source = "app"
depends_on = ["network/vpc"]

[components.web]
type = "custom"
source = "web"
depends_on = ["app"]

[components.tools]
type = "custom"
source = "tools"
)";

class AffectedTest : public ::testing::Test {
 protected:
  // Loads `toml` as the deployment now, with `target`, and its graph: depends_on edges,
  // and app's reported module ../modules/vpc.
  void Load(const std::string& toml, const std::string& target = "") {
    absl::StatusOr<config::Deployment> d =
        config::LoadDeployment(dir_.Write("gantry.toml", toml), target);
    ASSERT_TRUE(d.ok()) << d.status();
    now_ = *std::move(d);
    graph_ = Graph();
    for (const config::ComponentConfig& c : now_.components) graph_.AddNode(c.name, c.type);
    for (const config::ComponentConfig& c : now_.components)
      for (const std::string& dep : c.depends_on)
        graph_.AddEdge(graph_.Find(dep), graph_.Find(c.name), kExplicit);
    if (const NodeId app = graph_.Find("app"); app >= 0)
      graph_.AddFile(app, {dir_ / "modules/vpc", "module ../modules/vpc"});
  }

  // The deployment as it was: `toml` read in place of gantry.toml.
  void Before(const std::string& toml) {
    before_ = config::LoadDeploymentWith(
        now_.file, now_.target, true,
        [toml](const std::string&) -> absl::StatusOr<std::string> { return toml; });
    inputs_.before = &before_;
  }

  // "name: reason" per selected component, in order; "*" marks a direct one.
  std::vector<std::string> Find(std::vector<std::string> changed) {
    inputs_.changed.clear();
    for (const std::string& path : changed) inputs_.changed.push_back(dir_ / path);
    inputs_.top_dir = dir_.path();
    inputs_.since = "HEAD~1";
    result_ = FindAffected(graph_, now_, inputs_);
    std::vector<std::string> out;
    for (const AffectedComponent& c : result_.components)
      out.push_back((c.direct ? "*" : "") + graph_.name(c.node) + ": " + c.reason);
    return out;
  }

  gantry::testing::TempDir dir_;
  config::Deployment now_;
  Graph graph_;
  absl::StatusOr<config::Deployment> before_ = absl::UnknownError("unset");
  AffectedInputs inputs_;
  AffectedSet result_;
};

TEST_F(AffectedTest, AChangedSourceSelectsItsComponentAndItsDependentsInGraphOrder) {
  Load(kDeployment);
  EXPECT_THAT(Find({"network/main.tf"}),
              ElementsAre("*network/vpc: source changed: network/main.tf",
                          "app: depends on network/vpc", "web: depends on app"));
  EXPECT_THAT(Find({"web/index.html", "tools/x.sh"}),
              ElementsAre("*tools: source changed: tools/x.sh",
                          "*web: source changed: web/index.html"));
}

TEST_F(AffectedTest, NothingChangedSelectsNothing) {
  Load(kDeployment);
  EXPECT_THAT(Find({}), IsEmpty());
  EXPECT_THAT(Find({"README.md", "networking/x.tf"}), IsEmpty()) << "a prefix is no directory";
  EXPECT_THAT(result_.removed, IsEmpty());
}

TEST_F(AffectedTest, AReportedModuleOutsideTheSourceSelectsItsUser) {
  Load(kDeployment);
  EXPECT_THAT(Find({"modules/vpc/main.tf"}),
              ElementsAre("*app: module ../modules/vpc changed: modules/vpc/main.tf",
                          "web: depends on app"));
  EXPECT_THAT(Find({"modules/vpc"}), ElementsAre(HasSubstr("*app: module"), "web: depends on app"));
  EXPECT_THAT(Find({"modules/vpc2/main.tf"}), IsEmpty());
}

TEST_F(AffectedTest, AChangedTableSelectsThatComponentOnly) {
  Load(kDeployment);
  std::string old = kDeployment;
  old.replace(old.find("size = 1"), 8, "size = 2");
  Before(old);
  EXPECT_THAT(Find({"gantry.toml"}),
              ElementsAre("*network/vpc: gantry.toml: its settings changed",
                          "app: depends on network/vpc", "web: depends on app"));
}

TEST_F(AffectedTest, AnOverlayCountsForTheChosenTargetOnly) {
  std::string old = kDeployment;
  old.replace(old.find("size = 3"), 8, "size = 4");
  Load(kDeployment);  // default target: prod's overlay is not part of it
  Before(old);
  EXPECT_THAT(Find({"gantry.toml"}), IsEmpty());
  Load(kDeployment, "prod");
  Before(old);
  EXPECT_THAT(Find({"gantry.toml"}),
              ElementsAre("*network/vpc: gantry.toml: its settings changed",
                          "app: depends on network/vpc", "web: depends on app"));
}

TEST_F(AffectedTest, GlobalSectionsSelectNothingByThemselves) {
  Load(std::string("[gantry]\nmax_concurrency = 4\n[limits]\ncustom = 2\n") + kDeployment);
  Before(kDeployment);
  EXPECT_THAT(Find({"gantry.toml"}), IsEmpty());
}

TEST_F(AffectedTest, AddedAndRemovedComponents) {
  Load(std::string(kDeployment) + "[components.extra]\ntype = \"custom\"\n");
  Before(std::string(kDeployment) + "[components.gone]\ntype = \"custom\"\n");
  EXPECT_THAT(Find({"gantry.toml"}), ElementsAre("*extra: gantry.toml: new since HEAD~1"));
  EXPECT_THAT(result_.removed, ElementsAre("gone"));
}

TEST_F(AffectedTest, AnUnreadableOldFileSelectsEveryComponentSayingWhy) {
  Load(kDeployment);
  Before("[components.app\ntype = ");
  const std::vector<std::string> found = Find({"gantry.toml"});
  ASSERT_EQ(found.size(), 4u);
  for (const std::string& line : found) {
    EXPECT_THAT(line, HasSubstr("gantry.toml at HEAD~1 could not be read, so every component "
                                "counts as changed (")) << line;
    EXPECT_EQ(line[0], '*') << line;
  }
  EXPECT_THAT(result_.removed, IsEmpty());
}

TEST_F(AffectedTest, TheDeploymentFileAndStateInsideASourceAreNoSourceChange) {
  Load("[components.root]\ntype = \"custom\"\nsource = \".\"\n");
  EXPECT_THAT(Find({"gantry.toml", ".gantry/state/x.json"}), IsEmpty());
  EXPECT_THAT(Find({"main.sh"}), ElementsAre("*root: source changed: main.sh"));
}

TEST(IsUnderTest, WholeSegmentsOnly) {
  EXPECT_TRUE(IsUnder("/a/b", "/a/b"));
  EXPECT_TRUE(IsUnder("/a/b/c", "/a/b"));
  EXPECT_FALSE(IsUnder("/a/bc", "/a/b"));
  EXPECT_FALSE(IsUnder("/a", "/a/b"));
  EXPECT_TRUE(IsUnder("/x", "/"));
  EXPECT_FALSE(IsUnder("/x", ""));
}

}  // namespace
}  // namespace gantry::graph
