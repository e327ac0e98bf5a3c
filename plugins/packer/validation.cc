#include "validation.h"

#include "kit/program.h"

namespace gantry::packer {

bool CheckComponent(const Call& call, const Component& component, const PackerSettings& settings,
                    const TemplatePlace& place, const TemplateFacts& facts) {
  if (component.source_dir.empty()) {
    call.Error("a packer component needs source = \"<directory of its template>\"");
    return false;
  }
  if (!place.error.empty()) {
    call.Error(settings.template_path.empty() ? "" : "template", place.error);
    return false;
  }
  bool ok = true;
  for (const std::string& problem : facts.problems)
    call.Warn("", "in the template: " + problem + " (gantry reads the template to count its "
                  "builds and find its manifest; packer will say more)");
  const bool legacy = place.kind == TemplateKind::kLegacyJson;
  if (facts.builds_known && facts.builds.empty()) {
    call.Error(settings.template_path.empty() ? "" : "template",
               legacy ? "the template " + place.run_dir + "/" + place.argument +
                            " has no builders: packer would build nothing"
                      : "the template in " + place.run_dir +
                            " has no build block with a source: packer would build nothing");
    ok = false;
  } else if (facts.builds_known &&
             SelectBuilds(facts.builds, settings.only, settings.except, legacy).empty()) {
    std::string names;
    for (const std::string& build : facts.builds) names += (names.empty() ? "" : ", ") + build;
    call.Warn(settings.only.empty() ? "except" : "only",
              std::string(settings.only.empty() ? "except" : "only") +
                  " leaves no build to run; the template's builds: " + names);
  }
  const std::string program = kit::ProgramPath(settings.binary, component.project_dir);
  if (!settings.binary.empty() && !kit::ProgramExists(program))
    call.Warn("binary", "'" + settings.binary + "' is not " +
                            (program.find('/') != std::string::npos ? "an executable file"
                                                                    : "found in PATH") +
                            ": install packer, or set binary to its path; the component "
                            "cannot run without it");
  return ok;
}

}  // namespace gantry::packer
