// The timeline of a run report page (`runs show --html`): when each component ran.
#ifndef GANTRY_CORE_RECORD_HTML_TIMELINE_H_
#define GANTRY_CORE_RECORD_HTML_TIMELINE_H_

#include <string>

#include "absl/time/time.h"
#include "core/record/journal_reader.h"

namespace gantry::record {

/// Ticks for a time axis `span` long: a step of 1, 2 or 5 times a power of ten (ms, s),
/// or 10s, 15s, 30s, 1m, 2m, 5m, 10m, 15m, 30m, 1h..., the smallest giving at most 8
/// steps.
absl::Duration TickStep(absl::Duration span);

/// A <div class="timeline">: an axis in time since the run started, then one row per
/// component (`data-component`, `data-status` as HtmlStatus), those that started in the
/// order they started, then the others by name. A row's track holds one segment per
/// attempt (`class="seg attempt STATUS"`, `data-attempt`; an attempt that failed and was
/// retried is "retried"), a `class="seg wait"` segment for each wait between a failed
/// attempt and the next, a mark for a skipped component at the time it was skipped, or a
/// note (reused from an earlier run, not started). Segments are placed in percent of
/// the run's span; an attempt still going when the journal ends runs to its last event.
/// Each row's name links to `#c-INDEX` (INDEX: the component's place in
/// journal.run.components). Every text is HtmlEscaped.
std::string HtmlTimeline(const Journal& journal);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_HTML_TIMELINE_H_
