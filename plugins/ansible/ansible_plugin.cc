// The `ansible` component type: runs an Ansible playbook as a component, its set_stats
// data recorded as the component's outputs.
//
//   [components.web]
//   type = "ansible"
//   source = "ansible"                     # the directory holding the playbook
//   playbook = "site.yml"
//   hosts = ["${network/vm.ip}"]           # or inventory = "inventory/hosts.yml"
//   vars = { app_version = "1.4.2" }       # extra vars, from a 0600 file (-e @file)
//
// ansible-playbook runs through the host's spawn, so its output is labelled, logged and
// masked by the host; gantry's own callback (callback/gantry_result.py, built in) records
// what the plugin reads back.
#include <filesystem>
#include <optional>
#include <string>

#include "ansible_run.h"
#include "ansible_settings.h"
#include "gantry/plugin.hpp"
#include "kit/file_keys.h"
#include "kit/files.h"
#include "playbook_roles.h"
#include "recognize.h"
#include "validation.h"

namespace gantry::ansible {
namespace {

class AnsiblePlugin : public Plugin {
 public:
  static PluginInfo Info() {
    PluginInfo info{"ansible", "0.1.0",
                    "Runs Ansible playbooks: plan (--check --diff), apply, destroy",
                    {"ansible"}, {}, GANTRY_CAP_CONCURRENT};
    info.settings = DeclaredSettings();
    // info.outputs stays unset: a playbook's outputs are whatever its set_stats
    // publishes, known only once it ran (references to them are checked then).
    return info;
  }

  Status Validate(Call& call, const Component& component) override {
    std::vector<SettingProblem> problems;
    const AnsibleSettings settings = ParseSettings(component.settings_json, problems);
    for (const SettingProblem& problem : problems) call.Error(problem.setting, problem.message);
    const bool ok = CheckComponent(call, component, settings) && problems.empty();
    return ok ? Status::kOk : Status::kFailed;
  }

  Status Recognize(Call& call, const std::string& dir) override {
    return ansible::Recognize(call, dir);
  }

  Status Discover(Call& call, const Component& component) override {
    if (component.source_dir.empty()) return Status::kOk;
    std::vector<SettingProblem> problems;
    const AnsibleSettings settings = ParseSettings(component.settings_json, problems);
    // Files another component may write into this one's source: an inventory made by
    // terraform, most often.
    const std::string source(component.source_dir);
    const std::pair<const char*, const std::string*> files[] = {
        {"inventory", &settings.inventory},
        {"playbook", &settings.playbook},
        {"destroy_playbook", &settings.destroy_playbook}};
    for (const auto& [setting, path] : files) {
      if (path->empty()) continue;
      const std::string reason = std::string(setting) + " = \"" + *path + "\"";
      (void)call.NeedKey(kit::FileKey(source, *path), reason);
      // For `gantry affected`: an inventory or playbook outside the source counts too.
      (void)call.ReportFile(*path, reason);
    }
    ReportRoles(call, source, settings);
    return Status::kOk;
  }

  // The roles the playbooks use (roles: lists, include_role / import_role), found beside
  // the playbook or in the source's roles/: a change there is a change of the component.
  static void ReportRoles(Call& call, const std::string& source, const AnsibleSettings& settings) {
    for (const std::string* playbook : {&settings.playbook, &settings.destroy_playbook}) {
      if (playbook->empty()) continue;
      const std::filesystem::path file = std::filesystem::path(source) / *playbook;
      const std::optional<std::string> text = kit::ReadFile(file.string());
      if (!text) continue;  // validate says so
      for (const std::string& name : RoleNames(*text)) {
        const std::string dir = RoleDir(file.parent_path().string(), source, name);
        if (!dir.empty()) (void)call.ReportFile(dir, "role " + name + " (in " + *playbook + ")");
      }
    }
  }

  Status Execute(Call& call, const Component& component, std::string_view operation) override {
    std::vector<SettingProblem> problems;
    const AnsibleSettings settings = ParseSettings(component.settings_json, problems);
    for (const SettingProblem& problem : problems) call.Error(problem.setting, problem.message);
    if (!problems.empty()) return Status::kFailed;
    AnsibleRun run(call, component, settings);
    return run.Run(operation);
  }
};

}  // namespace
}  // namespace gantry::ansible

GANTRY_PLUGIN(gantry::ansible::AnsiblePlugin)
