// Loads one plugin file: permission check, Boost.DLL load, entry lookup, ABI negotiation.
#ifndef GANTRY_CORE_PLUGIN_PLUGIN_LOADER_H_
#define GANTRY_CORE_PLUGIN_PLUGIN_LOADER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "core/plugin/loaded_plugin.h"

namespace gantry::plugin {

/// The ABI versions this host speaks.
inline constexpr uint32_t kHostMinAbi = 1;
inline constexpr uint32_t kHostMaxAbi = GANTRY_ABI_VERSION;

/// Loads the plugin at `path` (made absolute). Refuses, with a message naming the file
/// and what to do: a file or directory writable by group or others; a file that is not
/// a loadable shared library; one without the entry symbol; an entry that returns NULL;
/// a descriptor whose ABI version the host does not speak; a malformed descriptor.
absl::StatusOr<std::unique_ptr<LoadedPlugin>> LoadPlugin(const std::string& path);

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_PLUGIN_LOADER_H_
