#include "core/ci/gitlab_pipeline.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "core/ci/export_header.h"
#include "core/ci/yaml_text.h"
#include "core/cli/shell_quote.h"

namespace gantry::ci {
namespace {

constexpr char kStage[] = "gantry";

struct GitLabJob {
  std::string name;
  std::vector<std::string> needs;      // job names
  std::vector<std::string> artifacts;  // files, from the repository's top
  std::string resource_group;
  std::string script;
};

std::string Render(const GitLabJob& job) {
  std::string out = absl::StrCat(YamlString(job.name), ":\n  stage: ", kStage, "\n  needs:");
  if (job.needs.empty()) absl::StrAppend(&out, " []");
  absl::StrAppend(&out, "\n");
  for (const std::string& need : job.needs)
    absl::StrAppend(&out, "    - job: ", YamlString(need), "\n      artifacts: true\n");
  if (!job.resource_group.empty())
    absl::StrAppend(&out, "  resource_group: ", YamlString(job.resource_group), "\n");
  absl::StrAppend(&out, "  script:\n    - ", YamlString(job.script), "\n");
  absl::StrAppend(&out, "  artifacts:\n    paths:\n");
  for (const std::string& file : job.artifacts)
    absl::StrAppend(&out, "      - ", YamlString(file), "\n");
  return out;
}

// A job needed, and the outputs files its artifacts hold.
struct Need {
  std::string job;
  std::vector<std::string> files;
};

// `needs`, at most `max_needs` of them: beyond that, aggregating jobs (added to
// `helpers`) that each need a share and pass their artifacts on; again, a level up, while
// there are too many of those.
std::vector<Need> BoundedNeeds(const std::string& job, std::vector<Need> needs, size_t max_needs,
                               std::vector<GitLabJob>& helpers, int level = 1) {
  if (needs.size() <= max_needs) return needs;
  const size_t parts = (needs.size() + max_needs - 1) / max_needs;
  std::vector<Need> aggregated;
  for (size_t p = 0; p < parts; ++p) {
    GitLabJob helper;
    helper.name =
        absl::StrCat("needs of ", job, " (", level > 1 ? absl::StrCat("level ", level, ", ") : "",
                     p + 1, "/", parts, ")");
    for (size_t i = p * needs.size() / parts; i < (p + 1) * needs.size() / parts; ++i) {
      helper.needs.push_back(needs[i].job);
      helper.artifacts.insert(helper.artifacts.end(), needs[i].files.begin(), needs[i].files.end());
    }
    helper.script = "echo passing on the outputs of the jobs it needs";
    aggregated.push_back({helper.name, helper.artifacts});
    helpers.push_back(std::move(helper));
  }
  return BoundedNeeds(job, std::move(aggregated), max_needs, helpers, level + 1);
}

}  // namespace

std::string GitLabPipeline(const Pipeline& pipeline, size_t max_needs) {
  std::string out = ExportHeader("gitlab", pipeline, "as a masked CI/CD variable");
  absl::StrAppend(&out, "stages:\n  - ", kStage, "\n");
  if (!pipeline.setup.empty())
    absl::StrAppend(&out, "default:\n  before_script:\n    - ", YamlString(pipeline.setup), "\n");
  if (pipeline.jobs.empty()) {
    absl::StrAppend(&out, "\n", YamlString(absl::StrCat("nothing to ", pipeline.operation)),
                    ":\n  stage: ", kStage, "\n  script:\n    - ",
                    YamlString(absl::StrCat("echo ", cli::PosixQuoted(pipeline.idle_reason))),
                    "\n");
    return out;
  }
  std::vector<std::string> names;
  for (const PipelineJob& job : pipeline.jobs)
    names.push_back(absl::StrCat(pipeline.operation, " ", job.component));
  for (size_t j = 0; j < pipeline.jobs.size(); ++j) {
    const PipelineJob& job = pipeline.jobs[j];
    std::vector<Need> needs;
    for (size_t n : job.needs) needs.push_back({names[n], {pipeline.jobs[n].outputs_file}});
    std::vector<GitLabJob> helpers;
    GitLabJob gitlab;
    gitlab.name = names[j];
    for (Need& need : BoundedNeeds(names[j], std::move(needs), max_needs, helpers))
      gitlab.needs.push_back(std::move(need.job));
    gitlab.artifacts = {job.outputs_file};
    if (!job.exclusive_group.empty())
      gitlab.resource_group = absl::StrCat("gantry-", pipeline.target, "-", job.exclusive_group);
    gitlab.script = job.command;
    for (const GitLabJob& helper : helpers) absl::StrAppend(&out, "\n", Render(helper));
    absl::StrAppend(&out, "\n", Render(gitlab));
  }
  return out;
}

}  // namespace gantry::ci
