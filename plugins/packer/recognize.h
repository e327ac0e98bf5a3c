// What `gantry init` is told of a directory: the packer templates in it.
#ifndef GANTRY_PLUGINS_PACKER_RECOGNIZE_H_
#define GANTRY_PLUGINS_PACKER_RECOGNIZE_H_

#include <string>
#include <vector>

#include "gantry/plugin.hpp"

namespace gantry::packer {

/// The components `dir` holds: one for its .pkr.hcl / .pkr.json files together (packer
/// builds the directory), and one per legacy JSON template (a .json file whose top level
/// has "builders"), with `template` set to it.
std::vector<Proposal> RecognizeTemplates(const std::string& dir);

/// The recognize hook: proposes what RecognizeTemplates finds.
Status Recognize(const Call& call, const std::string& dir);

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_RECOGNIZE_H_
