// The settings a plugin declares (gantry_plugin.settings), copied out of the C structs
// and checked once, when the plugin is loaded.
#ifndef GANTRY_CORE_PLUGIN_SETTING_SPEC_H_
#define GANTRY_CORE_PLUGIN_SETTING_SPEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gantry/plugin.h"

namespace gantry::plugin {

/// One declared setting (mirrors gantry_setting).
struct SettingSpec {
  std::string name;
  uint32_t types = 0;       ///< GANTRY_SETTING_* kinds
  uint32_t item_types = 0;  ///< kinds of list items / table values; 0: any
  uint32_t flags = 0;       ///< GANTRY_SETTING_REQUIRED, _SENSITIVE, _REFERENCES
  std::string default_json;  ///< empty: no default
  std::vector<std::string> allowed;  ///< empty: any
  std::string description;

  bool required() const { return (flags & GANTRY_SETTING_REQUIRED) != 0; }
  bool sensitive() const { return (flags & GANTRY_SETTING_SENSITIVE) != 0; }
};

/// The plugin's declared settings; nullopt when it declares none (an older plugin, or
/// one that takes every key). A malformed declaration (no name, no or unknown kinds, a
/// common key, a duplicate, a default that is not JSON of a declared kind) is an error
/// naming the setting, so the plugin is refused at load rather than misjudging configs.
absl::StatusOr<std::optional<std::vector<SettingSpec>>> ReadSettingSpecs(const gantry_plugin& d);

/// "a string or a list", "an integer", ... for `types` (GANTRY_SETTING_* ORed).
std::string KindsText(uint32_t types);

/// Short form for tables: "string|list".
std::string KindsShort(uint32_t types);

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_SETTING_SPEC_H_
