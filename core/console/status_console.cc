#include "core/console/status_console.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/console/status_lines.h"
#include "core/exec/inert_text.h"
#include "core/console/summary_table.h"

namespace gantry::console {

StatusConsole::StatusConsole(ConsoleOptions options)
    : options_(std::move(options)),
      style_(options_.color),
      terminal_(options_.out, options_.is_tty, options_.terminal_width, options_.status_interval,
                [this] { return progress_.StatusLine(Now()); }) {}

StatusConsole::~StatusConsole() { terminal_.StopStatus(); }

absl::Time StatusConsole::Now() const { return options_.now ? options_.now() : absl::Now(); }

void StatusConsole::RunStarted(const record::RunRecord& run) {
  operation_ = run.operation;
  progress_.Start(run, run.started == absl::InfinitePast() ? Now() : run.started);
  terminal_.Write(RunStartedLine(run));
  terminal_.StartStatus();
}

void StatusConsole::ComponentStarted(const record::ComponentRecord& component) {
  progress_.Started(component.name);
  terminal_.Write(ComponentStartedLine(component, style_));
}

void StatusConsole::Output(const std::string&, int, LineBlock) {}

void StatusConsole::ComponentFinished(const record::ComponentRecord& component) {
  const record::ComponentStatus cause = component.skip_cause.empty()
                                            ? record::ComponentStatus::kPending
                                            : progress_.StatusOf(component.skip_cause);
  progress_.Finished(component);
  std::string text = ComponentFinishedLine(component, cause, style_, operation_);
  text += FinishedBlock(component);
  terminal_.Write(text);
}

void StatusConsole::RunFinished(const record::RunRecord& run) {
  terminal_.StopStatus();
  const bool timed =
      run.started != absl::InfinitePast() && run.finished != absl::InfinitePast();
  const absl::Duration elapsed = timed ? run.finished - run.started : Now() - progress_.started();
  terminal_.Write(RenderSummary(run, elapsed, options_.tail_lines, style_));
}

void StatusConsole::Notice(std::string_view message) {
  terminal_.Write(absl::StrCat("gantry: ", exec::Neutralised(message), "\n"));
}

std::string StatusConsole::FinishedBlock(const record::ComponentRecord&) { return ""; }

}  // namespace gantry::console
