// The outputs a run can read: those recorded during the run, then those persisted by
// earlier runs in the state directory.
#ifndef GANTRY_CORE_RUN_OUTPUT_BOOK_H_
#define GANTRY_CORE_RUN_OUTPUT_BOOK_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include <mutex>
#include "core/config/deployment.h"
#include "core/graph/references.h"
#include "core/plugin/plugin_registry.h"
#include "core/record/run_record.h"

namespace gantry::run {

using Outputs = std::map<std::string, record::OutputValue>;

/// Reads a component's persisted outputs; nullopt when it has none recorded.
using PersistedOutputs = std::function<std::optional<Outputs>(const std::string& component)>;

/// Thread-safe. Persisted outputs are read once per component and cached.
class OutputBook {
 public:
  explicit OutputBook(PersistedOutputs persisted) : persisted_(std::move(persisted)) {}

  /// Records what `component` produced in this run (replacing anything older).
  void Record(const std::string& component, Outputs outputs);
  /// `component`'s outputs: this run's, else the persisted ones, else nullopt.
  std::optional<Outputs> Find(const std::string& component);
  /// For graph::SubstituteReferences.
  std::optional<graph::OutputText> Lookup(const std::string& component, const std::string& output);
  /// For graph::SubstituteReferences: the names of `component`'s outputs, sorted.
  std::optional<std::vector<std::string>> Names(const std::string& component);

  /// What a plan of `component` says its outputs will be (set_output during a plan).
  /// Kept apart: Find, Lookup and Names never see them, and nothing persists them.
  void RecordPlanned(const std::string& component, Outputs outputs);
  /// One planned output; nullopt when the plan of `component` did not know it.
  std::optional<graph::OutputText> LookupPlanned(const std::string& component,
                                                 const std::string& output);

 private:
  PersistedOutputs persisted_;
  std::mutex mu_;
  absl::flat_hash_map<std::string, std::optional<Outputs>> outputs_;
  absl::flat_hash_map<std::string, Outputs> planned_;
};

/// What to do about missing outputs the local store does not hold.
inline constexpr char kApplyThemFirst[] =
    "apply those components first, or add them to this run with --with-deps";

/// Before a run starts: every output reference of a selected component to a component
/// that will not run must already be recorded. Returns FailedPrecondition listing each
/// missing "component.output" and who needs it, then `advice` (what to do). With
/// `plugins`, the references in settings declared as holding them count too.
absl::Status CheckOutsideOutputs(const config::Deployment& deployment,
                                 const std::vector<bool>& will_run,
                                 const std::vector<std::string>& node_names, OutputBook& book,
                                 const plugin::PluginRegistry* plugins = nullptr,
                                 const std::string& advice = kApplyThemFirst);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_OUTPUT_BOOK_H_
