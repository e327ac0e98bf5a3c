// The ansible.cfg a run will use, found as ansible-playbook finds it, and the two
// settings of it gantry must extend rather than replace: an environment variable wins
// over ansible.cfg, so enabling gantry's callback through ANSIBLE_CALLBACKS_ENABLED and
// ANSIBLE_CALLBACK_PLUGINS has to carry the user's own values along.
#ifndef GANTRY_PLUGINS_ANSIBLE_ANSIBLE_CONFIG_H_
#define GANTRY_PLUGINS_ANSIBLE_ANSIBLE_CONFIG_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gantry::ansible {

/// `text` without leading and trailing blanks (space, tab, CR).
std::string_view Trim(std::string_view text);

/// Reads a variable of the environment ansible-playbook will get (the component's `env`,
/// then gantry's own environment); nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

struct ConfigFacts {
  /// The ansible.cfg that applies; "" for none.
  std::string path;
  /// It is the workspace's own ansible.cfg (from the source), which gantry names in
  /// ANSIBLE_CONFIG: ansible ignores one in a world-writable working directory.
  bool in_workspace = false;
  /// [defaults] callbacks_enabled (or the older callback_whitelist), as written.
  std::string callbacks_enabled;
  /// [defaults] callback_plugins, each relative entry made absolute from the file's
  /// directory, as ansible does.
  std::string callback_plugins;
  /// Whether [defaults] sets where collections and roles are found (then gantry leaves
  /// those paths to it).
  bool sets_collections_path = false;
  bool sets_roles_path = false;
  /// Whether [defaults] sets ANSIBLE_HOME's place (`home`).
  bool sets_home = false;
};

/// The `key = value` (or `key: value`) entries of `[section]` in INI text; comments
/// (`#`, `;`) and other sections skipped.
std::map<std::string, std::string> IniSection(std::string_view text, std::string_view section);

/// In ansible's order: ANSIBLE_CONFIG, ./ansible.cfg (the workspace), ~/.ansible.cfg,
/// /etc/ansible/ansible.cfg; the first that exists.
ConfigFacts FindConfig(const std::string& work_dir, const EnvLookup& env);

}  // namespace gantry::ansible

#endif  // GANTRY_PLUGINS_ANSIBLE_ANSIBLE_CONFIG_H_
