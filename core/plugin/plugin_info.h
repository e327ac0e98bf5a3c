// What a loaded plugin is and declares: everything the core reads of its descriptor
// besides the hooks. Plain data, so that a plugin host process can send it over its pipe.
#ifndef GANTRY_CORE_PLUGIN_PLUGIN_INFO_H_
#define GANTRY_CORE_PLUGIN_PLUGIN_INFO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/plugin/output_spec.h"
#include "core/plugin/setting_spec.h"
#include "gantry/plugin.h"

namespace gantry::plugin {

struct PluginInfo {
  std::string path;  ///< the library file, absolute
  std::string name;
  std::string version;
  std::string description;
  uint32_t abi_version = 0;
  uint32_t descriptor_size = 0;  ///< as the plugin was built (smaller = older SDK)
  uint64_t capabilities = 0;     ///< GANTRY_CAP_*
  std::vector<std::string> types;
  std::vector<std::string> operations;  ///< empty: plan/apply/destroy; {"*"}: any
  std::optional<std::vector<SettingSpec>> settings;  ///< nullopt: not declared
  DeclaredOutputs outputs;
  bool has_validate = false;
  bool has_discover = false;
  bool has_execute = false;
  bool has_check_saved_plan = false;
  bool has_recognize = false;
};

/// The info of a descriptor the loader accepted (read through the host's zero-filled
/// copy `descriptor`; `declared_size` is the plugin's own struct_size).
PluginInfo InfoOf(std::string path, const gantry_plugin& descriptor, uint32_t declared_size);

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_PLUGIN_INFO_H_
