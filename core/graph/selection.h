// Which components a command acts on: names, globs, closures, exclusions.
#ifndef GANTRY_CORE_GRAPH_SELECTION_H_
#define GANTRY_CORE_GRAPH_SELECTION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/graph/graph.h"

namespace gantry::graph {

struct SelectionOptions {
  /// Names or globs (`*`, `?`, `[...]`; `*` also matches '/'). Empty: every component.
  std::vector<std::string> patterns;
  /// Names or globs removed last, after the closures below.
  std::vector<std::string> exclude;
  bool with_deps = false;        ///< add everything the selected need, transitively
  bool with_dependents = false;  ///< add everything that needs them, transitively
  /// --changed-since: the components it found (names; with their dependents), which the
  /// patterns' matches are narrowed to before the closures; nullopt: not asked.
  std::optional<std::vector<std::string>> changed;
};

/// selected[n] says whether node n is in the selection. A pattern (or exclusion) that
/// matches no component is an InvalidArgument error naming it, with a suggestion.
absl::StatusOr<std::vector<bool>> Select(const Graph& graph, const SelectionOptions& options);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_SELECTION_H_
