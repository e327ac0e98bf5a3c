#include "command_line.h"

namespace gantry::ansible {
namespace {

// ssh's control socket path must fit in sun_path (108 bytes); ansible names it
// <dir>/<40 hex digits>. A deeper cache keeps ansible's default (~/.ansible/cp).
constexpr std::size_t kMaxControlDirLength = 60;

// Where ansible looks for callbacks when nothing sets callback_plugins: kept when gantry
// sets ANSIBLE_CALLBACK_PLUGINS, which replaces the default.
constexpr const char* kDefaultCallbackPlugins =
    "~/.ansible/plugins/callback:/usr/share/ansible/plugins/callback";

}  // namespace

std::vector<std::string> PlaybookCommand(const AnsibleSettings& settings, const RunPaths& paths,
                                         std::string_view operation,
                                         const std::string& playbook) {
  std::vector<std::string> argv{settings.binary, "-i", paths.inventory};
  if (!paths.vars_file.empty()) argv.insert(argv.end(), {"-e", "@" + paths.vars_file});
  if (!settings.limit.empty()) argv.insert(argv.end(), {"--limit", settings.limit});
  for (const std::string& tag : settings.tags) argv.insert(argv.end(), {"--tags", tag});
  for (const std::string& tag : settings.skip_tags) argv.insert(argv.end(), {"--skip-tags", tag});
  if (operation == "plan") argv.insert(argv.end(), {"--check", "--diff"});
  for (const std::string& key : {std::string("playbook"), std::string(operation)})
    if (const auto extra = settings.args.find(key); extra != settings.args.end())
      argv.insert(argv.end(), extra->second.begin(), extra->second.end());
  argv.push_back(playbook);
  return argv;
}

std::map<std::string, std::string> Environment(const AnsibleSettings& settings,
                                               const RunPaths& paths, const ConfigFacts& config,
                                               bool color, const EnvLookup& invoking_env) {
  std::map<std::string, std::string> env{
      {color ? "ANSIBLE_FORCE_COLOR" : "ANSIBLE_NOCOLOR", "1"},
      {"ANSIBLE_RETRY_FILES_ENABLED", "0"},
      {"ANSIBLE_LOCAL_TEMP", paths.local_tmp},
      {kResultFileVariable, paths.result_file},
  };
  if (!paths.cache_dir.empty() && paths.cache_dir.size() + 3 <= kMaxControlDirLength) {
    env["ANSIBLE_SSH_CONTROL_PATH_DIR"] = paths.cache_dir + "/cp";
    env["ANSIBLE_PERSISTENT_CONTROL_PATH_DIR"] = paths.cache_dir + "/pc";
  }
  // Named, so that it applies even when the workspace is world-writable (ansible then
  // ignores ./ansible.cfg).
  if (config.in_workspace) env["ANSIBLE_CONFIG"] = config.path;
  for (const auto& [name, value] : settings.env) env[name] = value;

  auto user_value = [&](const std::string& name, const std::string& from_config) {
    if (const auto own = settings.env.find(name); own != settings.env.end()) return own->second;
    if (std::optional<std::string> value = invoking_env(name)) return *value;
    return from_config;
  };
  std::string plugins = user_value("ANSIBLE_CALLBACK_PLUGINS", config.callback_plugins);
  if (plugins.empty()) plugins = kDefaultCallbackPlugins;
  env["ANSIBLE_CALLBACK_PLUGINS"] = paths.callback_dir + ":" + plugins;
  const std::string enabled = user_value("ANSIBLE_CALLBACKS_ENABLED", config.callbacks_enabled);
  env["ANSIBLE_CALLBACKS_ENABLED"] = enabled.empty() ? kCallbackName
                                                     : enabled + "," + kCallbackName;
  return env;
}

}  // namespace gantry::ansible
