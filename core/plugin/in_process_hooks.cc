#include "core/plugin/in_process_hooks.h"

#include <utility>

#include "core/plugin/call_handles.h"
#include "core/plugin/library_handle.h"

namespace gantry::plugin {

InProcessHooks::InProcessHooks(std::unique_ptr<LibraryHandle> library,
                               const gantry_plugin* original, const gantry_plugin& copy)
    : library_(std::move(library)), original_(original), descriptor_(copy) {}

InProcessHooks::~InProcessHooks() {
  // shutdown runs while the code is still mapped; the library is released after.
  if (descriptor_.shutdown != nullptr) descriptor_.shutdown(original_);
}

gantry_status InProcessHooks::Run(CallContext& context, const HookCall& call) {
  std::unique_lock<std::mutex> serial(serial_, std::defer_lock);
  if ((descriptor_.capabilities & GANTRY_CAP_CONCURRENT) == 0) serial.lock();
  const OpenCall open(&context);
  gantry_call* handle = open.get();
  const gantry_component view = call.component != nullptr ? call.component->View()
                                                          : gantry_component{};
  switch (call.hook) {
    case Hook::kValidate: return descriptor_.validate(original_, handle, &view);
    case Hook::kDiscover: return descriptor_.discover(original_, handle, &view);
    case Hook::kExecute:
      return descriptor_.execute(original_, handle, &view, call.argument.c_str());
    case Hook::kCheckSavedPlan: return descriptor_.check_saved_plan(original_, handle, &view);
    case Hook::kRecognize: return descriptor_.recognize(original_, handle, call.argument.c_str());
  }
  return GANTRY_STATUS_UNSUPPORTED;
}

const void* InProcessHooks::GetExtension(const std::string& id) {
  if (descriptor_.get_extension == nullptr) return nullptr;
  return descriptor_.get_extension(original_, id.c_str());
}

}  // namespace gantry::plugin
