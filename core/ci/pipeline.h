// A deployment's graph as CI jobs: one job per component, running gantry for that one
// component, ordered by `needs`, outputs flowing as artifacts. Engine-neutral: the GitLab
// and GitHub writers (gitlab_pipeline.h, github_workflow.h) render it.
#ifndef GANTRY_CORE_CI_PIPELINE_H_
#define GANTRY_CORE_CI_PIPELINE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/config/deployment.h"
#include "core/graph/graph.h"

namespace gantry::ci {

struct ExportOptions {
  std::string operation = "apply";
  /// How a job runs gantry (a word or a path; put it on the runner's PATH, or pass one).
  std::string gantry = "gantry";
  /// The deployment's directory relative to the repository's top (jobs start there);
  /// "." when gantry.toml is at the top.
  std::string deployment_dir = ".";
  /// -f given to every job when the deployment file is not DIR/gantry.toml; else empty.
  std::string config_file;
  /// Where jobs exchange outputs, relative to the deployment's directory.
  std::string outputs_dir = ".gantry/ci/outputs";
  /// A shell command each job runs first (e.g. installing gantry); empty: none.
  std::string setup;
  /// GitHub: the runner label jobs run on.
  std::string runs_on = "ubuntu-latest";
};

struct PipelineJob {
  std::string component;
  std::string type;
  /// Jobs (indexes into Pipeline::jobs, all earlier) that must succeed first: the graph's
  /// edges, reversed for destroy.
  std::vector<size_t> needs;
  /// A group or type capped at 1 that this component is in: the engine keeps its jobs
  /// one at a time (GitLab resource_group). Empty: none.
  std::string exclusive_group;
  /// Not selected: added because a selected job reads its outputs.
  bool for_outputs = false;
  /// The job's shell command, from the repository's top.
  std::string command;
  /// Its outputs file, from the repository's top (what the job publishes).
  std::string outputs_file;
};

struct Pipeline {
  std::string operation;
  std::string setup;    ///< ExportOptions::setup
  std::string runs_on;  ///< ExportOptions::runs_on
  std::string target;
  std::string outputs_dir;        ///< from the repository's top
  std::vector<PipelineJob> jobs;  ///< in an order where every job comes after its needs
  /// What the engine cannot keep of the deployment (limits above 1, adaptive limits,
  /// max_concurrency, dependencies outside the selection), one sentence each.
  std::vector<std::string> notes;
  /// Why there are no jobs ("nothing changed since main"): the writers then give the
  /// pipeline one job that says so, since the engines refuse a pipeline without jobs.
  std::string idle_reason;
};

/// The pipeline for the components `selected` of `graph` (every node when empty). A
/// selected component that reads outputs of an unselected one pulls that one in
/// (transitively), except for destroy: its job must publish them. Whether the types know
/// the operation is for the jobs' own gantry to say.
absl::StatusOr<Pipeline> BuildPipeline(const config::Deployment& deployment,
                                       const graph::Graph& graph, std::vector<bool> selected,
                                       const ExportOptions& options);

/// The job's words on the command line: "gantry" "apply" ... "COMPONENT" (for engines
/// that take a list, and for tests).
std::vector<std::string> JobCommandWords(const ExportOptions& options, const std::string& target,
                                         const std::string& component);

}  // namespace gantry::ci

#endif  // GANTRY_CORE_CI_PIPELINE_H_
