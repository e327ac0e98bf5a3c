// The inventory gantry writes when a component names its hosts (`hosts = [...]`) or none
// at all: JSON, which ansible's yaml inventory plugin reads, so a host name needs no
// quoting whatever it holds.
#ifndef GANTRY_PLUGINS_ANSIBLE_INVENTORY_H_
#define GANTRY_PLUGINS_ANSIBLE_INVENTORY_H_

#include <string>
#include <string_view>
#include <vector>

namespace gantry::ansible {

/// Whether ansible reaches `host` on this machine: "localhost", "127.0.0.1", "::1".
bool IsThisMachine(std::string_view host);

/// The inventory of `hosts` (duplicates once, in order), or with none the implicit
/// localhost ansible would use (local connection, the playbook's own Python), as JSON.
/// Hosts on this machine get `ansible_remote_tmp = local_remote_tmp`, so their module
/// files stay in the workspace instead of ~/.ansible/tmp.
std::string InventoryJson(const std::vector<std::string>& hosts,
                          std::string_view local_remote_tmp);

}  // namespace gantry::ansible

#endif  // GANTRY_PLUGINS_ANSIBLE_INVENTORY_H_
