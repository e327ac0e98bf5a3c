// Turns one component's (target-merged) table into a ComponentConfig, checking the
// keys the core owns.
#ifndef GANTRY_CORE_CONFIG_COMPONENT_READER_H_
#define GANTRY_CORE_CONFIG_COMPONENT_READER_H_

#include <map>
#include <string>

#include "core/config/deployment.h"
#include "core/config/diagnostics.h"
#include "nlohmann/json.hpp"

namespace gantry::config {

/// A component's table as written, before any target overlay.
struct RawComponent {
  std::string name;
  SourceLocation location;                          ///< its table
  std::string dir;                                  ///< directory of its file
  nlohmann::json table = nlohmann::json::object();  ///< every key, as JSON
  std::map<std::string, SourceLocation> key_locations;
  std::vector<SourceLocation> depends_on_locations;
};

/// The keys the core owns; every other key is a setting for the component's plugin.
const std::vector<std::string>& CommonComponentKeys();

/// Reads `effective` (the raw table with the target's overlays merged in) into a
/// ComponentConfig. Problems go to `diagnostics` at the key's place in the file.
ComponentConfig ReadComponent(const RawComponent& raw, const nlohmann::json& effective,
                              Diagnostics& diagnostics);

}  // namespace gantry::config

#endif  // GANTRY_CORE_CONFIG_COMPONENT_READER_H_
