// Output references, "${network/vpc.subnet_id}", in vars and in settings a plugin declares
// as holding them: each makes an edge at load time and is replaced by the output's value
// at run time.
#ifndef GANTRY_CORE_GRAPH_REFERENCES_H_
#define GANTRY_CORE_GRAPH_REFERENCES_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace gantry::graph {

/// One "${component.output}" found in a component's table.
struct Reference {
  std::string component;  ///< everything before the last '.'
  std::string output;     ///< after the last '.'
  std::string path;       ///< where it was found, e.g. "vars.subnets[1]", "backend.bucket"
  bool operator==(const Reference&) const = default;
};

/// A malformed reference ("${x}", "${a.}", unclosed) and where it is.
struct ReferenceError {
  std::string path;
  std::string message;
};

/// Calls `visit(path, text)` for every string in `value`, at any depth, in document order;
/// `path` names `value` itself and is extended as "vars.list[2].name".
void ForEachString(const nlohmann::json& value, const std::string& path,
                   const std::function<void(const std::string& path, const std::string& text)>& visit);

/// Every reference in `value` (any JSON: strings at any depth are scanned), in document
/// order; `path` names `value` itself ("vars", "backend") and prefixes the paths found.
/// "$${...}" is an escaped literal, not a reference.
std::vector<Reference> FindReferences(const nlohmann::json& value, const std::string& path,
                                      std::vector<ReferenceError>& errors);

/// FindReferences(vars, "vars", ...), errors as "vars.x: message".
std::vector<Reference> FindReferences(const nlohmann::json& vars, std::vector<std::string>& errors);

/// The reference-shaped pieces of `text`, "${a.b}" as written: what would be a reference
/// where references are allowed. "$${a.b}" is not one, nor shell-like "${HOME}" (no
/// dot) or "${X:-a.b}" (not a component name before the dot).
std::vector<std::string> ReferenceShapes(const std::string& text);

/// An output value as recorded: its text, and whether that text is JSON.
struct OutputText {
  std::string value;
  bool is_json = false;
};

/// Looks up a recorded output; nullopt when the component has no such output.
using OutputLookup =
    std::function<std::optional<OutputText>(const std::string& component, const std::string& output)>;

/// The names of the outputs a component has recorded; nullopt (or empty) when it has
/// none (it has not been applied).
using RecordedOutputs =
    std::function<std::optional<std::vector<std::string>>(const std::string& component)>;

/// Replaces every reference by its value. A string that is exactly one reference takes
/// the output's value (parsed, when it is JSON); a reference inside a longer string is
/// interpolated as text. "$${" becomes "${". Fails naming every missing output: when
/// `recorded` says its producer has outputs, they are listed (with a suggestion), else
/// the advice is to apply the producers first.
absl::StatusOr<nlohmann::json> SubstituteReferences(const nlohmann::json& value,
                                                    const OutputLookup& lookup,
                                                    const RecordedOutputs& recorded = nullptr);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_REFERENCES_H_
