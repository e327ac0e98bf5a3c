#include "core/console/summary_table.h"

#include <algorithm>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "core/console/log_tail.h"
#include "core/exec/inert_text.h"

namespace gantry::console {
namespace {

using record::ComponentStatus;

constexpr size_t kStatusColumn = 2;  // "changes", when shown, follows it.

// "changes" only when some component reported changes: most types never do.
std::vector<std::string> Header(bool changes) {
  std::vector<std::string> header = {"component", "type", "status", "duration", "attempts"};
  if (changes) header.insert(header.begin() + kStatusColumn + 1, "changes");
  return header;
}

std::vector<std::string> Row(const record::ComponentRecord& c, std::string_view operation,
                             bool changes) {
  const bool ran = c.attempts > 0 && c.started != absl::InfinitePast();
  std::vector<std::string> row = {c.name, c.type.empty() ? "-" : c.type,
                                  record::ShownStatus(c, operation),
                                  ran ? ShortDuration(c.duration()) : "-",
                                  absl::StrCat(c.attempts)};
  if (changes)
    row.insert(row.begin() + kStatusColumn + 1,
               c.changes ? record::ChangesText(*c.changes, operation) : "-");
  return row;
}

void AppendFailure(const record::ComponentRecord& c, size_t tail_lines, const Style& style,
                   std::string* out) {
  absl::StrAppend(out, "\n", style.Bold(c.name), " ", style.Status(c.status));
  if (!c.error.empty()) absl::StrAppend(out, ": ", exec::Neutralised(c.error));
  *out += '\n';
  if (c.log_path.empty()) {
    *out += "  (no log: it never started)\n";
    return;
  }
  absl::StatusOr<std::vector<std::string>> tail = ReadLastLines(c.log_path, tail_lines);
  if (absl::IsNotFound(tail.status())) {  // logs are created by the first output
    *out += "  (it printed nothing)\n";
    return;
  }
  if (!tail.ok()) {
    absl::StrAppend(out, "  (", tail.status().message(), ")\n");
  } else {
    // The log holds the raw bytes; shown, they are neutralised like live output.
    for (const std::string& line : *tail)
      absl::StrAppend(out, "  | ", exec::Neutralised(line, style.color()), "\n");
  }
  absl::StrAppend(out, "  log: ", c.log_path, "\n");
}

}  // namespace

std::string RenderSummary(const record::RunRecord& run, absl::Duration elapsed,
                          size_t tail_lines, const Style& style) {
  const std::string changes = record::ChangeCountsText(record::CountChanges(run), run.operation);
  const std::vector<std::string> header = Header(!changes.empty());
  const size_t columns = header.size();
  std::vector<std::vector<std::string>> rows;
  rows.reserve(run.components.size());
  std::vector<size_t> width(columns);
  for (size_t i = 0; i < columns; ++i) width[i] = header[i].size();
  for (const record::ComponentRecord& c : run.components) {
    rows.push_back(Row(c, run.operation, !changes.empty()));
    for (size_t i = 0; i < columns; ++i) width[i] = std::max(width[i], rows.back()[i].size());
  }

  std::string out = "\n";
  auto cell = [&](size_t column, const std::string& plain, const std::string& shown) {
    const std::string pad(width[column] - plain.size(), ' ');
    if (column + 1 == columns) {  // attempts, right-aligned
      absl::StrAppend(&out, pad, shown, "\n");
    } else {
      absl::StrAppend(&out, shown, pad, "  ");
    }
  };
  for (size_t i = 0; i < columns; ++i) cell(i, header[i], style.Bold(header[i]));
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t i = 0; i < columns; ++i) {
      const record::ComponentRecord& c = run.components[r];
      std::string shown = rows[r][i];
      if (i == kStatusColumn)
        shown = rows[r][i] == record::StatusName(c.status) ? style.Status(c.status)
                                                           : style.Notice(rows[r][i]);
      cell(i, rows[r][i], shown);
    }
  }

  for (const record::ComponentRecord& c : run.components) {
    if (c.status == ComponentStatus::kFailed) AppendFailure(c, tail_lines, style, &out);
  }
  if (!run.write_errors.empty()) {
    absl::StrAppend(&out, "\n", style.Bold("not written"), " (the run fails for it):\n");
    for (const std::string& error : run.write_errors)
      absl::StrAppend(&out, "  ", exec::Neutralised(error), "\n");
  }
  const record::StatusCounts counts = record::CountStatuses(run);
  absl::StrAppend(&out, "\n", counts.ok, " ok");
  if (counts.nothing_to_do > 0) {
    absl::StrAppend(&out, " (", counts.nothing_to_do, " ", record::NothingToDoText(run.operation),
                    ")");
  }
  absl::StrAppend(&out, ", ", counts.failed, " failed, ", counts.skipped, " skipped, ",
                  counts.cancelled, " cancelled");
  if (counts.blocked > 0) absl::StrAppend(&out, ", ", style.Notice(absl::StrCat(counts.blocked, " blocked")));
  if (counts.unfinished > 0) absl::StrAppend(&out, ", ", counts.unfinished, " unfinished");
  absl::StrAppend(&out, " in ", ShortDuration(elapsed), "\n");
  if (!changes.empty()) absl::StrAppend(&out, changes, "\n");
  return out;
}

}  // namespace gantry::console
