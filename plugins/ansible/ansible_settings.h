// The settings of an `ansible` component, parsed and checked.
#ifndef GANTRY_PLUGINS_ANSIBLE_ANSIBLE_SETTINGS_H_
#define GANTRY_PLUGINS_ANSIBLE_ANSIBLE_SETTINGS_H_

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gantry/plugin.hpp"
#include "kit/common_settings.h"

namespace gantry::ansible {

/// What `args.<command>` may name: "playbook" (every run) or one operation.
inline const std::vector<std::string_view> kArgCommands = {"playbook", "plan", "apply",
                                                           "destroy"};

/// ansible-playbook's grace between SIGINT and SIGKILL: time for the tasks in flight to
/// end and the recap to be written.
inline constexpr std::chrono::seconds kDefaultStopTimeout{60};

struct AnsibleSettings {
  /// "ansible-playbook" or a path.
  std::string binary = "ansible-playbook";
  /// The playbook apply and plan run, relative to the source.
  std::string playbook;
  /// The playbook destroy runs, relative to the source; "" for none.
  std::string destroy_playbook;
  /// An inventory file or directory in the source; "" when gantry writes one.
  std::string inventory;
  /// The hosts of the inventory gantry writes (after references were resolved); empty
  /// with no `inventory` means localhost.
  std::vector<std::string> hosts;
  /// Whether `hosts` was given (even as an empty list).
  bool has_hosts = false;
  /// --limit; "" for none.
  std::string limit;
  std::vector<std::string> tags;
  std::vector<std::string> skip_tags;
  /// Extra environment of ansible-playbook; wins over gantry's own variables.
  std::map<std::string, std::string> env;
  /// Extra arguments per kArgCommands entry.
  std::map<std::string, std::vector<std::string>> args;
  std::chrono::milliseconds stop_timeout = kDefaultStopTimeout;
};

using kit::SettingProblem;

/// The settings the plugin declares (the host checks kinds and unknown keys with them).
std::vector<Setting> DeclaredSettings();

/// Parses settings_json. Every problem is appended to `problems`; the result is usable
/// only when none was added. `hosts` entries still holding `${...}` (validate and
/// discover see the raw text) are kept as they are.
AnsibleSettings ParseSettings(std::string_view settings_json,
                              std::vector<SettingProblem>& problems);

}  // namespace gantry::ansible

#endif  // GANTRY_PLUGINS_ANSIBLE_ANSIBLE_SETTINGS_H_
