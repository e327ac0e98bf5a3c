// The outputs a plugin declares its components have (gantry_plugin.outputs and
// declare_output from discover), copied out of the C structs and checked once.
#ifndef GANTRY_CORE_PLUGIN_OUTPUT_SPEC_H_
#define GANTRY_CORE_PLUGIN_OUTPUT_SPEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gantry/plugin.h"

namespace gantry::plugin {

/// One declared output (mirrors gantry_output).
struct OutputSpec {
  std::string name;
  bool sensitive = false;
  std::string description;
  bool operator==(const OutputSpec&) const = default;
};

/// A component's declared outputs; nullopt: not declared (any reference is allowed).
using DeclaredOutputs = std::optional<std::vector<OutputSpec>>;

/// Whether `name` follows the output key rule (output_key.h); an error saying why otherwise.
absl::Status CheckOutputName(const std::string& name);

/// The plugin's static outputs; nullopt when `outputs` is NULL (or the plugin predates
/// it). A malformed declaration (no valid name, unknown flags, a duplicate) is an error
/// naming the output, so the plugin is refused at load.
absl::StatusOr<DeclaredOutputs> ReadOutputSpecs(const gantry_plugin& d);

/// The names, in order.
std::vector<std::string> OutputNames(const std::vector<OutputSpec>& outputs);

/// `outputs` with `more` added (a name already there keeps its first declaration,
/// sensitive when either says so).
void MergeOutputs(std::vector<OutputSpec>& outputs, const std::vector<OutputSpec>& more);

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_OUTPUT_SPEC_H_
