// The checks `gantry validate` runs on an ansible component beyond its settings' kinds:
// the files it names exist in the source, the program can be found.
#ifndef GANTRY_PLUGINS_ANSIBLE_VALIDATION_H_
#define GANTRY_PLUGINS_ANSIBLE_VALIDATION_H_

#include <string>

#include "ansible_settings.h"
#include "gantry/plugin.hpp"

namespace gantry::ansible {

/// A file of `dir` whose name is a typo or two away from `name`'s (same directory), for
/// "did you mean"; "" when none is.
std::string NearFileName(const std::string& dir, const std::string& name);

/// Reports every problem (errors and warnings); false when there was an error.
bool CheckComponent(const Call& call, const Component& component,
                    const AnsibleSettings& settings);

}  // namespace gantry::ansible

#endif  // GANTRY_PLUGINS_ANSIBLE_VALIDATION_H_
