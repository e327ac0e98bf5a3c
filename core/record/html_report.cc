#include "core/record/html_report.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/record/html_assets.h"
#include "core/record/html_graph.h"
#include "core/record/html_status.h"
#include "core/record/html_text.h"
#include "core/record/html_timeline.h"
#include "core/record/runs_format.h"
#include "core/record/time_text.h"

namespace gantry::record {
namespace {

std::string E(std::string_view text) { return HtmlEscaped(text); }

// Everything is refused but the inline style and the page's own script: a report shown in
// a browser never reaches the network.
std::string Csp() {
  return absl::StrCat("default-src 'none'; style-src 'unsafe-inline'; script-src '",
                      kHtmlReportScriptHash, "'; base-uri 'none'; form-action 'none'");
}

// The run's outcome in a word, and the status class that colours it.
struct Outcome {
  std::string text;
  const char* status;
};

Outcome OutcomeOf(const Journal& journal) {
  if (!journal.complete)
    return {journal.incomplete() ? "incomplete" : "interrupted", "unfinished"};
  switch (journal.run.exit_code) {
    case 0: return {"succeeded", "ok"};
    case 1: return {"failed · exit 1", "failed"};
    case 4: return {"blocked · exit 4", "blocked"};
    case 130: return {"interrupted · exit 130", "cancelled"};
    default: return {absl::StrCat("exit ", journal.run.exit_code), "failed"};
  }
}

std::string Time(absl::Time time, absl::TimeZone zone) {
  return absl::StrCat("<time datetime=\"", FormatTimestamp(time), "\">",
                      FormatClockTime(time, zone), " ", absl::FormatTime("%Ez", time, zone),
                      "</time>");
}

// `css_class`: "span2" (two columns: a run id) or "wide" (a whole line: a path).
std::string Fact(const char* name, const std::string& html, const char* css_class = nullptr) {
  return absl::StrCat("<div", css_class ? absl::StrCat(" class=\"", css_class, "\"") : "",
                      "><dt>", name, "</dt><dd>", html, "</dd></div>");
}

std::string Badge(const char* status, std::string_view text) {
  return absl::StrCat("<span class=\"badge ", status, "\">", E(text), "</span>");
}

// The target as the title shows it after the operation: nothing for the default one
// (journals name it "default", as config::kDefaultTarget), which is no overlay at all.
std::string TitleTarget(const RunRecord& run, absl::string_view before, absl::string_view after) {
  if (run.target.empty() || run.target == "default") return "";
  return absl::StrCat(before, E(run.target), after);
}

std::string Header(const Journal& journal, absl::TimeZone zone) {
  const RunRecord& run = journal.run;
  const Outcome outcome = OutcomeOf(journal);
  std::string html = absl::StrCat(
      "<header>\n<div class=\"title\"><h1>gantry ", E(run.operation),
      TitleTarget(run, " <span class=\"target\">", "</span>"),
      "</h1>", Badge(outcome.status, outcome.text), "</div>\n<dl class=\"facts\">");
  html += Fact("run", absl::StrCat("<code>", E(run.run_id), "</code>"), "span2");
  html += Fact("operation", E(run.operation));
  html += Fact("target", run.target.empty() ? "(default)" : E(run.target));
  html += Fact("started", Time(run.started, zone));
  html += Fact("duration", CompactDuration(RunDuration(journal)));
  html += Fact("result", E(RunResultText(journal)));
  html += Fact("concurrency", absl::StrCat(run.max_concurrency));
  if (!run.resumed_from.empty())
    html += Fact("resumed from", absl::StrCat("run <code>", E(run.resumed_from), "</code>"), "span2");
  if (!run.from_plan.empty())
    html += Fact("applied", absl::StrCat("the plan of run <code>", E(run.from_plan), "</code>"), "span2");
  if (!run.deployment_file.empty())
    html += Fact("file", absl::StrCat("<code>", E(run.deployment_file), "</code>"), "wide");
  html += "</dl>\n";

  const StatusCounts counts = CountStatuses(run);
  const std::pair<const char*, int> shown[] = {
      {"ok", counts.ok - counts.nothing_to_do}, {"nothing-to-do", counts.nothing_to_do},
      {"failed", counts.failed},                {"cancelled", counts.cancelled},
      {"blocked", counts.blocked},              {"skipped", counts.skipped},
      {"unfinished", counts.unfinished}};
  html += "<p class=\"counts\">";
  for (const auto& [status, count] : shown) {
    if (count == 0) continue;
    const std::string words = status == std::string_view("nothing-to-do")
                                  ? NothingToDoText(run.operation)
                                  : std::string(status);
    html += Badge(status, absl::StrCat(count, " ", words));
  }
  if (const std::string changes = ChangeCountsText(CountChanges(run), run.operation); !changes.empty())
    absl::StrAppend(&html, " <span class=\"muted\">", E(changes), "</span>");
  html += "</p>\n";

  std::vector<std::string> notes;
  if (!journal.complete)
    notes.push_back(journal.incomplete()
                        ? "The journal stops short (its last line was cut, or it is empty): the "
                          "run is shown as far as it was recorded."
                        : "The journal has no run_finished: the run was interrupted (or is still "
                          "going). It is shown up to its last event.");
  else if (journal.truncated_tail)
    notes.push_back("The journal's last line was cut short and has been ignored.");
  for (const std::string& notice : notes)
    absl::StrAppend(&html, "<p class=\"notice\">", E(notice), "</p>\n");
  if (!run.write_errors.empty()) {
    html += "<div class=\"notice\">Records the run could not write (the run fails for them):<ul>";
    for (const std::string& error : run.write_errors) absl::StrAppend(&html, "<li>", E(error), "</li>");
    html += "</ul></div>\n";
  }
  html += "</header>\n";
  return html;
}

std::string Legend() {
  std::string html = "<ul class=\"legend\">";
  for (const HtmlStatusLegend& legend : HtmlStatusLegends())
    absl::StrAppend(&html, "<li><span class=\"swatch ", legend.status, "\"></span>", legend.label, "</li>");
  html += "<li><span class=\"swatch retried\"></span>failed attempt, retried</li>"
          "<li><span class=\"swatch wait\"></span>waiting to retry</li></ul>\n";
  return html;
}

std::string Graph(const RunRecord& run) {
  bool any_edge = false;
  for (const ComponentRecord& component : run.components) any_edge = any_edge || !component.needs.empty();
  std::string html = "<section id=\"graph\">\n<h2>Dependencies</h2>\n";
  if (!any_edge && run.components.size() > 1) {
    html += "<p class=\"muted\">No component of this run needs another (a journal written "
            "before gantry recorded dependencies has none either).</p>\n";
  }
  absl::StrAppend(&html, "<div class=\"graph-box\">", HtmlGraph(run), "</div>\n</section>\n");
  return html;
}

std::string Components(const Journal& journal) {
  const RunRecord& run = journal.run;
  // The changes and error columns only when some component has one: most have neither.
  const std::string changes = ChangeCountsText(CountChanges(run), run.operation);
  const bool errors = std::any_of(run.components.begin(), run.components.end(),
                                  [](const ComponentRecord& c) { return !c.error.empty(); });
  std::string html = absl::StrCat(
      "<section id=\"components\">\n<h2>Components</h2>\n<table>\n<thead><tr><th>Component</th>"
      "<th>Type</th><th>Status</th>", changes.empty() ? "" : "<th>Changes</th>",
      "<th class=\"num\">Duration</th><th class=\"num\">Attempts</th>",
      errors ? "<th>Error</th>" : "", "</tr></thead>\n<tbody>\n");
  for (size_t i = 0; i < run.components.size(); ++i) {
    const ComponentRecord& component = run.components[i];
    const char* status = HtmlStatus(component);
    std::string why;
    if (component.status == ComponentStatus::kSkipped) why = SkipText(run, component);
    if (component.status == ComponentStatus::kBlocked) why = PlanNote(component);
    if (!component.reused_from.empty()) why = absl::StrCat("reused from run ", component.reused_from);
    const bool timed = component.started != absl::InfinitePast() &&
                       component.finished != absl::InfinitePast();
    absl::StrAppend(
        &html, "<tr id=\"c-", i, "\" data-component=\"", E(component.name), "\" data-status=\"",
        status, "\"><td class=\"name\">", E(component.name), "</td><td>",
        component.type.empty() ? "-" : E(component.type), "</td><td>",
        Badge(status, ComponentStatusText(component, run.operation, journal.complete)),
        why.empty() ? "" : absl::StrCat("<span class=\"why\">", E(why), "</span>"), "</td>");
    if (!changes.empty())
      absl::StrAppend(&html, "<td>",
                      component.changes ? E(ChangesText(*component.changes, run.operation)) : "-",
                      "</td>");
    absl::StrAppend(&html, "<td class=\"num\">", timed ? CompactDuration(component.duration()) : "-",
                    "</td><td class=\"num\">",
                    component.attempts > 0 ? absl::StrCat(component.attempts) : "-", "</td>",
                    errors ? absl::StrCat("<td class=\"error\">", E(component.error), "</td>") : "",
                    "</tr>\n");
  }
  html += "</tbody>\n</table>\n";
  if (!changes.empty()) absl::StrAppend(&html, "<p class=\"total\">", E(changes), "</p>\n");
  html += "</section>\n";
  return html;
}

// "last 20 lines", "3 lines" (the whole log), "empty".
std::string LinesText(const LogTail& tail) {
  if (tail.text.empty()) return "empty";
  const size_t lines = static_cast<size_t>(std::count(tail.text.begin(), tail.text.end(), '\n')) +
                       (tail.text.back() == '\n' ? 0 : 1);
  return absl::StrCat(tail.cut ? "last " : "", lines, lines == 1 ? " line" : " lines");
}

std::string Logs(const RunRecord& run, const LogTails& logs) {
  std::string html = "<section id=\"logs\">\n<h2>Logs</h2>\n";
  bool any = false;
  for (size_t i = 0; i < run.components.size(); ++i) {
    const ComponentRecord& component = run.components[i];
    const auto found = logs.find(component.name);
    if (found == logs.end()) continue;
    any = true;
    const LogTail& tail = found->second;
    const char* status = HtmlStatus(component);
    absl::StrAppend(
        &html, "<details id=\"log-", i, "\" data-component=\"", E(component.name),
        "\" data-status=\"", status, "\"",
        component.status == ComponentStatus::kFailed ? " open" : "", "><summary>",
        Badge(status, StatusName(component.status)), "<span class=\"name\">", E(component.name),
        "</span><span class=\"muted\">", LinesText(tail),
        "</span></summary><pre class=\"log\">", E(tail.text), "</pre></details>\n");
  }
  if (!any) html += "<p class=\"muted\">No log of this run could be read.</p>\n";
  html += "</section>\n";
  return html;
}

std::string Outputs(const RunRecord& run) {
  std::string rows;
  for (const ComponentRecord& component : run.components) {
    for (const auto& [key, output] : component.outputs) {
      absl::StrAppend(&rows, "<tr data-component=\"", E(component.name), "\"><td class=\"name\">",
                      E(component.name), "</td><td class=\"name\">", E(key), "</td><td class=\"name\">",
                      output.sensitive()
                          ? absl::StrCat("<span class=\"masked\" title=\"sensitive\">",
                                         kMaskedValue, "</span>")
                          : E(output.shown()),
                      "</td></tr>\n");
    }
  }
  if (rows.empty()) return "";
  return absl::StrCat("<section id=\"outputs\">\n<h2>Outputs</h2>\n<table>\n<thead><tr>"
                      "<th>Component</th><th>Output</th><th>Value</th></tr></thead>\n<tbody>\n",
                      rows, "</tbody>\n</table>\n</section>\n");
}

}  // namespace

std::string HtmlReport(const Journal& journal, const LogTails& logs, absl::TimeZone zone) {
  const RunRecord& run = journal.run;
  std::string html = absl::StrCat(
      kHtmlReportHead, ": written by `gantry runs show RUN --html FILE` -->\n"
      "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"", Csp(), "\">\n"
      "<title>gantry ", E(run.operation), TitleTarget(run, " ", ""),
      " · ", E(OutcomeOf(journal).text), " · run ", E(run.run_id.substr(0, 8)), "</title>\n<style>",
      kHtmlReportStyle, "</style>\n</head>\n<body>\n<main>\n");
  if (journal.empty) {
    absl::StrAppend(&html, "<h1>gantry run <code>", E(run.run_id), "</code></h1>\n<p class=\"notice\">"
                    "Its journal holds no event: it could not be written as the run started (a "
                    "full disk, or gantry died).</p>\n");
  } else {
    absl::StrAppend(&html, Header(journal, zone), Legend(),
                    "<section id=\"timeline\">\n<h2>Timeline</h2>\n", HtmlTimeline(journal),
                    "</section>\n", Graph(run), Components(journal), Logs(run, logs), Outputs(run));
  }
  absl::StrAppend(&html, "<footer>Written by <code>gantry runs show --html</code> from the run's "
                  "journal. Secrets are shown as <code>", kMaskedValue, "</code>.</footer>\n"
                  "</main>\n<script>", kHtmlReportScript, "</script>\n</body>\n</html>\n");
  return html;
}

}  // namespace gantry::record
