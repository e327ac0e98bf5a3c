#include "terraform_settings.h"

#include "gantry/settings.hpp"

namespace gantry::terraform {

std::string ModuleDir(std::string_view dir, const TerraformSettings& settings) {
  if (settings.root.empty()) return std::string(dir);
  return std::string(dir) + "/" + settings.root;
}

bool IsWorkspaceName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '_' || c == '-' || c == '.'))
      return false;
  return true;
}

std::vector<Setting> DeclaredSettings() {
  return {
      {"binary", GANTRY_SETTING_STRING, 0, 0, "\"terraform\"", {},
       "the program to run: \"terraform\", \"tofu\", or a path"},
      {"workspace", GANTRY_SETTING_STRING, 0, 0, "", {},
       "the terraform workspace (default: the target's name, \"default\" for the default target)"},
      {"env", GANTRY_SETTING_TABLE, GANTRY_SETTING_STRING, 0, "{}", {},
       "environment variables of every terraform command (env.TF_LOG = \"INFO\")"},
      {"args", GANTRY_SETTING_TABLE, GANTRY_SETTING_LIST | GANTRY_SETTING_STRING, 0, "{}", {},
       "extra arguments per command: init, plan, apply, destroy, output, show, workspace "
       "(args.plan = [\"-parallelism=4\"])"},
      {"stop_timeout", GANTRY_SETTING_STRING, 0, 0, "\"60s\"", {},
       "on Ctrl-C or a timeout terraform gets SIGINT, and SIGKILL this long after"},
      {"copy_lock_file", GANTRY_SETTING_BOOL, 0, 0, "true", {},
       "copy the .terraform.lock.hcl that init writes back beside the sources"},
      {"root", GANTRY_SETTING_STRING, 0, 0, "", {},
       "the root module's directory inside source (default: source itself)"},
  };
}

TerraformSettings ParseSettings(std::string_view settings_json, std::string_view target,
                                std::vector<SettingProblem>& problems) {
  TerraformSettings out;
  const std::size_t problems_before = problems.size();
  const Settings settings = kit::ParseSettingsJson(settings_json, problems);
  if (problems.size() != problems_before) return out;
  auto guarded = [&](const char* path, auto read) { kit::Guarded(problems, path, read); };
  guarded("binary", [&] { out.binary = settings.String("binary", "terraform"); });
  if (out.binary.empty())
    problems.push_back({"binary", "binary is empty: name a program (\"terraform\", \"tofu\") "
                                  "or give its path"});
  const std::string default_workspace = target.empty() ? "default" : std::string(target);
  guarded("workspace", [&] { out.workspace = settings.String("workspace", default_workspace); });
  if (!IsWorkspaceName(out.workspace)) {
    if (settings.Has("workspace"))
      problems.push_back({"workspace", "workspace '" + out.workspace +
                                           "' is not a name terraform accepts: use letters, "
                                           "digits, '-', '_' and '.'"});
    else
      problems.push_back({"", "the target name '" + out.workspace +
                                  "' is not a terraform workspace name (letters, digits, '-', "
                                  "'_' and '.'); set workspace = \"...\" for this component"});
  }
  out.env = kit::ReadEnv(settings, problems);
  out.args = kit::ReadArgs(settings, kArgCommands, "terraform", problems);
  out.stop_timeout = kit::ReadStopTimeout(settings, kDefaultStopTimeout, problems);
  guarded("copy_lock_file", [&] { out.copy_lock_file = settings.Bool("copy_lock_file", true); });
  out.root = kit::ReadInsidePath(settings, "root", "vpc", problems);
  return out;
}

}  // namespace gantry::terraform
