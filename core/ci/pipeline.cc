#include "core/ci/pipeline.h"

#include <filesystem>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/cli/shell_quote.h"
#include "core/graph/graph_order.h"
#include "core/state/published_outputs.h"

namespace gantry::ci {
namespace {

namespace fs = std::filesystem;
using graph::NodeId;

bool IsPlainWord(const std::string& word) {
  if (word.empty()) return false;
  for (char c : word) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("_./:=@%+-,").find(c) != std::string_view::npos;
    if (!plain) return false;
  }
  return true;
}

std::string ShellWord(const std::string& word) {
  return IsPlainWord(word) ? word : cli::PosixQuoted(word);
}

// Repository-relative, without "./" pieces.
std::string FromTop(const std::string& deployment_dir, const fs::path& inside) {
  return (fs::path(deployment_dir) / inside).lexically_normal().string();
}

// What must run: the selection, plus (not for destroy) every producer whose outputs a
// job reads, transitively. Marks the added ones in `for_outputs`.
std::vector<bool> WithProducers(const graph::Graph& graph, std::vector<bool> run,
                                std::vector<bool>& for_outputs) {
  std::vector<NodeId> todo;
  for (NodeId n = 0; n < static_cast<NodeId>(graph.size()); ++n)
    if (run[n]) todo.push_back(n);
  while (!todo.empty()) {
    const NodeId n = todo.back();
    todo.pop_back();
    for (int32_t e : graph.in_edges(n)) {
      const graph::Edge& edge = graph.edges()[e];
      if ((edge.origins & graph::kReference) == 0 || run[edge.dependency]) continue;
      run[edge.dependency] = true;
      for_outputs[edge.dependency] = true;
      todo.push_back(edge.dependency);
    }
  }
  return run;
}

// What the engines cannot keep of the deployment's limits, and each node's cap-1 group.
void MapLimits(const config::Deployment& deployment, const graph::Graph& graph,
               const std::vector<NodeId>& order, Pipeline& pipeline) {
  std::set<std::string> said;
  for (size_t j = 0; j < order.size(); ++j) {
    const NodeId n = order[j];
    std::vector<std::string> groups{graph.type(n)};
    if (const config::ComponentConfig* c = deployment.Find(graph.name(n)); c && !c->group.empty())
      groups.push_back(c->group);
    for (const std::string& group : groups) {
      auto limit = deployment.limits.find(group);
      if (limit == deployment.limits.end()) continue;
      if (limit->second.max == 1) {
        std::string& exclusive = pipeline.jobs[j].exclusive_group;
        if (exclusive.empty()) {
          exclusive = group;
        } else if (said.insert(absl::StrCat(exclusive, "+", group)).second) {
          pipeline.notes.push_back(
              absl::StrCat(graph.name(n), " is in two groups capped at 1 (", exclusive, ", ", group,
                           "): a job has one resource group, so only ", exclusive, " is kept"));
        }
      } else if (said.insert(group).second) {
        pipeline.notes.push_back(absl::StrCat(
            "limit ", group, " = ", limit->second.max, limit->second.adaptive ? " (adaptive)" : "",
            " is not kept: CI engines cap jobs at 1 per resource group, not at N; its jobs "
            "run as the runners allow"));
      }
    }
  }
  if (deployment.max_concurrency.value_or(1) != 1)
    pipeline.notes.push_back(absl::StrCat(
        "max_concurrency = ", *deployment.max_concurrency,
        " is not kept: the engine runs every job whose needs are done, as its runners allow"));
}

}  // namespace

std::vector<std::string> JobCommandWords(const ExportOptions& options, const std::string& target,
                                         const std::string& component) {
  std::vector<std::string> words{options.gantry};
  if (!options.config_file.empty()) {
    words.push_back("-f");
    words.push_back(options.config_file);
  }
  for (const char* word : {options.operation.c_str(), "-t", target.c_str(), "--outputs-from",
                           options.outputs_dir.c_str(), "--outputs-to", options.outputs_dir.c_str(),
                           "--", component.c_str()})
    words.emplace_back(word);
  return words;
}

absl::StatusOr<Pipeline> BuildPipeline(const config::Deployment& deployment,
                                       const graph::Graph& graph, std::vector<bool> selected,
                                       const ExportOptions& options) {
  if (selected.empty()) selected.assign(graph.size(), true);
  const bool reverse = options.operation == "destroy";
  std::vector<bool> for_outputs(graph.size(), false);
  const std::vector<bool> run = reverse ? selected : WithProducers(graph, selected, for_outputs);
  const std::vector<NodeId> order = graph::DependencyOrder(graph, run, reverse);

  Pipeline pipeline;
  pipeline.operation = options.operation;
  pipeline.setup = options.setup;
  pipeline.runs_on = options.runs_on;
  pipeline.target = deployment.target;
  pipeline.outputs_dir = FromTop(options.deployment_dir, options.outputs_dir);
  std::vector<int> job_of(graph.size(), -1);
  std::set<std::string> outside;
  for (NodeId n : order) {
    job_of[n] = static_cast<int>(pipeline.jobs.size());
    PipelineJob job;
    job.component = graph.name(n);
    job.type = graph.type(n);
    job.for_outputs = for_outputs[n];
    for (NodeId m : reverse ? graph.Dependents(n) : graph.Dependencies(n)) {
      if (m == n) continue;
      if (job_of[m] >= 0)
        job.needs.push_back(static_cast<size_t>(job_of[m]));
      else
        outside.insert(graph.name(m));
    }
    std::vector<std::string> words;
    for (const std::string& word : JobCommandWords(options, deployment.target, job.component))
      words.push_back(ShellWord(word));
    job.command = absl::StrCat(options.deployment_dir == "."
                                   ? ""
                                   : absl::StrCat("cd ", ShellWord(options.deployment_dir), " && "),
                               absl::StrJoin(words, " "));
    job.outputs_file = FromTop(options.deployment_dir,
                               state::PublishedOutputsPath(options.outputs_dir, job.component));
    pipeline.jobs.push_back(std::move(job));
  }
  if (!outside.empty())
    pipeline.notes.push_back(absl::StrCat(
        reverse ? "components that depend on the selected ones are not in the pipeline and "
                  "are taken as destroyed already: "
                : "components the selected ones depend on are not in the pipeline and are "
                  "taken as applied already: ",
        absl::StrJoin(outside, ", ")));
  bool reads_outputs = false;
  for (const graph::Edge& edge : graph.edges())
    reads_outputs |= run[edge.dependent] && (edge.origins & graph::kReference) != 0;
  if (reverse && reads_outputs)
    pipeline.notes.push_back(absl::StrCat(
        "destroy jobs read the outputs their components reference from ", pipeline.outputs_dir,
        ", which no job of this pipeline publishes: put the last apply's there first (e.g. "
        "its artifacts), or a component whose settings reference outputs cannot be "
        "destroyed here"));
  MapLimits(deployment, graph, order, pipeline);
  return pipeline;
}

}  // namespace gantry::ci
