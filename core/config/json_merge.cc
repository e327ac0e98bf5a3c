#include "core/config/json_merge.h"

namespace gantry::config {

void DeepMerge(nlohmann::json& base, const nlohmann::json& overlay) {
  if (!base.is_object() || !overlay.is_object()) {
    base = overlay;
    return;
  }
  for (const auto& [key, value] : overlay.items()) {
    auto it = base.find(key);
    if (it != base.end() && it->is_object() && value.is_object()) DeepMerge(*it, value);
    else base[key] = value;
  }
}

}  // namespace gantry::config
