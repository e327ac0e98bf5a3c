// Output references in vars: "${network/vpc.subnet_id}" makes an edge at load time and
// is replaced by the output's value at run time.
#ifndef GANTRY_CORE_GRAPH_REFERENCES_H_
#define GANTRY_CORE_GRAPH_REFERENCES_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace gantry::graph {

/// One "${component.output}" found in a component's vars.
struct Reference {
  std::string component;  ///< everything before the last '.'
  std::string output;     ///< after the last '.'
  std::string var_path;   ///< where it was found, e.g. "vars.subnets[1]"
  bool operator==(const Reference&) const = default;
};

/// Every reference in `vars`, in document order. "$${...}" is an escaped literal, not a
/// reference. A malformed one ("${x}", "${a.}", unclosed) is reported in `errors`.
std::vector<Reference> FindReferences(const nlohmann::json& vars, std::vector<std::string>& errors);

/// An output value as recorded: its text, and whether that text is JSON.
struct OutputText {
  std::string value;
  bool is_json = false;
};

/// Looks up a recorded output; nullopt when the component has no such output.
using OutputLookup =
    std::function<std::optional<OutputText>(const std::string& component, const std::string& output)>;

/// Replaces every reference by its value. A string that is exactly one reference takes
/// the output's value (parsed, when it is JSON); a reference inside a longer string is
/// interpolated as text. "$${" becomes "${". Fails naming every missing output.
absl::StatusOr<nlohmann::json> SubstituteReferences(const nlohmann::json& vars,
                                                    const OutputLookup& lookup);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_REFERENCES_H_
