// The roles a playbook uses, read from its text without a YAML parser: the items of
// `roles:` lists and the `name` of include_role / import_role tasks, for `gantry
// affected` (a change in a role is a change of the component).
#ifndef GANTRY_PLUGINS_ANSIBLE_PLAYBOOK_ROLES_H_
#define GANTRY_PLUGINS_ANSIBLE_PLAYBOOK_ROLES_H_

#include <string>
#include <string_view>
#include <vector>

namespace gantry::ansible {

/// The role names or paths `playbook_text` refers to, in order, each once. Templated
/// names ("{{ role }}") are left out: only a run knows them.
std::vector<std::string> RoleNames(std::string_view playbook_text);

/// Where a role lives, as ansible looks first: a name with '/' (or starting with '.')
/// relative to the playbook's directory; otherwise `roles/NAME` beside the playbook,
/// then in `source_dir`. Empty when neither exists (a role installed elsewhere, from
/// Galaxy or roles_path, which is not the deployment's to watch).
std::string RoleDir(const std::string& playbook_dir, const std::string& source_dir,
                    const std::string& name);

}  // namespace gantry::ansible

#endif  // GANTRY_PLUGINS_ANSIBLE_PLAYBOOK_ROLES_H_
