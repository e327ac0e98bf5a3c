#include "core/plugin/output_spec.h"

#include "core/plugin/output_key.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"

namespace gantry::plugin {

absl::Status CheckOutputName(const std::string& name) {
  const std::string problem = OutputKeyProblem(name);
  return problem.empty() ? absl::OkStatus() : absl::InvalidArgumentError(problem);
}

absl::StatusOr<DeclaredOutputs> ReadOutputSpecs(const gantry_plugin& d) {
  if (!GANTRY_STRUCT_HAS(&d, gantry_plugin, outputs) || d.outputs == nullptr)
    return DeclaredOutputs();
  std::vector<OutputSpec> specs;
  std::set<std::string> seen;
  for (const gantry_output* const* it = d.outputs; *it != nullptr; ++it) {
    const gantry_output& raw = **it;
    if (!GANTRY_STRUCT_HAS(&raw, gantry_output, description))
      return absl::InvalidArgumentError("an output's struct_size is too small");
    OutputSpec spec;
    spec.name = raw.name != nullptr ? raw.name : "";
    spec.sensitive = (raw.flags & GANTRY_OUTPUT_SENSITIVE) != 0;
    spec.description = raw.description != nullptr ? raw.description : "";
    if (absl::Status ok = CheckOutputName(spec.name); !ok.ok())
      return absl::InvalidArgumentError(absl::StrCat("its declared ", ok.message()));
    if ((raw.flags & ~GANTRY_OUTPUT_SENSITIVE) != 0)
      return absl::InvalidArgumentError(
          absl::StrCat("its output '", spec.name, "' has unknown flags (only SENSITIVE)"));
    if (!seen.insert(spec.name).second)
      return absl::InvalidArgumentError(
          absl::StrCat("its output '", spec.name, "' is declared twice"));
    specs.push_back(std::move(spec));
  }
  return DeclaredOutputs(std::move(specs));
}

std::vector<std::string> OutputNames(const std::vector<OutputSpec>& outputs) {
  std::vector<std::string> names;
  names.reserve(outputs.size());
  for (const OutputSpec& o : outputs) names.push_back(o.name);
  return names;
}

void MergeOutputs(std::vector<OutputSpec>& outputs, const std::vector<OutputSpec>& more) {
  for (const OutputSpec& m : more) {
    auto it = std::find_if(outputs.begin(), outputs.end(),
                           [&](const OutputSpec& o) { return o.name == m.name; });
    if (it == outputs.end()) {
      outputs.push_back(m);
    } else {
      it->sensitive = it->sensitive || m.sensitive;
    }
  }
}

}  // namespace gantry::plugin
