// The gantry_host table the host hands to every plugin, and the gantry_call handle
// that routes each host call to the CallContext of the hook being run.
#ifndef GANTRY_CORE_PLUGIN_HOST_API_H_
#define GANTRY_CORE_PLUGIN_HOST_API_H_

#include "core/plugin/call_context.h"
#include "gantry/host.h"

/// The opaque handle of the ABI: one per hook call, living on the caller's stack.
struct gantry_call {
  gantry::plugin::CallContext* context;
};

namespace gantry::plugin {

/// The process-wide host table (static storage; lives as long as the program).
const gantry_host* HostApi();

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_HOST_API_H_
