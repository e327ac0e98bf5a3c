// The text of the gantry.toml `gantry init` writes.
#ifndef GANTRY_CORE_SCAFFOLD_STARTING_CONFIG_H_
#define GANTRY_CORE_SCAFFOLD_STARTING_CONFIG_H_

#include <string>
#include <vector>

#include "core/scaffold/discovered_edges.h"
#include "core/scaffold/recognize_tree.h"
#include "nlohmann/json.hpp"

namespace gantry::scaffold {

/// A header saying what the file is and what to do next, then one table per proposal
/// in order, named `names[i]`: a comment with the plugin's note and one per dependency
/// discovery found (`needs[i]`, kept as comments: discovery finds them on every run),
/// then type, source (relative to `root`, "." for the root itself) and the proposed
/// settings. Deterministic: the same input gives the same bytes.
std::string StartingConfig(const std::vector<Proposal>& proposals,
                           const std::vector<std::string>& names,
                           const std::vector<std::vector<FoundDependency>>& needs,
                           const std::string& root);

/// A TOML key: bare when it can be ([A-Za-z0-9_-]+), else a quoted string.
std::string TomlKey(const std::string& key);
/// A TOML value for a JSON one: strings, numbers, booleans, arrays, inline tables; null
/// (which TOML lacks) as "".
std::string TomlValue(const nlohmann::json& value);

}  // namespace gantry::scaffold

#endif  // GANTRY_CORE_SCAFFOLD_STARTING_CONFIG_H_
