// A recorded run as one self-contained HTML page: `gantry runs show RUN --html FILE`.
#ifndef GANTRY_CORE_RECORD_HTML_REPORT_H_
#define GANTRY_CORE_RECORD_HTML_REPORT_H_

#include <map>
#include <string>

#include "absl/time/time.h"
#include "core/record/journal_reader.h"
#include "core/record/log_tail.h"

namespace gantry::record {

/// How every report page begins: `runs show --html` replaces an existing file only when
/// it begins so (a page it wrote), never someone's notes.
inline constexpr char kHtmlReportHead[] = "<!DOCTYPE html>\n<!-- gantry run report";

/// The end of each component's log, by component name.
using LogTails = std::map<std::string, LogTail>;

/// The page of `journal`'s run, in `zone`'s wall-clock time: a header (id, operation,
/// target, file, started, duration, result, concurrency, resumed or applied plan, counts
/// and changes; notes for an interrupted or cut journal and for records not written), a
/// legend, the timeline (HtmlTimeline), the dependency graph (HtmlGraph), a table of the
/// components (`<tr id="c-INDEX" data-component data-status>`: type, ShownStatus and why,
/// changes, duration, attempts, error), the log tails (`<details id="log-INDEX">`, open
/// for a failed component), and the outputs (a sensitive one as kMaskedValue).
///
/// Pure: it reads no file and no clock, so a journal always makes the same page. Nothing
/// is fetched (inline CSS, SVG and a script allowed by hash in the page's CSP); every
/// text of the journal and the logs is HtmlEscaped.
std::string HtmlReport(const Journal& journal, const LogTails& logs,
                       absl::TimeZone zone = absl::LocalTimeZone());

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_HTML_REPORT_H_
