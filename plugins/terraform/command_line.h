// The terraform command lines and environment the plugin runs, as plain data: everything
// about how terraform is invoked is decided here and tested without running it.
#ifndef GANTRY_PLUGINS_TERRAFORM_COMMAND_LINE_H_
#define GANTRY_PLUGINS_TERRAFORM_COMMAND_LINE_H_

#include <map>
#include <string>
#include <vector>

#include "terraform_settings.h"

namespace gantry::terraform {

/// Where terraform keeps what must outlive the workspace, for one component and target.
struct StatePaths {
  /// TF_DATA_DIR: the backend's record, installed modules and providers.
  std::string data_dir;
  /// TF_PLUGIN_CACHE_DIR: shared by every component; empty for none.
  std::string plugin_cache_dir;
};

/// The plan file `plan` writes and `show` reads, in the workspace, when the host keeps no
/// saved plan (Component::plan_dir empty).
inline constexpr const char* kPlanFile = "gantry.tfplan";
/// The vars file terraform loads by itself (*.auto.tfvars.json), in the workspace.
inline constexpr const char* kVarsFile = "gantry.auto.tfvars.json";

class CommandLine {
 public:
  CommandLine(const TerraformSettings& settings, StatePaths paths, bool color)
      : settings_(settings), paths_(std::move(paths)), color_(color) {}

  std::vector<std::string> Init() const;
  /// `workspace select -or-create NAME` (terraform >= 1.4).
  std::vector<std::string> WorkspaceSelectOrCreate() const;
  /// The fallback for older binaries: `workspace select NAME`, then `workspace new NAME`.
  std::vector<std::string> WorkspaceSelect() const;
  std::vector<std::string> WorkspaceNew() const;
  /// `plan -out=PLAN_FILE -detailed-exitcode`: exit 2 means changes, not failure.
  std::vector<std::string> Plan(const std::string& plan_file = kPlanFile) const;
  std::vector<std::string> Apply() const;
  /// `apply PLAN_FILE`: exactly what the saved plan says. No -auto-approve (a saved plan
  /// is applied without asking) and no -var: terraform refuses a value that differs from
  /// the plan's.
  std::vector<std::string> ApplySavedPlan(const std::string& plan_file) const;
  std::vector<std::string> Destroy() const;
  std::vector<std::string> OutputJson() const;
  std::vector<std::string> ShowPlanJson(const std::string& plan_file = kPlanFile) const;

  /// Variables of every command: automation mode, no prompts, the data and cache dirs,
  /// then the user's env (which wins).
  std::map<std::string, std::string> Environment() const;

 private:
  // binary, words, -no-color (when it applies and colour is off), args.<args_key>, then
  // the positional arguments.
  std::vector<std::string> Command(std::vector<std::string> words, const char* args_key,
                                   bool takes_color_flag,
                                   std::vector<std::string> positional = {}) const;

  const TerraformSettings& settings_;
  StatePaths paths_;
  bool color_;
};

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_COMMAND_LINE_H_
