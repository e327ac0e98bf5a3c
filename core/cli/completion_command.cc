#include "core/cli/completion_command.h"

#include <filesystem>
#include <system_error>

#include "core/cli/completion_scripts.h"
#include "core/cli/completion_spec.h"
#include "core/cli/exit_codes.h"
#include "core/config/config_loader.h"

namespace gantry::cli {
namespace {

void PrintComponentNames(const std::string& config_file, std::ostream& out) {
  std::string path = config_file;
  if (path.empty()) {
    std::error_code ec;
    const std::filesystem::path here = std::filesystem::current_path(ec);
    if (ec) return;
    absl::StatusOr<std::string> found = config::FindConfigFile(here.string());
    if (!found.ok()) return;
    path = *found;
  }
  // No target: targets overlay components' settings, they add no component.
  absl::StatusOr<config::Deployment> deployment =
      config::LoadDeployment(path, "", /*keep_component_problems=*/true);
  if (!deployment.ok()) return;
  for (const config::ComponentConfig& component : deployment->components)
    out << component.name << "\n";
}

}  // namespace

void AddCompletionCommands(CLI::App& app, CompletionCommands& commands) {
  commands.completion = app.add_subcommand(
      "completion", "Print the shell completion script for bash, zsh or fish");
  commands.completion->add_option("SHELL", commands.shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  commands.complete = app.add_subcommand("__complete", "For completion scripts");
  commands.complete->group("");  // hidden: from help, from did-you-mean, from completion
  commands.complete->add_option("WHAT", commands.what, "components")
      ->required()
      ->check(CLI::IsMember({"components"}));
}

int RunCompletionCommand(const CLI::App& app, const CompletionCommands& commands,
                         const std::string& config_file, std::ostream& out) {
  if (commands.complete->parsed()) {
    PrintComponentNames(config_file, out);
    return kExitOk;
  }
  const CommandSpec spec = DescribeCommands(app);
  if (commands.shell == "bash") out << BashCompletionScript(spec);
  if (commands.shell == "zsh") out << ZshCompletionScript(spec);
  if (commands.shell == "fish") out << FishCompletionScript(spec);
  return kExitOk;
}

}  // namespace gantry::cli
