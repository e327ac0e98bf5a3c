// What `gantry init` is told of a directory: the ansible playbooks in it.
#ifndef GANTRY_PLUGINS_ANSIBLE_RECOGNIZE_H_
#define GANTRY_PLUGINS_ANSIBLE_RECOGNIZE_H_

#include <string>
#include <string_view>
#include <vector>

#include "gantry/plugin.hpp"

namespace gantry::ansible {

/// Whether YAML text is a playbook: a list at the top level whose items are plays (a
/// `hosts` key) or imports of playbooks (`import_playbook`). Task files, vars files and
/// inventories are not. Read line by line, without a YAML parser: a heuristic that
/// prefers to miss an odd playbook over proposing a tasks file.
bool LooksLikePlaybook(std::string_view text);

/// The components `dir` holds: one per playbook, with `playbook` set; a playbook named
/// destroy, teardown or cleanup (.yml/.yaml) beside exactly one other becomes that one's
/// `destroy_playbook`; an inventory file of a usual name (inventory, inventory.ini,
/// inventory.yml, hosts, hosts.ini, hosts.yml, or a directory `inventory`) is set as
/// `inventory`.
std::vector<Proposal> RecognizePlaybooks(const std::string& dir);

/// The recognize hook: proposes what RecognizePlaybooks finds.
Status Recognize(const Call& call, const std::string& dir);

}  // namespace gantry::ansible

#endif  // GANTRY_PLUGINS_ANSIBLE_RECOGNIZE_H_
