// The `terraform` component type: runs a Terraform (or OpenTofu) root module as
// automation, with its state outside the disposable workspace and its outputs recorded.
//
//   [components.network]
//   type = "terraform"
//   source = "infra/network"            # the root module
//   vars = { cidr = "10.0.0.0/16" }     # written to gantry.auto.tfvars.json
//   binary = "tofu"                     # default "terraform"
//   args.plan = ["-parallelism=4"]
//
// Plans are saved (GANTRY_CAP_SAVED_PLANS): `gantry apply --from-plan` applies the plan
// file `gantry plan` wrote, exactly, never planning again (saved_plan.h).
//
// Every terraform command runs through the host's spawn, so its output is labelled,
// logged and masked by the host.
#include <set>

#include "gantry/json.hpp"
#include "gantry/plugin.hpp"
#include "kit/program.h"
#include "module_facts.h"
#include "recognize.h"
#include "saved_plan.h"
#include "state_keys.h"
#include "terraform_run.h"
#include "terraform_settings.h"
#include "validation.h"

namespace gantry::terraform {
namespace {

class TerraformPlugin : public Plugin {
 public:
  static PluginInfo Info() {
    PluginInfo info{"terraform", "0.1.0",
                    "Runs Terraform or OpenTofu root modules: plan, apply, destroy",
                    {"terraform"}, {}, GANTRY_CAP_CONCURRENT | GANTRY_CAP_SAVED_PLANS};
    info.settings = DeclaredSettings();
    // Declared: each module's own, from its output blocks (Discover).
    info.outputs = std::vector<Output>{};
    return info;
  }

  Status Validate(Call& call, const Component& component) override {
    std::vector<SettingProblem> problems;
    const TerraformSettings settings =
        ParseSettings(component.settings_json, component.target, problems);
    for (const SettingProblem& problem : problems) call.Error(problem.setting, problem.message);
    const ModuleFacts facts = component.source_dir.empty()
                                  ? ModuleFacts{}
                                  : ReadModuleFacts(ModuleDir(component.source_dir, settings));
    const bool ok = CheckComponent(call, component, settings, facts) && problems.empty();
    return ok ? Status::kOk : Status::kFailed;
  }

  Status Discover(Call& call, const Component& component) override {
    if (component.source_dir.empty()) return Status::kOk;
    std::vector<SettingProblem> problems;
    const TerraformSettings settings =
        ParseSettings(component.settings_json, component.target, problems);
    const ModuleFacts facts = ReadModuleFacts(ModuleDir(component.source_dir, settings));
    for (const ModuleOutput& output : facts.outputs)
      (void)call.DeclareOutput(output.name, output.sensitive, output.description);
    // For `gantry affected`: a change in a local module is a change of this root.
    for (const LocalModuleDir& module :
         LocalModuleDirs(ModuleDir(component.source_dir, settings), facts))
      (void)call.ReportFile(module.dir, module.reason);
    const KeyContext context = ContextOf(component, settings);
    if (std::optional<std::string> key = ProvidedKey(facts, context)) (void)call.ProvideKey(*key);
    for (const RemoteStateUse& use : facts.remote_states) {
      std::string why_not;
      const std::string reason = "terraform_remote_state." + use.name + " in " + use.where;
      if (std::optional<std::string> key = NeededKey(use, context, why_not))
        (void)call.NeedKey(*key, reason);
      else
        call.Log(GANTRY_LOG_INFO, reason + ": cannot tell which component writes that state (" +
                                      why_not + "); add depends_on if one does");
    }
    return Status::kOk;
  }

  Status Execute(Call& call, const Component& component, std::string_view operation) override {
    std::vector<SettingProblem> problems;
    TerraformSettings settings = ParseSettings(component.settings_json, component.target, problems);
    for (const SettingProblem& problem : problems) call.Error(problem.setting, problem.message);
    if (!problems.empty()) return Status::kFailed;
    settings.binary = kit::ProgramPath(settings.binary, component.project_dir);
    const ModuleFacts facts = ReadModuleFacts(ModuleDir(component.work_dir, settings));
    if (!CheckStateNotInSources(call, component, settings, facts)) return Status::kFailed;
    TerraformRun run(call, component, settings, facts.has_backend);
    return run.Run(operation);
  }

  Status CheckSavedPlan(Call& call, const Component& component) override {
    return terraform::CheckSavedPlan(call, component);
  }

  Status Recognize(Call& call, const std::string& dir) override {
    return terraform::Recognize(call, dir);
  }

 private:
  static KeyContext ContextOf(const Component& component, const TerraformSettings& settings) {
    KeyContext context;
    context.project_dir = std::string(component.project_dir);
    context.component = std::string(component.name);
    context.state_dir = std::string(component.state_dir);
    context.workspace = settings.workspace;
    try {
      const json::Value vars = json::Parse(component.vars_json);
      if (vars.is_object())
        for (const auto& [name, value] : vars.as_object())
          if (value.is_string() && value.as_string().find("${") == std::string::npos)
            context.string_vars[name] = value.as_string();
    } catch (const json::ParseError&) {
    }
    return context;
  }
};

}  // namespace
}  // namespace gantry::terraform

GANTRY_PLUGIN(gantry::terraform::TerraformPlugin)
