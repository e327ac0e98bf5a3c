#include "command_line.h"

namespace gantry::ansible {
namespace {

// ssh's control socket path must fit in sun_path (108 bytes); ansible names it
// <dir>/<40 hex digits>. A deeper cache gets ansible's usual place (~/.ansible/cp): an
// ssh that cannot make its socket fails every connection.
constexpr std::size_t kMaxControlDirLength = 60;

// Where ansible looks for callbacks when nothing sets callback_plugins: kept when gantry
// sets ANSIBLE_CALLBACK_PLUGINS, which replaces the default.
constexpr const char* kDefaultCallbackPlugins =
    "~/.ansible/plugins/callback:/usr/share/ansible/plugins/callback";
// The same for collections and roles, which ANSIBLE_HOME would otherwise move: what a
// user installed with ansible-galaxy stays found.
constexpr const char* kDefaultCollectionsPath = "~/.ansible/collections:/usr/share/ansible/collections";
constexpr const char* kDefaultRolesPath = "~/.ansible/roles:/usr/share/ansible/roles:/etc/ansible/roles";

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
  auto unset = [&](const char* name) {
    return settings.env.count(name) == 0 && !invoking_env(name).has_value();
  };
  std::map<std::string, std::string> env{
      {color ? "ANSIBLE_FORCE_COLOR" : "ANSIBLE_NOCOLOR", "1"},
      {"ANSIBLE_RETRY_FILES_ENABLED", "0"},
      {kResultFileVariable, paths.result_file},
  };
  // Where ansible writes on this machine, unless the user named a place.
  if (unset("ANSIBLE_LOCAL_TEMP")) env["ANSIBLE_LOCAL_TEMP"] = paths.local_tmp;
  if (!paths.cache_dir.empty() && unset("ANSIBLE_SSH_CONTROL_PATH_DIR"))
    env["ANSIBLE_SSH_CONTROL_PATH_DIR"] = paths.cache_dir.size() + 3 <= kMaxControlDirLength
                                              ? paths.cache_dir + "/cp"
                                              : "~/.ansible/cp";
  if (!paths.cache_dir.empty() && unset("ANSIBLE_PERSISTENT_CONTROL_PATH_DIR"))
    env["ANSIBLE_PERSISTENT_CONTROL_PATH_DIR"] =
        paths.cache_dir.size() + 3 <= kMaxControlDirLength ? paths.cache_dir + "/pc"
                                                            : "~/.ansible/pc";
  // A home the user chose (environment or ansible.cfg) is theirs to keep.
  if (!paths.ansible_home.empty() && !config.sets_home && unset("ANSIBLE_HOME")) {
    env["ANSIBLE_HOME"] = paths.ansible_home;
    if (!config.sets_collections_path && unset("ANSIBLE_COLLECTIONS_PATH") &&
        unset("ANSIBLE_COLLECTIONS_PATHS"))
      env["ANSIBLE_COLLECTIONS_PATH"] = kDefaultCollectionsPath;
    if (!config.sets_roles_path && unset("ANSIBLE_ROLES_PATH"))
      env["ANSIBLE_ROLES_PATH"] = kDefaultRolesPath;
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
