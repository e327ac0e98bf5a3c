// The ansible-playbook command line and environment of one run, as plain data: how
// ansible-playbook is invoked is decided here and tested without running it.
#ifndef GANTRY_PLUGINS_ANSIBLE_COMMAND_LINE_H_
#define GANTRY_PLUGINS_ANSIBLE_COMMAND_LINE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ansible_config.h"
#include "ansible_settings.h"

namespace gantry::ansible {

/// The callback gantry ships (callback/gantry_result.py), as ansible names it.
inline constexpr const char* kCallbackName = "gantry_result";
/// The variable naming the file the callback writes.
inline constexpr const char* kResultFileVariable = "GANTRY_ANSIBLE_RESULT";

/// Where one run's files are. Everything but the cache lives in the workspace.
struct RunPaths {
  /// The workspace (a copy of the source): ansible-playbook's working directory.
  std::string work_dir;
  /// -i: the user's inventory in the workspace, or the one gantry wrote.
  std::string inventory;
  /// -e @: the component's vars (mode 0600); "" when it has none.
  std::string vars_file;
  /// What the callback writes.
  std::string result_file;
  /// ANSIBLE_LOCAL_TEMP.
  std::string local_tmp;
  /// Where gantry's callback is installed.
  std::string callback_dir;
  /// The plugin's cache directory (ssh control sockets); "" for none.
  std::string cache_dir;
  /// ANSIBLE_HOME: ansible creates it on every start (~/.ansible otherwise).
  std::string ansible_home;
};

/// ansible-playbook for `operation` (plan: --check --diff) running `playbook` (relative
/// to the workspace): -i, -e @vars, --limit, --tags, --skip-tags, then args.playbook and
/// args.<operation>, the playbook last. Vars are never on it, only their file's path.
std::vector<std::string> PlaybookCommand(const AnsibleSettings& settings, const RunPaths& paths,
                                         std::string_view operation,
                                         const std::string& playbook);

/// ansible-playbook's environment: no colour (or forced colour when gantry's console is a
/// terminal), no retry files, temporary files in the workspace, ANSIBLE_HOME in the
/// cache (with the collections and roles of ~/.ansible still found), the callback
/// enabled alongside the user's own (from `env`, gantry's environment or ansible.cfg),
/// then the component's `env`, which wins.
std::map<std::string, std::string> Environment(const AnsibleSettings& settings,
                                               const RunPaths& paths, const ConfigFacts& config,
                                               bool color, const EnvLookup& invoking_env);

}  // namespace gantry::ansible

#endif  // GANTRY_PLUGINS_ANSIBLE_COMMAND_LINE_H_
