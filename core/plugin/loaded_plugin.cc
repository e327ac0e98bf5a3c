#include "core/plugin/loaded_plugin.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>

#include "core/plugin/c_strings.h"
#include "core/plugin/host_api.h"
#include "core/plugin/library_handle.h"

namespace gantry::plugin {

LoadedPlugin::LoadedPlugin(std::string path, std::unique_ptr<LibraryHandle> library,
                           const gantry_plugin& descriptor)
    : path_(std::move(path)),
      library_(std::move(library)),
      original_(&descriptor),
      declared_size_(descriptor.struct_size) {
  // The host's own zeroed copy: members the plugin was built without read as NULL.
  std::memset(&descriptor_, 0, sizeof descriptor_);
  std::memcpy(&descriptor_, &descriptor,
              std::min<size_t>(descriptor.struct_size, sizeof descriptor_));
  descriptor_.struct_size = sizeof descriptor_;
  name_ = Str(descriptor_.name);
  version_ = Str(descriptor_.version);
  description_ = Str(descriptor_.description);
  types_ = StringList(descriptor_.component_types);
  operations_ = StringList(descriptor_.operations);
  // The loader refused a malformed declaration; a plugin built in a test may not.
  if (auto settings = ReadSettingSpecs(descriptor_); settings.ok()) settings_ = *std::move(settings);
  if (auto outputs = ReadOutputSpecs(descriptor_); outputs.ok()) outputs_ = *std::move(outputs);
}

LoadedPlugin::~LoadedPlugin() {
  // shutdown runs while the code is still mapped; the library is released after.
  if (descriptor_.shutdown != nullptr) descriptor_.shutdown(original_);
}

bool LoadedPlugin::SupportsOperation(const std::string& operation) const {
  if (operations_.empty())
    return operation == "plan" || operation == "apply" || operation == "destroy";
  return std::find(operations_.begin(), operations_.end(), "*") != operations_.end() ||
         std::find(operations_.begin(), operations_.end(), operation) != operations_.end();
}

template <class Hook>
gantry_status LoadedPlugin::Call(CallContext& context, Hook hook) const {
  const OpenCall call(&context);
  if ((descriptor_.capabilities & GANTRY_CAP_CONCURRENT) != 0) return hook(call.get());
  absl::MutexLock lock(&serial_);
  return hook(call.get());
}

gantry_status LoadedPlugin::Validate(CallContext& context, const ComponentData& component) const {
  if (descriptor_.validate == nullptr) return GANTRY_STATUS_OK;
  const gantry_component view = component.View();
  return Call(context, [&](gantry_call* call) {
    return descriptor_.validate(original_, call, &view);
  });
}

gantry_status LoadedPlugin::Discover(CallContext& context, const ComponentData& component) const {
  if (descriptor_.discover == nullptr) return GANTRY_STATUS_OK;
  const gantry_component view = component.View();
  return Call(context, [&](gantry_call* call) {
    return descriptor_.discover(original_, call, &view);
  });
}

gantry_status LoadedPlugin::Execute(CallContext& context, const ComponentData& component,
                                    const std::string& operation) const {
  if (descriptor_.execute == nullptr) return GANTRY_STATUS_UNSUPPORTED;
  const gantry_component view = component.View();
  return Call(context, [&](gantry_call* call) {
    return descriptor_.execute(original_, call, &view, operation.c_str());
  });
}

gantry_status LoadedPlugin::CheckSavedPlan(CallContext& context,
                                           const ComponentData& component) const {
  if (descriptor_.check_saved_plan == nullptr) return GANTRY_STATUS_OK;
  const gantry_component view = component.View();
  return Call(context, [&](gantry_call* call) {
    return descriptor_.check_saved_plan(original_, call, &view);
  });
}

gantry_status LoadedPlugin::Recognize(CallContext& context, const std::string& dir) const {
  if (descriptor_.recognize == nullptr) return GANTRY_STATUS_OK;
  return Call(context, [&](gantry_call* call) {
    return descriptor_.recognize(original_, call, dir.c_str());
  });
}

const void* LoadedPlugin::GetExtension(const std::string& id) const {
  if (descriptor_.get_extension == nullptr) return nullptr;
  return descriptor_.get_extension(original_, id.c_str());
}

}  // namespace gantry::plugin
