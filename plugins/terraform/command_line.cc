#include "command_line.h"

namespace gantry::terraform {

std::vector<std::string> CommandLine::Command(std::vector<std::string> words,
                                              const char* args_key, bool takes_color_flag,
                                              std::vector<std::string> positional) const {
  std::vector<std::string> argv{settings_.binary};
  argv.insert(argv.end(), words.begin(), words.end());
  if (takes_color_flag && !color_) argv.push_back("-no-color");
  if (const auto extra = settings_.args.find(args_key); extra != settings_.args.end())
    argv.insert(argv.end(), extra->second.begin(), extra->second.end());
  // Last: terraform stops reading options at the first positional argument.
  argv.insert(argv.end(), positional.begin(), positional.end());
  return argv;
}

std::vector<std::string> CommandLine::Init() const {
  return Command({"init", "-input=false"}, "init", true);
}

std::vector<std::string> CommandLine::WorkspaceSelectOrCreate() const {
  return Command({"workspace", "select", "-or-create"}, "workspace", true, {settings_.workspace});
}

std::vector<std::string> CommandLine::WorkspaceSelect() const {
  return Command({"workspace", "select"}, "workspace", true, {settings_.workspace});
}

std::vector<std::string> CommandLine::WorkspaceNew() const {
  return Command({"workspace", "new"}, "workspace", true, {settings_.workspace});
}

std::vector<std::string> CommandLine::Plan(const std::string& plan_file) const {
  return Command({"plan", "-input=false", "-out=" + plan_file, "-detailed-exitcode"}, "plan",
                 true);
}

std::vector<std::string> CommandLine::Apply() const {
  return Command({"apply", "-input=false", "-auto-approve"}, "apply", true);
}

std::vector<std::string> CommandLine::ApplySavedPlan(const std::string& plan_file) const {
  return Command({"apply", "-input=false"}, "apply", true, {plan_file});
}

std::vector<std::string> CommandLine::Destroy() const {
  return Command({"destroy", "-input=false", "-auto-approve"}, "destroy", true);
}

std::vector<std::string> CommandLine::OutputJson() const {
  return Command({"output", "-json"}, "output", false);
}

std::vector<std::string> CommandLine::ShowPlanJson(const std::string& plan_file) const {
  return Command({"show", "-json"}, "show", false, {plan_file});
}

std::map<std::string, std::string> CommandLine::Environment() const {
  std::map<std::string, std::string> env{
      {"TF_IN_AUTOMATION", "1"},
      {"TF_INPUT", "0"},
      {"TF_DATA_DIR", paths_.data_dir},
  };
  if (!paths_.plugin_cache_dir.empty()) env["TF_PLUGIN_CACHE_DIR"] = paths_.plugin_cache_dir;
  for (const auto& [name, value] : settings_.env) env[name] = value;
  return env;
}

}  // namespace gantry::terraform
