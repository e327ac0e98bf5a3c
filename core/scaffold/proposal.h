// A component a plugin recognised for `gantry init`.
#ifndef GANTRY_CORE_SCAFFOLD_PROPOSAL_H_
#define GANTRY_CORE_SCAFFOLD_PROPOSAL_H_

#include <string>

#include "nlohmann/json.hpp"

namespace gantry::scaffold {

/// What gantry_host.propose_component gave, checked (see RecognizingContext).
struct Proposal {
  std::string plugin;
  std::string type;
  std::string source_dir;  ///< absolute, normalized, inside the directory recognised
  std::string name;        ///< as the plugin proposed it; empty: name it after source_dir
  nlohmann::json settings = nlohmann::json::object();
  std::string note;        ///< one line; may be empty
};

}  // namespace gantry::scaffold

#endif  // GANTRY_CORE_SCAFFOLD_PROPOSAL_H_
