// A run as Markdown for the GitHub Actions job summary (GITHUB_STEP_SUMMARY).
#ifndef GANTRY_CORE_RECORD_GITHUB_SUMMARY_H_
#define GANTRY_CORE_RECORD_GITHUB_SUMMARY_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "core/record/run_record.h"

namespace gantry::record {

/// `text` made safe inside one Markdown table cell and shown literally: '|' becomes "\|",
/// '\' becomes "\\", and line breaks become spaces.
std::string EscapeMarkdownCell(std::string_view text);

/// A heading ("### gantry apply · target dev · failed"), a line of counts, duration, how
/// many components reported changes (when any did) and run id, then a table: component |
/// type | status | changes (when any reported them) | duration | attempts. A skipped
/// component's status names its cause; a reused one says which run it came from.
std::string GithubSummaryMarkdown(const RunRecord& run);

/// Appends GithubSummaryMarkdown(run) to the file at `path` (the value of
/// GITHUB_STEP_SUMMARY, which the caller reads), creating it if needed.
absl::Status AppendGithubSummary(const std::string& path, const RunRecord& run);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_GITHUB_SUMMARY_H_
