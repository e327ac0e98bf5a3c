// Durations as gantry.toml writes them ("60s", "1m30s", "500ms").
#ifndef GANTRY_PLUGINS_KIT_DURATION_TEXT_H_
#define GANTRY_PLUGINS_KIT_DURATION_TEXT_H_

#include <chrono>
#include <optional>
#include <string_view>

namespace gantry::kit {

/// Parses one or more <digits><unit> parts, units ms, s, m, h, d, as the core's `timeout`
/// does. nullopt for anything else (empty text, a unit missing, an overflow).
std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text);

}  // namespace gantry::kit

#endif  // GANTRY_PLUGINS_KIT_DURATION_TEXT_H_
