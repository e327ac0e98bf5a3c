// A CallContext that does nothing and refuses nothing: what the benchmarks hand a plugin
// hook, so that only the host's own cost around the call is measured.
#ifndef GANTRY_BENCH_NULL_CALL_CONTEXT_H_
#define GANTRY_BENCH_NULL_CALL_CONTEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/plugin/call_context.h"

class NullCallContext : public gantry::plugin::CallContext {
 public:
  void Write(int32_t, std::string_view) override {}
  gantry::plugin::SpawnOutcome Spawn(const gantry::plugin::SpawnRequest&,
                                     gantry::plugin::SpawnOutputFn, void*) override {
    return {};
  }
  bool IsCancelled() override { return false; }
  std::string SetOutput(std::string, std::string, uint32_t) override { return ""; }
  void ReportError(std::string) override {}
  std::string AddDependency(std::string, std::string) override { return ""; }
  void Log(int32_t, std::string_view) override {}
};

#endif  // GANTRY_BENCH_NULL_CALL_CONTEXT_H_
