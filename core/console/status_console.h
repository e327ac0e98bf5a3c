// The part of every console mode that is not component output: status lines, the live
// status line and the summary. On its own it is `--output quiet`.
#ifndef GANTRY_CORE_CONSOLE_STATUS_CONSOLE_H_
#define GANTRY_CORE_CONSOLE_STATUS_CONSOLE_H_

#include <string>
#include <string_view>

#include "core/console/console.h"
#include "core/console/console_options.h"
#include "core/console/run_progress.h"
#include "core/console/style.h"
#include "core/console/terminal.h"

namespace gantry::console {

/// Prints, to options.out:
/// - "gantry: ..." status lines when the run starts and when each component starts,
///   finishes or is skipped (see status_lines.h);
/// - on a TTY (options.is_tty) only, the live status line (see RunProgress::StatusLine);
/// - at RunFinished, the summary table (see summary_table.h).
/// Component output is dropped: the modes that show it derive from this class.
class StatusConsole : public Console {
 public:
  explicit StatusConsole(ConsoleOptions options);
  ~StatusConsole() override;

  void RunStarted(const record::RunRecord& run) override;
  void ComponentStarted(const record::ComponentRecord& component) override;
  void Output(const std::string& component, int stream, LineBlock lines) override;
  void ComponentFinished(const record::ComponentRecord& component) override;
  void RunFinished(const record::RunRecord& run) override;
  int write_error() const override { return terminal_.write_error(); }
  /// "gantry: <message>", neutralised, as a line of its own (Terminal::Write).
  void Notice(std::string_view message) override;

 protected:
  /// Printed right after the status line of a finished component, in the same write
  /// (grouped mode: its output). Empty by default.
  virtual std::string FinishedBlock(const record::ComponentRecord& component);

  const ConsoleOptions& options() const { return options_; }
  const Style& style() const { return style_; }
  /// The run's operation (set by RunStarted).
  const std::string& operation() const { return operation_; }
  Terminal& terminal() { return terminal_; }

 private:
  absl::Time Now() const;

  const ConsoleOptions options_;
  const Style style_;
  std::string operation_;  // of the run, set when it starts: names what had nothing to run
  RunProgress progress_;
  Terminal terminal_;  // Last: its ticker reads progress_.
};

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_STATUS_CONSOLE_H_
