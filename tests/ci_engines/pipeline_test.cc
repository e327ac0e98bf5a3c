// The engine-neutral pipeline and its GitLab and GitHub renderings, on hand-made graphs.
#include "core/ci/pipeline.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/ci/github_workflow.h"
#include "core/ci/gitlab_pipeline.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::ci {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// vpc -> db (reference) -> app (reference); vpc -> app (explicit); lint alone.
struct Shop {
  config::Deployment deployment;
  graph::Graph graph;
  Shop() {
    for (const char* name : {"app", "db", "lint", "vpc"}) {  // sorted, as the loader keeps them
      config::ComponentConfig c;
      c.name = name;
      c.type = std::string(name) == "lint" ? "custom" : "terraform";
      deployment.components.push_back(c);
    }
    for (const char* name : {"vpc", "db", "app", "lint"})
      graph.AddNode(name, deployment.Find(name)->type);
    graph.AddEdge(0, 1, graph::kReference, "vars.vpc_id");
    graph.AddEdge(1, 2, graph::kReference, "vars.db");
    graph.AddEdge(0, 2, graph::kExplicit);
  }
  std::vector<bool> Only(std::vector<std::string> names) const {
    std::vector<bool> selected(graph.size(), false);
    for (const std::string& name : names) selected[graph.Find(name)] = true;
    return selected;
  }
};

std::vector<std::string> Components(const Pipeline& pipeline) {
  std::vector<std::string> names;
  for (const PipelineJob& job : pipeline.jobs) names.push_back(job.component);
  return names;
}

std::vector<std::string> NeedsOf(const Pipeline& pipeline, const std::string& component) {
  std::vector<std::string> names;
  for (const PipelineJob& job : pipeline.jobs)
    if (job.component == component)
      for (size_t n : job.needs) names.push_back(pipeline.jobs[n].component);
  std::sort(names.begin(), names.end());
  return names;
}

TEST(PipelineTest, OneJobPerComponentAfterWhatItNeeds) {
  Shop shop;
  absl::StatusOr<Pipeline> pipeline = BuildPipeline(shop.deployment, shop.graph, {}, {});
  ASSERT_TRUE(pipeline.ok());
  EXPECT_THAT(Components(*pipeline), ElementsAre("vpc", "db", "app", "lint"));
  EXPECT_THAT(NeedsOf(*pipeline, "app"), ElementsAre("db", "vpc"));
  EXPECT_THAT(NeedsOf(*pipeline, "lint"), IsEmpty());
  EXPECT_EQ(pipeline->jobs[0].command,
            "gantry apply -t default --outputs-from .gantry/ci/outputs --outputs-to "
            ".gantry/ci/outputs -- vpc");
  EXPECT_EQ(pipeline->jobs[0].outputs_file, ".gantry/ci/outputs/vpc.json");
  EXPECT_THAT(pipeline->notes, IsEmpty());
}

TEST(PipelineTest, DestroyReversesTheNeeds) {
  Shop shop;
  ExportOptions options;
  options.operation = "destroy";
  absl::StatusOr<Pipeline> pipeline = BuildPipeline(shop.deployment, shop.graph, {}, options);
  ASSERT_TRUE(pipeline.ok());
  EXPECT_THAT(Components(*pipeline), ElementsAre("app", "db", "vpc", "lint"));
  EXPECT_THAT(NeedsOf(*pipeline, "vpc"), ElementsAre("app", "db"));
  EXPECT_THAT(NeedsOf(*pipeline, "app"), IsEmpty());
  EXPECT_THAT(pipeline->notes, ElementsAre(HasSubstr("destroy jobs read the outputs")));
}

TEST(PipelineTest, AProducerWhoseOutputsASelectedJobReadsIsPulledIn) {
  Shop shop;
  absl::StatusOr<Pipeline> pipeline =
      BuildPipeline(shop.deployment, shop.graph, shop.Only({"app"}), {});
  ASSERT_TRUE(pipeline.ok());
  // app reads db, db reads vpc: both publish; app's explicit need of vpc is kept.
  EXPECT_THAT(Components(*pipeline), ElementsAre("vpc", "db", "app"));
  EXPECT_TRUE(pipeline->jobs[0].for_outputs);
  EXPECT_FALSE(pipeline->jobs[2].for_outputs);
  EXPECT_THAT(pipeline->notes, IsEmpty());
}

TEST(PipelineTest, AnOrderOnlyDependencyOutsideIsTakenAsDone) {
  Shop shop;
  shop.graph = graph::Graph();
  for (const char* name : {"vpc", "app"}) shop.graph.AddNode(name, "terraform");
  shop.graph.AddEdge(0, 1, graph::kExplicit);
  absl::StatusOr<Pipeline> pipeline =
      BuildPipeline(shop.deployment, shop.graph, shop.Only({"app"}), {});
  ASSERT_TRUE(pipeline.ok());
  EXPECT_THAT(Components(*pipeline), ElementsAre("app"));
  EXPECT_THAT(pipeline->notes, ElementsAre(HasSubstr("taken as applied already: vpc")));
}

TEST(PipelineTest, JobsStartInTheDeploymentsDirectoryWithItsFile) {
  Shop shop;
  ExportOptions options;
  options.deployment_dir = "infra/live";
  options.config_file = "prod.toml";
  options.gantry = "/opt/gantry bin/gantry";
  absl::StatusOr<Pipeline> pipeline = BuildPipeline(shop.deployment, shop.graph, {}, options);
  ASSERT_TRUE(pipeline.ok());
  EXPECT_EQ(pipeline->jobs[0].command,
            "cd infra/live && '/opt/gantry bin/gantry' -f prod.toml apply -t default "
            "--outputs-from .gantry/ci/outputs --outputs-to .gantry/ci/outputs -- vpc");
  EXPECT_EQ(pipeline->outputs_dir, "infra/live/.gantry/ci/outputs");
  EXPECT_EQ(pipeline->jobs[0].outputs_file, "infra/live/.gantry/ci/outputs/vpc.json");
}

TEST(PipelineTest, GroupsCappedAtOneAreKeptOthersAreSaid) {
  Shop shop;
  shop.deployment.limits["terraform"].max = 1;
  shop.deployment.limits["custom"].max = 3;
  shop.deployment.max_concurrency = 4;
  absl::StatusOr<Pipeline> pipeline = BuildPipeline(shop.deployment, shop.graph, {}, {});
  ASSERT_TRUE(pipeline.ok());
  EXPECT_EQ(pipeline->jobs[0].exclusive_group, "terraform");
  EXPECT_EQ(pipeline->jobs[3].exclusive_group, "");
  EXPECT_THAT(pipeline->notes, ElementsAre(HasSubstr("limit custom = 3 is not kept"),
                                           HasSubstr("max_concurrency = 4 is not kept")));
  const std::string gitlab = GitLabPipeline(*pipeline);
  EXPECT_THAT(gitlab, HasSubstr("  resource_group: \"gantry-default-terraform\"\n"));
  EXPECT_THAT(gitlab, HasSubstr("#   - limit custom = 3 is not kept"));
}

// The job names each GitLab job of `yaml` needs, by job.
std::map<std::string, std::vector<std::string>> GitLabNeeds(const std::string& yaml) {
  std::map<std::string, std::vector<std::string>> needs;
  std::string job;
  for (absl::string_view line : absl::StrSplit(yaml, '\n')) {
    if (absl::StartsWith(line, "\"")) job = std::string(line.substr(1, line.size() - 3));
    if (absl::StartsWith(line, "    - job: \""))
      needs[job].push_back(std::string(line.substr(12, line.size() - 13)));
  }
  return needs;
}

TEST(GitLabPipelineTest, MoreNeedsThanGitLabAllowsGoThroughAggregatingJobs) {
  config::Deployment deployment;
  graph::Graph graph;
  const int kProducers = 120;
  for (int i = 0; i < kProducers; ++i) graph.AddNode(absl::StrCat("p", i), "custom");
  const graph::NodeId sink = graph.AddNode("sink", "custom");
  for (int i = 0; i < kProducers; ++i) graph.AddEdge(i, sink, graph::kReference);
  absl::StatusOr<Pipeline> pipeline = BuildPipeline(deployment, graph, {}, {});
  ASSERT_TRUE(pipeline.ok());
  for (size_t max_needs : {size_t{50}, size_t{4}}) {
    SCOPED_TRACE(max_needs);
    const std::string yaml = GitLabPipeline(*pipeline, max_needs);
    const auto needs = GitLabNeeds(yaml);
    // Every producer is reached from the sink, no job needs more than max_needs, and
    // each aggregating job carries its producers' outputs files on.
    std::vector<std::string> todo{"apply sink"}, reached;
    while (!todo.empty()) {
      const std::string job = todo.back();
      todo.pop_back();
      auto it = needs.find(job);
      if (it == needs.end()) {
        reached.push_back(job);
        continue;
      }
      EXPECT_LE(it->second.size(), max_needs) << job;
      todo.insert(todo.end(), it->second.begin(), it->second.end());
    }
    EXPECT_EQ(reached.size(), static_cast<size_t>(kProducers));
    EXPECT_THAT(yaml, HasSubstr("\"needs of apply sink (1/"));
    EXPECT_THAT(yaml, HasSubstr("      - \".gantry/ci/outputs/p119.json\"\n"));
  }
  EXPECT_THAT(GitLabPipeline(*pipeline, 4), HasSubstr("level 2"));
}

TEST(GitHubWorkflowTest, JobIdsAreValidAndDistinct) {
  config::Deployment deployment;
  graph::Graph graph;
  for (const char* name : {"net/vpc", "net-vpc", "1st", "a.b", "net_vpc"})
    graph.AddNode(name, "custom");
  absl::StatusOr<Pipeline> pipeline = BuildPipeline(deployment, graph, {}, {});
  ASSERT_TRUE(pipeline.ok());
  const std::string yaml = GitHubWorkflow(*pipeline);
  for (const char* id : {"  apply_net_vpc:\n", "  apply_net-vpc:\n", "  apply_1st:\n",
                         "  apply_a_b:\n", "  apply_net_vpc_2:\n"})
    EXPECT_THAT(yaml, HasSubstr(id));
  EXPECT_THAT(yaml, HasSubstr("name: \"apply net/vpc\""));
}

TEST(GitHubWorkflowTest, AGroupCappedAtOneBecomesAChainThatAFailureDoesNotStop) {
  Shop shop;
  shop.deployment.limits["terraform"].max = 1;
  absl::StatusOr<Pipeline> pipeline = BuildPipeline(shop.deployment, shop.graph, {}, {});
  ASSERT_TRUE(pipeline.ok());
  const std::string yaml = GitHubWorkflow(*pipeline);
  // vpc, db, app are all terraform: db already needs vpc, app needs db; lint is free.
  EXPECT_THAT(yaml, Not(HasSubstr("if:")));
  shop.graph = graph::Graph();
  for (const char* name : {"vpc", "db", "app", "lint"}) shop.graph.AddNode(name, "terraform");
  pipeline = BuildPipeline(shop.deployment, shop.graph, {}, {});
  ASSERT_TRUE(pipeline.ok());
  const std::string chained = GitHubWorkflow(*pipeline);
  EXPECT_THAT(chained, HasSubstr("  apply_db:\n    name: \"apply db\"\n    needs: [apply_vpc]\n"
                                 "    if: ${{ !cancelled() }}\n"));
  EXPECT_THAT(chained, HasSubstr("one after another"));
}

}  // namespace
}  // namespace gantry::ci
