// How a run report page (`runs show --html`) classes a component's status: the value of
// its data-status attributes and the CSS class that colours it.
#ifndef GANTRY_CORE_RECORD_HTML_STATUS_H_
#define GANTRY_CORE_RECORD_HTML_STATUS_H_

#include <span>

#include "core/record/run_record.h"

namespace gantry::record {

/// "ok", "nothing-to-do" (ok, but the operation had nothing to run: NothingToDoText),
/// "failed", "skipped", "cancelled", "blocked", or "unfinished" (pending or running: the
/// run was interrupted). A component reused by --resume is "ok".
const char* HtmlStatus(const ComponentRecord& component);

/// HtmlStatus in words, as the legend says it: "ok", "nothing to do", "failed", ...
const char* HtmlStatusLabel(const ComponentRecord& component);

/// One entry of the page's legend.
struct HtmlStatusLegend {
  const char* status;  ///< as HtmlStatus
  const char* label;   ///< for people
};
/// Every value HtmlStatus returns, in legend order.
std::span<const HtmlStatusLegend> HtmlStatusLegends();

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_HTML_STATUS_H_
