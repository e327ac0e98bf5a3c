#include "core/plugin/loaded_plugin.h"

#include <algorithm>
#include <utility>

namespace gantry::plugin {

LoadedPlugin::LoadedPlugin(PluginInfo info, std::unique_ptr<PluginHooks> hooks)
    : info_(std::move(info)), hooks_(std::move(hooks)) {}

bool LoadedPlugin::SupportsOperation(const std::string& operation) const {
  const std::vector<std::string>& operations = info_.operations;
  if (operations.empty())
    return operation == "plan" || operation == "apply" || operation == "destroy";
  return std::find(operations.begin(), operations.end(), "*") != operations.end() ||
         std::find(operations.begin(), operations.end(), operation) != operations.end();
}

gantry_status LoadedPlugin::Validate(CallContext& context, const ComponentData& component) const {
  if (!info_.has_validate) return GANTRY_STATUS_OK;
  return hooks_->Run(context, {Hook::kValidate, &component, {}});
}

gantry_status LoadedPlugin::Discover(CallContext& context, const ComponentData& component) const {
  if (!info_.has_discover) return GANTRY_STATUS_OK;
  return hooks_->Run(context, {Hook::kDiscover, &component, {}});
}

gantry_status LoadedPlugin::Execute(CallContext& context, const ComponentData& component,
                                    const std::string& operation) const {
  if (!info_.has_execute) return GANTRY_STATUS_UNSUPPORTED;
  return hooks_->Run(context, {Hook::kExecute, &component, operation});
}

gantry_status LoadedPlugin::CheckSavedPlan(CallContext& context,
                                           const ComponentData& component) const {
  if (!info_.has_check_saved_plan) return GANTRY_STATUS_OK;
  return hooks_->Run(context, {Hook::kCheckSavedPlan, &component, {}});
}

gantry_status LoadedPlugin::Recognize(CallContext& context, const std::string& dir) const {
  if (!info_.has_recognize) return GANTRY_STATUS_OK;
  return hooks_->Run(context, {Hook::kRecognize, nullptr, dir});
}

const void* LoadedPlugin::GetExtension(const std::string& id) const {
  return hooks_->GetExtension(id);
}

}  // namespace gantry::plugin
