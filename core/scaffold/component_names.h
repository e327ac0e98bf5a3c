// The names `gantry init` gives the components it found.
#ifndef GANTRY_CORE_SCAFFOLD_COMPONENT_NAMES_H_
#define GANTRY_CORE_SCAFFOLD_COMPONENT_NAMES_H_

#include <string>
#include <vector>

#include "core/scaffold/recognize_tree.h"

namespace gantry::scaffold {

/// One name per proposal, in order, each unique and valid (config::CheckComponentName):
/// the plugin's name when it gave one, else the source's path under `root`
/// ("network/vpc"; the root itself is named after its directory). Characters a name
/// cannot hold become '-'. A name already taken gets "-<type>", then "-2", "-3"...
std::vector<std::string> NameComponents(const std::vector<Proposal>& proposals,
                                        const std::string& root);

}  // namespace gantry::scaffold

#endif  // GANTRY_CORE_SCAFFOLD_COMPONENT_NAMES_H_
