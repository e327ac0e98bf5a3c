#include "validation.h"

#include <unistd.h>

#include <cstdlib>
#include <string_view>

#include "gantry/json.hpp"
#include "kit/files.h"
#include "kit/program.h"
#include "state_layout.h"

namespace gantry::terraform {
namespace {

std::string List(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

bool CheckVars(const Call& call, const Component& component, const ModuleFacts& facts) {
  json::Value vars;
  try {
    vars = json::Parse(component.vars_json);
  } catch (const json::ParseError&) {
    return true;  // the host checked vars; nothing more to say
  }
  if (!vars.is_object()) return true;
  const std::vector<std::string_view> known(facts.variables.begin(), facts.variables.end());
  bool ok = true;
  for (const auto& [name, value] : vars.as_object()) {
    bool declared = false;
    for (std::string_view variable : known) declared = declared || variable == name;
    if (declared) continue;
    std::string message = "vars." + name + ": the module in " + std::string(component.source_dir) +
                          " declares no variable '" + name + "'";
    if (const std::string near = DidYouMean(name, known); !near.empty())
      message += "; did you mean '" + near + "'?";
    message += facts.variables.empty() ? " (it declares none)"
                                       : " Its variables: " + List(facts.variables);
    call.Error("vars." + name, message);
    ok = false;
  }
  return ok;
}

}  // namespace

bool CheckComponent(const Call& call, const Component& component,
                    const TerraformSettings& settings, const ModuleFacts& facts) {
  if (component.source_dir.empty()) {
    call.Error("a terraform component needs source = \"<directory of its root module>\"");
    return false;
  }
  if (facts.files.empty()) {
    if (settings.root.empty())
      call.Error("source " + std::string(component.source_dir) +
                 " holds no .tf or .tf.json file; is it the root module's directory?");
    else
      call.Error("root", "root: " + ModuleDir(component.source_dir, settings) +
                             " holds no .tf or .tf.json file; is it the root module's directory?");
    return false;
  }
  for (const std::string& problem : facts.problems)
    call.Warn("", "in the module: " + problem + " (gantry reads the module to find its "
                  "outputs and remote states; terraform will say more)");
  bool ok = true;
  // Variables are known only when every file could be read whole.
  if (facts.problems.empty()) ok = CheckVars(call, component, facts);
  const std::string program = kit::ProgramPath(settings.binary, component.project_dir);
  if (!settings.binary.empty() && !kit::ProgramExists(program))
    call.Warn("binary", "'" + settings.binary + "' is not " +
                            (program.find('/') != std::string::npos ? "an executable file"
                                                                    : "found in PATH") +
                            ": install it, or set binary = \"tofu\" or a path; the component "
                            "cannot run without it");
  return ok;
}

bool CheckStateNotInSources(const Call& call, const Component& component,
                            const TerraformSettings& settings, const ModuleFacts& facts) {
  if (facts.has_backend) return true;
  const std::string stray = ModuleDir(component.work_dir, settings) + "/terraform.tfstate";
  const std::optional<std::string> content = kit::ReadFile(stray);
  if (!content || content->empty()) return true;
  const std::string kept = LocalStatePath(component.state_dir, "default");
  if (kit::ReadFile(kept)) {
    call.Log(GANTRY_LOG_WARN, "the sources hold a terraform.tfstate; it is ignored: this "
                              "component's state is " + kept);
    return true;
  }
  const std::string sources = ModuleDir(component.source_dir, settings);
  call.Error("the sources (" + sources +
             ") hold a terraform.tfstate, but gantry keeps this component's state in " + kept +
             ". Move it there before the first run, or terraform would create everything "
             "again: mkdir -p " + std::string(component.state_dir) + " && mv " + sources +
             "/terraform.tfstate " + kept);
  return false;
}

}  // namespace gantry::terraform
