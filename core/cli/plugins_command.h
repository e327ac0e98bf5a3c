// `gantry plugins list` and `gantry plugins info NAME`.
#ifndef GANTRY_CORE_CLI_PLUGINS_COMMAND_H_
#define GANTRY_CORE_CLI_PLUGINS_COMMAND_H_

#include <ostream>
#include <string>

#include "core/plugin/plugin_registry.h"

namespace gantry::cli {

/// One row per loaded plugin: name, version, ABI version, component types, path.
void PrintPluginList(const plugin::PluginRegistry& plugins, std::ostream& out);

/// Everything known of one plugin (looked up by plugin name or by a type it provides),
/// its settings as a table; `format` is "text", "json" or "markdown" (for generated
/// docs). Returns false, printing nothing, when there is no such plugin.
bool PrintPluginInfo(const plugin::PluginRegistry& plugins, const std::string& name,
                     const std::string& format, std::ostream& out);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_PLUGINS_COMMAND_H_
