// Where the dependency graph of a run report (`runs show --html`) puts each component and
// each arrow: a layered layout (after Sugiyama et al.), simple enough to test exactly.
#ifndef GANTRY_CORE_RECORD_HTML_GRAPH_LAYOUT_H_
#define GANTRY_CORE_RECORD_HTML_GRAPH_LAYOUT_H_

#include <vector>

#include "core/record/run_record.h"

namespace gantry::record {

/// A slot of the drawing: its column (layer) and its place in the column, from the top.
struct GraphPlace {
  int layer = 0;
  int order = 0;
  bool operator==(const GraphPlace&) const = default;
};

/// An arrow from component `from` to component `to`, which needs it (indexes into
/// run.components). `via` holds a slot in each layer between theirs, where the arrow
/// passes between the boxes of that column rather than through one.
struct GraphRoute {
  int from = 0;
  int to = 0;
  std::vector<GraphPlace> via;
  bool operator==(const GraphRoute&) const = default;
};

struct GraphLayout {
  std::vector<GraphPlace> places;  ///< of run.components, same indexes
  std::vector<GraphRoute> routes;  ///< by `to`, then by `from`
  /// How many slots each layer has (its components and the arrows passing through).
  std::vector<int> slots;
};

/// Lays out run.components and their edges (ComponentRecord::needs; names not in the
/// run are ignored). A component's layer is the longest path to it from one that needs
/// nothing, so every arrow points to a later layer; components on a cycle (only a
/// hand-made journal has one) go in a layer after all the others. Within a layer,
/// components start in name order (arrows passing through after them), then a few
/// sweeps sort each slot by the mean order of its neighbours in the layers before (then
/// after), which untangles most crossings; ties keep their order. Deterministic.
GraphLayout LayOutGraph(const RunRecord& run);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_HTML_GRAPH_LAYOUT_H_
