// A plugin whose execute does nothing: for bench/inprocess_overhead.cc, which measures
// what the host costs per component when the work itself costs nothing. Written against
// the plain C ABI (no gantry/plugin.hpp), so nothing of the C++ helper is measured.
#include "gantry/plugin.h"

namespace {

const char* const kTypes[] = {"noop", nullptr};
const char* const kOperations[] = {"*", nullptr};

gantry_status Execute(const gantry_plugin*, gantry_call*, const gantry_component*,
                      const char*) {
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
                                                                   const gantry_host*) {
  if (GANTRY_ABI_VERSION < host_min_abi || GANTRY_ABI_VERSION > host_max_abi) return nullptr;
  return &kDescriptor;
}
