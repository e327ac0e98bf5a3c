#include "core/cli/affected_command.h"

#include <algorithm>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "core/cli/checked_graph.h"
#include "core/cli/exit_codes.h"
#include "core/config/config_loader.h"
#include "nlohmann/json.hpp"

namespace gantry::cli {
namespace {

namespace fs = std::filesystem;

std::string Relative(const std::string& path, const std::string& top_dir) {
  return graph::IsUnder(path, top_dir) ? fs::path(path).lexically_relative(top_dir).string()
                                       : path;
}

void WriteJson(const graph::Graph& graph, const std::string& since, const ChangeReport& report,
               std::ostream& out) {
  nlohmann::ordered_json doc = {{"since", since},
                        {"components", nlohmann::ordered_json::array()},
                        {"removed", report.affected.removed},
                        {"changed_files", nlohmann::ordered_json::array()}};
  for (const graph::AffectedComponent& c : report.affected.components)
    doc["components"].push_back({{"name", graph.name(c.node)},
                                 {"type", graph.type(c.node)},
                                 {"reason", c.reason},
                                 {"direct", c.direct}});
  for (const std::string& file : report.git.files)
    doc["changed_files"].push_back(Relative(file, report.git.top_dir));
  out << doc.dump(2) << "\n";
}

void WriteText(const graph::Graph& graph, const std::string& since, const ChangeReport& report,
               std::ostream& out) {
  if (report.affected.components.empty() && report.affected.removed.empty()) {
    out << "nothing changed since " << since << "\n";
    return;
  }
  size_t width = 0;
  for (const graph::AffectedComponent& c : report.affected.components)
    width = std::max(width, graph.name(c.node).size());
  for (const std::string& name : report.affected.removed) width = std::max(width, name.size());
  for (const graph::AffectedComponent& c : report.affected.components) {
    const std::string& name = graph.name(c.node);
    out << name << std::string(width - name.size() + 2, ' ') << c.reason << "\n";
  }
  for (const std::string& name : report.affected.removed)
    out << name << std::string(width - name.size() + 2, ' ')
        << "removed (no longer in the deployment: nothing to run)\n";
}

}  // namespace

absl::StatusOr<ChangeReport> FindChanges(const config::Deployment& deployment,
                                         const graph::Graph& graph, const std::string& since) {
  ChangeReport report;
  absl::StatusOr<graph::GitChanges> git = graph::ChangedSince(deployment.root_dir, since);
  if (!git.ok()) return git.status();
  report.git = *std::move(git);
  const bool file_changed = std::any_of(
      deployment.files.begin(), deployment.files.end(), [&](const std::string& file) {
        return std::binary_search(report.git.files.begin(), report.git.files.end(), file);
      });
  std::optional<absl::StatusOr<config::Deployment>> before;
  if (file_changed) {
    const std::string& top = report.git.top_dir;
    before = config::LoadDeploymentWith(
        deployment.file, deployment.target, /*keep_component_problems=*/true,
        [&](const std::string& path) { return graph::FileAtRevision(top, since, path); });
  }
  graph::AffectedInputs inputs;
  inputs.changed = report.git.files;
  inputs.top_dir = report.git.top_dir;
  inputs.since = since;
  inputs.before = before ? &*before : nullptr;
  report.affected = graph::FindAffected(graph, deployment, inputs);
  return report;
}

int RunAffected(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
                const AffectedOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<graph::Graph> graph = CheckAndBuildGraph(deployment, plugins, err);
  if (!graph) return kExitBadInput;
  absl::StatusOr<ChangeReport> report = FindChanges(deployment, *graph, options.since);
  if (!report.ok()) {
    err << "gantry: affected --since " << options.since << ": " << report.status().message()
        << "\n";
    return kExitBadInput;
  }
  if (options.format == "json") WriteJson(*graph, options.since, *report, out);
  else WriteText(*graph, options.since, *report, out);
  return kExitOk;
}

std::optional<int> SelectChanged(const config::Deployment& deployment, const graph::Graph& graph,
                                 const std::string& since, bool resume_or_from_plan,
                                 graph::SelectionOptions& selection, std::ostream& out,
                                 std::ostream& err) {
  if (since.empty()) return std::nullopt;
  if (resume_or_from_plan) {
    err << "gantry: --changed-since chooses the components itself; give it or --resume / "
           "--from-plan, not both\n";
    return kExitBadInput;
  }
  absl::StatusOr<ChangeReport> report = FindChanges(deployment, graph, since);
  if (!report.ok()) {
    err << "gantry: --changed-since " << since << ": " << report.status().message() << "\n";
    return kExitBadInput;
  }
  if (report->affected.components.empty()) {
    out << "gantry: nothing changed since " << since << "\n";
    return kExitOk;
  }
  std::vector<std::string>& names = selection.changed.emplace();
  for (const graph::AffectedComponent& c : report->affected.components)
    names.push_back(graph.name(c.node));
  return std::nullopt;
}

CLI::App* AddAffectedCommand(CLI::App& app, AffectedOptions& options, GlobalOptions& global) {
  CLI::App* command = app.add_subcommand(
      "affected", "List the components changed since a git revision, and their dependents, "
                  "each with why");
  command->add_option("--since", options.since,
                      "The git revision to compare the working tree with (a commit, branch "
                      "or tag, e.g. HEAD~1 or origin/main)")
      ->type_name("REF")
      ->required();
  command->add_option("--target,-t", global.target, "Target (environment overlay)");
  command->add_option("--format", options.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  return command;
}

}  // namespace gantry::cli
