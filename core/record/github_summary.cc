#include "core/record/github_summary.h"

#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/record/file_output.h"
#include "core/record/time_text.h"

namespace gantry::record {
namespace {

constexpr int kShortIdLength = 8;

std::string OutcomeWord(const RunRecord& run) {
  if (run.finished == absl::InfinitePast() || CountStatuses(run).unfinished > 0)
    return "interrupted";
  switch (run.exit_code) {
    case 0: return "succeeded";
    case 1: return "failed";
    case 130: return "interrupted";
    default: return absl::StrCat("exit code ", run.exit_code);
  }
}

// GitHub renders a mermaid block as a picture; past a few hundred nodes it refuses.
constexpr size_t kMaxGraphComponents = 200;

// Text inside a quoted mermaid label: no quote, no backtick (it could end the block).
std::string MermaidLabel(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"') out += "#quot;";
    else if (c == '`') out += "#96;";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

// The run's components and their dependencies, each coloured by how it ended.
std::string MermaidGraph(const RunRecord& run) {
  std::string md = "\n```mermaid\nflowchart LR\n";
  std::map<std::string, size_t> ids;
  for (size_t i = 0; i < run.components.size(); ++i) {
    const ComponentRecord& c = run.components[i];
    ids[c.name] = i;
    absl::StrAppend(&md, "  c", i, "[\"", MermaidLabel(c.name), "<br/>",
                    MermaidLabel(StatusName(c.status)), "\"]:::", StatusName(c.status), "\n");
  }
  for (size_t i = 0; i < run.components.size(); ++i)
    for (const std::string& need : run.components[i].needs)
      if (auto it = ids.find(need); it != ids.end()) absl::StrAppend(&md, "  c", it->second, " --> c", i, "\n");
  md += "  classDef ok fill:#dafbe1,stroke:#1a7f37\n"
        "  classDef failed fill:#ffebe9,stroke:#cf222e\n"
        "  classDef cancelled fill:#fff8c5,stroke:#9a6700\n"
        "  classDef blocked fill:#fff8c5,stroke:#9a6700\n"
        "  classDef skipped fill:#f6f8fa,stroke:#8c959f\n"
        "  classDef pending fill:#f6f8fa,stroke:#8c959f\n"
        "  classDef running fill:#ddf4ff,stroke:#0969da\n"
        "```\n";
  return md;
}

std::string StatusCell(const ComponentRecord& component, std::string_view operation) {
  std::string status = ShownStatus(component, operation);
  if (component.status == ComponentStatus::kSkipped && !component.skip_cause.empty()) {
    if (component.skip_cause == kSkipCauseCancelled)
      absl::StrAppend(&status, " (run cancelled)");
    else
      absl::StrAppend(&status, " (after ", component.skip_cause, ")");
  } else if (!component.reused_from.empty()) {
    absl::StrAppend(&status, " (from run ", component.reused_from.substr(0, kShortIdLength), ")");
  }
  return status;
}

}  // namespace

std::string EscapeMarkdownCell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '|' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string GithubSummaryMarkdown(const RunRecord& run) {
  std::string md = absl::StrCat("\n### gantry ", EscapeMarkdownCell(run.operation));
  if (!run.target.empty()) absl::StrAppend(&md, " (target ", EscapeMarkdownCell(run.target), ")");
  absl::StrAppend(&md, ": ", OutcomeWord(run), "\n\n");

  const StatusCounts counts = CountStatuses(run);
  absl::StrAppend(&md, counts.ok, " ok");
  if (counts.nothing_to_do > 0)
    absl::StrAppend(&md, " (", counts.nothing_to_do, " ", NothingToDoText(run.operation), ")");
  absl::StrAppend(&md, ", ", counts.failed, " failed, ", counts.skipped, " skipped, ",
                  counts.cancelled, " cancelled");
  if (counts.blocked > 0) absl::StrAppend(&md, ", ", counts.blocked, " blocked");
  if (run.started != absl::InfinitePast() && run.finished != absl::InfinitePast())
    absl::StrAppend(&md, " in ", HumanDuration(run.finished - run.started));
  const std::string changes = ChangeCountsText(CountChanges(run), run.operation);
  if (!changes.empty()) absl::StrAppend(&md, " · ", changes);
  absl::StrAppend(&md, " · run `", run.run_id, "`\n\n");

  // The changes column only when some plugin reported changes: most types never do.
  absl::StrAppend(&md, "| component | type | status | ", changes.empty() ? "" : "changes | ",
                  "duration | attempts |\n| --- | --- | --- | ",
                  changes.empty() ? "" : "--- | ", "---: | ---: |\n");
  for (const ComponentRecord& component : run.components) {
    const bool ran = component.started != absl::InfinitePast() &&
                     component.finished != absl::InfinitePast();
    absl::StrAppend(&md, "| ", EscapeMarkdownCell(component.name), " | ",
                    EscapeMarkdownCell(component.type), " | ",
                    EscapeMarkdownCell(StatusCell(component, run.operation)), " | ");
    if (!changes.empty())
      absl::StrAppend(&md, component.changes ? ChangesText(*component.changes, run.operation) : "-", " | ");
    absl::StrAppend(&md, ran ? HumanDuration(component.duration()) : "-", " | ",
                    component.attempts, " |\n");
  }
  if (run.components.size() > kMaxGraphComponents) {
    absl::StrAppend(&md, "\n(", run.components.size(), " components: too many to draw; `gantry "
                    "graph --format svg` draws the whole graph)\n");
  } else if (run.components.size() > 1) {
    md += MermaidGraph(run);
  }
  return md;
}

absl::Status AppendGithubSummary(const std::string& path, const RunRecord& run) {
  return AppendToFile(path, GithubSummaryMarkdown(run));
}

}  // namespace gantry::record
