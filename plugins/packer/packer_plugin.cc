// The `packer` component type: builds machine images with HashiCorp Packer from a
// template in the component's source, and records the artifacts of each build as the
// component's outputs.
//
//   [components.image]
//   type = "packer"
//   source = "images"                     # the template's directory (or a file in it)
//   template = "ubuntu.pkr.hcl"           # default: source itself
//   vars = { version = "${app.version}" } # written to a var file, never on argv
//   only = ["amazon-ebs.ubuntu"]
//
// plan runs `packer validate` and reports how many images a build would make; apply runs
// `packer build`; destroy has nothing to do (packer keeps no state). Every packer command
// runs through the host's spawn, so its output is labelled, logged and masked.
#include "build_outputs.h"
#include "discovery.h"
#include "gantry/plugin.hpp"
#include "kit/file_keys.h"
#include "kit/program.h"
#include "packer_run.h"
#include "packer_settings.h"
#include "recognize.h"
#include "template_facts.h"
#include "validation.h"

namespace gantry::packer {
namespace {

class PackerPlugin : public Plugin {
 public:
  static PluginInfo Info() {
    PluginInfo info{"packer", "0.1.0", "Builds machine images with Packer: plan validates, apply builds",
                    {"packer"}, {}, GANTRY_CAP_CONCURRENT};
    info.settings = DeclaredSettings();
    // Every build's; Discover adds the per-build ids and the manifests' custom_data keys.
    info.outputs = std::vector<Output>{
        {"artifact_id", false, "the artifact id of the first build (in template order)"},
        {"artifact_ids", false, "JSON object: each build's name -> its artifact id"},
    };
    return info;
  }

  Status Validate(Call& call, const Component& component) override {
    std::vector<SettingProblem> problems;
    const PackerSettings settings = ParseSettings(component.settings_json, problems);
    for (const SettingProblem& problem : problems) call.Error(problem.setting, problem.message);
    if (!problems.empty()) return Status::kFailed;
    const TemplatePlace place = component.source_dir.empty()
                                    ? TemplatePlace{}
                                    : PlaceTemplate(std::string(component.source_dir),
                                                    settings.template_path);
    const TemplateFacts facts = ReadTemplate(place);
    return CheckComponent(call, component, settings, place, facts) ? Status::kOk : Status::kFailed;
  }

  Status Recognize(Call& call, const std::string& dir) override {
    return packer::Recognize(call, dir);
  }

  Status Discover(Call& call, const Component& component) override {
    if (component.source_dir.empty()) return Status::kOk;
    std::vector<SettingProblem> problems;
    const PackerSettings settings = ParseSettings(component.settings_json, problems);
    if (!problems.empty()) return Status::kOk;  // validate says why
    const std::string source_dir(component.source_dir);
    const TemplatePlace place = PlaceTemplate(source_dir, settings.template_path);
    for (const NeededFile& need : NeededFiles(source_dir, settings, place)) {
      (void)call.NeedKey(need.key, need.reason);
      // The same files, for `gantry affected`: a var file outside the source counts.
      (void)call.ReportFile(need.path, need.reason);
    }
    if (!place.error.empty()) return Status::kOk;
    const TemplateFacts facts = ReadTemplate(place);
    const bool legacy = place.kind == TemplateKind::kLegacyJson;
    for (const std::string& build :
         SelectBuilds(facts.builds, settings.only, settings.except, legacy))
      (void)call.DeclareOutput(OutputKey(build) + "_artifact_id", false,
                               "the artifact id of build " + build);
    for (const std::string& key : facts.custom_data_keys)
      (void)call.DeclareOutput(OutputKey(key), false, "custom_data." + key + " of the manifest");
    if (!component.project_dir.empty()) {
      // Where packer will run: the same place inside a run's workspace.
      const std::string workspace = kit::WorkspaceStandIn(component.project_dir, component.name);
      const std::string run_dir = workspace + place.run_dir.substr(source_dir.size());
      for (const std::string& key : ProvidedManifestKeys(workspace, run_dir, facts))
        (void)call.ProvideKey(key);
    }
    return Status::kOk;
  }

  Status Execute(Call& call, const Component& component, std::string_view operation) override {
    if (operation == "destroy") {
      call.Out("packer keeps no state: there is nothing to destroy (the images it built are "
               "left as they are; delete them with your cloud's tools)\n");
      return Status::kOk;
    }
    if (operation != "plan" && operation != "apply") {
      call.Error("the packer type has no operation '" + std::string(operation) +
                 "'; it runs plan (packer validate), apply (packer build) and destroy (nothing)");
      return Status::kUnsupported;
    }
    std::vector<SettingProblem> problems;
    PackerSettings settings = ParseSettings(component.settings_json, problems);
    for (const SettingProblem& problem : problems) call.Error(problem.setting, problem.message);
    if (!problems.empty()) return Status::kFailed;
    settings.binary = kit::ProgramPath(settings.binary, component.project_dir);
    const TemplatePlace place = PlaceTemplate(std::string(component.work_dir), settings.template_path);
    if (!place.error.empty()) {
      call.Error(settings.template_path.empty() ? "" : "template", place.error);
      return Status::kFailed;
    }
    const TemplateFacts facts = ReadTemplate(place);
    PackerRun run(call, component, settings, place, facts);
    return run.Run(operation);
  }
};

}  // namespace
}  // namespace gantry::packer

GANTRY_PLUGIN(gantry::packer::PackerPlugin)
