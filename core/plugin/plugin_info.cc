#include "core/plugin/plugin_info.h"

#include <utility>

#include "core/plugin/c_strings.h"

namespace gantry::plugin {

PluginInfo InfoOf(std::string path, const gantry_plugin& d, uint32_t declared_size) {
  PluginInfo info;
  info.path = std::move(path);
  info.name = Str(d.name);
  info.version = Str(d.version);
  info.description = Str(d.description);
  info.abi_version = d.abi_version;
  info.descriptor_size = declared_size;
  info.capabilities = d.capabilities;
  info.types = StringList(d.component_types);
  info.operations = StringList(d.operations);
  // The loader refused a malformed declaration; a plugin built in a test may not.
  if (auto settings = ReadSettingSpecs(d); settings.ok()) info.settings = *std::move(settings);
  if (auto outputs = ReadOutputSpecs(d); outputs.ok()) info.outputs = *std::move(outputs);
  info.has_validate = d.validate != nullptr;
  info.has_discover = d.discover != nullptr;
  info.has_execute = d.execute != nullptr;
  info.has_check_saved_plan = d.check_saved_plan != nullptr;
  info.has_recognize = d.recognize != nullptr;
  return info;
}

}  // namespace gantry::plugin
