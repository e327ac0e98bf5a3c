// Deep merge of JSON documents, as target overlays are applied.
#ifndef GANTRY_CORE_CONFIG_JSON_MERGE_H_
#define GANTRY_CORE_CONFIG_JSON_MERGE_H_

#include "nlohmann/json.hpp"

namespace gantry::config {

/// Merges `overlay` into `base`: objects merge key by key, recursively; any other value
/// (string, number, array...) in the overlay replaces the base's.
void DeepMerge(nlohmann::json& base, const nlohmann::json& overlay);

}  // namespace gantry::config

#endif  // GANTRY_CORE_CONFIG_JSON_MERGE_H_
