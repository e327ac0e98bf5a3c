#include "terraform_settings.h"

#include "duration_text.h"
#include "gantry/settings.hpp"

namespace gantry::terraform {
namespace {

bool IsEnvName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

bool HasParentSegment(std::string_view path) {
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    if (path.substr(0, slash) == "..") return true;
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return false;
}

void ParseArgs(const Settings& settings, TerraformSettings& out,
               std::vector<SettingProblem>& problems) {
  const json::Value* args = settings.Get("args");
  if (args == nullptr || args->is_null()) return;
  if (!args->is_object()) {
    problems.push_back({"args", "args must be a table of argument lists, e.g. "
                                "args.plan = [\"-parallelism=4\"]"});
    return;
  }
  for (const auto& [command, value] : args->as_object()) {
    const std::string path = "args." + command;
    bool known = false;
    for (std::string_view name : kArgCommands) known = known || name == command;
    if (!known) {
      std::string message = path + ": terraform command '" + command + "' is not one gantry runs";
      if (const std::string near = DidYouMean(command, kArgCommands); !near.empty())
        message += "; did you mean 'args." + near + "'?";
      else
        message += "; args may be given for: init, plan, apply, destroy, output, show, workspace";
      problems.push_back({path, message});
      continue;
    }
    try {
      out.args[command] = settings.Strings(path);
    } catch (const SettingError& e) {
      problems.push_back({path, e.what()});
    }
  }
}

}  // namespace

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
  Settings settings;
  try {
    settings = Settings(settings_json);
  } catch (const std::exception& e) {
    problems.push_back({"", std::string("settings are not valid: ") + e.what()});
    return out;
  }
  auto guarded = [&](const char* path, auto read) {
    try {
      read();
    } catch (const SettingError& e) {
      problems.push_back({path, e.what()});
    }
  };
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
  guarded("env", [&] { out.env = settings.StringMap("env"); });
  for (const auto& [name, value] : out.env)
    if (!IsEnvName(name))
      problems.push_back({"env." + name, "env." + name + ": '" + name +
                                             "' is not an environment variable name (letters, "
                                             "digits and '_', not starting with a digit)"});
  ParseArgs(settings, out, problems);
  guarded("stop_timeout", [&] {
    if (!settings.Has("stop_timeout")) return;
    const std::string text = settings.String("stop_timeout");
    const auto duration = ParseDuration(text);
    if (!duration || duration->count() <= 0)
      problems.push_back({"stop_timeout", "stop_timeout '" + text +
                                              "' is not a duration: write e.g. \"90s\" or "
                                              "\"2m\" (units ms, s, m, h)"});
    else
      out.stop_timeout = *duration;
  });
  guarded("copy_lock_file", [&] { out.copy_lock_file = settings.Bool("copy_lock_file", true); });
  guarded("root", [&] { out.root = settings.String("root"); });
  while (out.root.size() > 1 && out.root.back() == '/') out.root.pop_back();
  if (out.root == ".") out.root.clear();
  if (!out.root.empty() && (out.root.front() == '/' || HasParentSegment(out.root)))
    problems.push_back({"root", "root '" + out.root +
                                    "' must be a directory inside source, written relative to "
                                    "it without '..' (e.g. root = \"vpc\")"});
  return out;
}

}  // namespace gantry::terraform
