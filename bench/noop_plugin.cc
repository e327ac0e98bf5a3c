// A plugin whose execute does nothing: for bench/inprocess_overhead.cc and
// bench/isolation_overhead.cc, which measures
// what the host costs per component when the work itself costs nothing. Written against
// the plain C ABI (no gantry/plugin.hpp), so nothing of the C++ helper is measured.
#include "gantry/plugin.h"

namespace {

const char* const kTypes[] = {"noop", nullptr};
const char* const kOperations[] = {"*", nullptr};

const gantry_host* g_host = nullptr;

// "write" and "ask" make one host call each (bench/isolation-overhead): a call nothing
// answers, and one whose answer the plugin waits for. Any other operation: none.
gantry_status Execute(const gantry_plugin*, gantry_call* call, const gantry_component*,
                      const char* operation) {
  if (operation[0] == 'w' && operation[1] == 'r') {
    g_host->write(call, GANTRY_STREAM_STDOUT, "x\n", 2);
  } else if (operation[0] == 'a' && operation[1] == 's') {
    (void)g_host->is_cancelled(call);
  }
  return GANTRY_STATUS_OK;
}

gantry_plugin MakeDescriptor() {
  gantry_plugin d{};
  d.struct_size = sizeof d;
  d.abi_version = GANTRY_ABI_VERSION;
  d.name = "bench-noop";
  d.version = "1.0.0";
  d.description = "execute returns GANTRY_STATUS_OK at once (benchmarks only)";
  d.component_types = kTypes;
  d.operations = kOperations;
  d.capabilities = GANTRY_CAP_CONCURRENT;
  d.execute = Execute;
  return d;
}

const gantry_plugin kDescriptor = MakeDescriptor();

}  // namespace

extern "C" GANTRY_EXPORT const gantry_plugin* gantry_plugin_entry(uint32_t host_min_abi,
                                                                   uint32_t host_max_abi,
                                                                   const gantry_host* host) {
  if (GANTRY_ABI_VERSION < host_min_abi || GANTRY_ABI_VERSION > host_max_abi) return nullptr;
  g_host = host;
  return &kDescriptor;
}
