// The dependency graph of a run report page (`runs show --html`), drawn as an inline SVG
// by a layered layout of its own (docs/decisions.md says why not Graphviz).
#ifndef GANTRY_CORE_RECORD_HTML_GRAPH_H_
#define GANTRY_CORE_RECORD_HTML_GRAPH_H_

#include <string>

#include "core/record/run_record.h"

namespace gantry::record {

/// An <svg class="graph"> drawing LayOutGraph (html_graph_layout.h) left to right: one
/// box per component (`<g class="node STATUS" data-component data-status>`, STATUS as
/// HtmlStatus) with its name and "status · duration", linking to `#c-INDEX`; one arrow
/// per edge (`data-from`, `data-to`), passing between the boxes of the columns it
/// crosses, marked `cause` when it leads to a component skipped because of its source.
/// Every text is HtmlEscaped; long names are cut with "…" (the full name in the box's
/// tooltip).
std::string HtmlGraph(const RunRecord& run);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_HTML_GRAPH_H_
