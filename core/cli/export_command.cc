#include "core/cli/export_command.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/ci/github_workflow.h"
#include "core/ci/gitlab_pipeline.h"
#include "core/cli/affected_command.h"
#include "core/cli/checked_graph.h"
#include "core/cli/exit_codes.h"
#include "core/record/file_output.h"

namespace gantry::cli {
namespace {

namespace fs = std::filesystem;

constexpr char kWrittenBy[] = "# Written by `gantry export ";

// The directory holding `.git` at or above `dir`; nullopt when there is none.
std::optional<fs::path> RepositoryTop(fs::path dir) {
  std::error_code error;
  for (; !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", error)) return dir;
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

// Where jobs start (the deployment's directory from the repository's top), and -f when
// the deployment file is not gantry.toml there.
void PlaceJobs(const config::Deployment& deployment, ci::ExportOptions& options,
               std::ostream& err) {
  const fs::path root = fs::path(deployment.root_dir);
  std::optional<fs::path> top = RepositoryTop(root);
  if (!top) {
    err << "gantry: note: " << root.string()
        << " is not in a git repository; the jobs take it as the repository's top\n";
    top = root;
  }
  options.deployment_dir = root.lexically_relative(*top).lexically_normal().string();
  if (options.deployment_dir.empty()) options.deployment_dir = ".";
  const fs::path file(deployment.file);
  if (file.filename() != "gantry.toml" || file.parent_path() != root)
    options.config_file = file.lexically_relative(root).string();
}

// Replaces `path` only when it is missing, empty or an earlier export.
absl::Status WriteExport(const std::string& path, const std::string& text) {
  std::error_code error;
  if (fs::exists(path, error)) {
    std::ifstream in(path);
    std::string head(sizeof(kWrittenBy) - 1, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    if (!head.empty() && head != kWrittenBy)
      return absl::FailedPreconditionError(
          absl::StrCat("-o ", path,
                       ": the file exists and was not written by gantry export; move it "
                       "away or choose another file"));
  }
  return record::WriteFileAtomically(path, text, 0644);
}

}  // namespace

int RunExport(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
              ExportCommandOptions options, std::ostream& out, std::ostream& err) {
  std::optional<graph::Graph> graph = CheckAndBuildGraph(deployment, plugins, err);
  if (!graph) return kExitBadInput;
  // Its words go to `err`: stdout may be the pipeline.
  std::optional<int> unchanged =
      SelectChanged(deployment, *graph, options.changed_since,
                    /*resume_or_from_plan=*/false, options.selection, err, err);
  if (unchanged && *unchanged != kExitOk) return *unchanged;
  absl::StatusOr<std::vector<bool>> selected = unchanged ? std::vector<bool>(graph->size(), false)
                                                         : graph::Select(*graph, options.selection);
  if (!selected.ok()) {
    err << "gantry: " << selected.status().message() << "\n";
    return kExitBadInput;
  }
  PlaceJobs(deployment, options.pipeline, err);
  absl::StatusOr<ci::Pipeline> pipeline =
      ci::BuildPipeline(deployment, *graph, *std::move(selected), options.pipeline);
  if (!pipeline.ok()) {
    err << "gantry: " << pipeline.status().message() << "\n";
    return kExitBadInput;
  }
  if (unchanged) {
    pipeline->idle_reason = absl::StrCat("nothing changed since ", options.changed_since);
  } else if (pipeline->jobs.empty()) {
    err << "gantry: nothing selected: the pipeline would have no jobs\n";
    return kExitBadInput;
  }
  const bool github = options.engine == "github";
  const std::string text =
      github ? ci::GitHubWorkflow(*pipeline) : ci::GitLabPipeline(*pipeline, options.max_needs);
  for (const ci::PipelineJob& job : pipeline->jobs)
    if (job.for_outputs)
      err << "gantry: note: " << job.component
          << " is in the pipeline because a selected component reads its outputs\n";
  for (const std::string& note : pipeline->notes) err << "gantry: note: " << note << "\n";
  if (github && text.size() > ci::kGitHubMaxWorkflowBytes)
    err << "gantry: warning: the workflow is " << text.size() / 1024
        << " KB; GitHub does not start workflows over 500 KB: export fewer components per file\n";
  if (options.output_file.empty()) {
    out << text;
    return kExitOk;
  }
  if (absl::Status written = WriteExport(options.output_file, text); !written.ok()) {
    err << "gantry: " << written.message() << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace gantry::cli
