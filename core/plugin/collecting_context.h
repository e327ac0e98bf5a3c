// A CallContext for the passes that run no processes (validate, discover): it collects
// what the plugin reports.
#ifndef GANTRY_CORE_PLUGIN_COLLECTING_CONTEXT_H_
#define GANTRY_CORE_PLUGIN_COLLECTING_CONTEXT_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "core/plugin/call_context.h"

namespace gantry::plugin {

/// An implicit dependency reported by a plugin's discover hook.
struct DiscoveredDependency {
  std::string component;
  std::string reason;
};

class CollectingContext : public CallContext {
 public:
  void Write(int32_t stream, std::string_view data) override;
  SpawnOutcome Spawn(const SpawnRequest& request, SpawnOutputFn, void*) override;
  bool IsCancelled() override { return false; }
  void SetOutput(std::string key, std::string value, uint32_t flags) override;
  void ReportError(std::string message) override;
  void AddDependency(std::string component, std::string reason) override;
  void Log(int32_t level, std::string_view message) override;

  std::vector<std::string> errors() const;
  std::vector<DiscoveredDependency> dependencies() const;
  std::string output() const;  ///< what the plugin wrote, both streams

 private:
  mutable absl::Mutex mu_;
  std::vector<std::string> errors_ ABSL_GUARDED_BY(mu_);
  std::vector<DiscoveredDependency> dependencies_ ABSL_GUARDED_BY(mu_);
  std::string output_ ABSL_GUARDED_BY(mu_);
};

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_COLLECTING_CONTEXT_H_
