// The dependency graph of a run report page (`runs show --html`), drawn as an inline SVG
// by a layered layout of its own (docs/decisions.md says why not Graphviz).
#ifndef GANTRY_CORE_RECORD_HTML_GRAPH_H_
#define GANTRY_CORE_RECORD_HTML_GRAPH_H_

#include <string>
#include <vector>

#include "core/record/run_record.h"

namespace gantry::record {

/// Where the drawing puts one component: its column and its place in the column.
struct GraphPlace {
  int layer = 0;
  int order = 0;
  bool operator==(const GraphPlace&) const = default;
};

/// The places of run.components (same indexes). Edges go from each component to those
/// that need it (ComponentRecord::needs; names not in the run are ignored). A component's
/// layer is the longest path to it from one that needs nothing, so every edge points to
/// a later layer; components on a cycle (only a hand-made journal has one) go in a layer
/// after all others. Within a layer, components start in name order, then a few sweeps
/// sort each by the mean order of its neighbours in the previous (then next) layers,
/// which untangles most crossings; ties keep the order they had. Deterministic.
std::vector<GraphPlace> LayOutGraph(const RunRecord& run);

/// An <svg class="graph"> drawing LayOutGraph left to right: one box per component
/// (`<g class="node STATUS" data-component data-status>`, STATUS as HtmlStatus) with its
/// name and "status · duration", linking to `#c-INDEX`; one arrow per edge
/// (`data-from`, `data-to`), marked `cause` when it leads to a component skipped because
/// of its source. Every text is HtmlEscaped; long names are cut with "…" (the full name
/// in the box's tooltip).
std::string HtmlGraph(const RunRecord& run);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_HTML_GRAPH_H_
