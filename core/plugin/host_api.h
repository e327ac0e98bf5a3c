// The gantry_host table the host hands to every plugin. Each host call reaches the
// CallContext of its hook through the call's handle (call_handles.h).
#ifndef GANTRY_CORE_PLUGIN_HOST_API_H_
#define GANTRY_CORE_PLUGIN_HOST_API_H_

#include "core/plugin/call_context.h"
#include "core/plugin/call_handles.h"
#include "gantry/host.h"

namespace gantry::plugin {

/// The process-wide host table (static storage; lives as long as the program).
const gantry_host* HostApi();

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_HOST_API_H_
