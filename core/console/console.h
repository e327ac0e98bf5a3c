// The terminal side of a run: what the user sees while it goes and at its end.
#ifndef GANTRY_CORE_CONSOLE_CONSOLE_H_
#define GANTRY_CORE_CONSOLE_CONSOLE_H_

#include <string>
#include <string_view>

#include "core/console/line_block.h"
#include "core/record/run_record.h"

namespace gantry::console {

/// Renders a run. The run calls RunStarted once, then for each component
/// ComponentStarted / Output... / ComponentFinished (or ComponentFinished alone for a
/// skipped one), then RunFinished once.
///
/// Thread-safety: Output may be called concurrently from many threads (one per running
/// component); the other calls are serialized by the caller but may come from any
/// thread and concurrently with Output. Implementations never tear or interleave lines.
///
/// The implementations (make_console.h) print everything, status lines included, to one
/// stream (stdout by default), so their order is the order things happened.
class Console {
 public:
  virtual ~Console() = default;

  /// `run.components` lists every selected component (all pending).
  virtual void RunStarted(const record::RunRecord& run) = 0;
  /// May be called again for a retry (component.attempts is then the attempt number);
  /// the implementations print "started (attempt N)" and keep counting it as running.
  virtual void ComponentStarted(const record::ComponentRecord& component) = 0;
  /// One or more whole lines of `component`, already masked, each ending in '\n' (the
  /// head's, then the body's). `stream` is 1 (stdout) or 2 (stderr).
  virtual void Output(const std::string& component, int stream, LineBlock lines) = 0;
  /// The component ended (ok, failed, cancelled) or was skipped; `component` is final.
  virtual void ComponentFinished(const record::ComponentRecord& component) = 0;
  /// The run is over: print the summary table. `run` is final.
  virtual void RunFinished(const record::RunRecord& run) = 0;
  /// The errno of the first write to the output stream that failed (it was closed, as by
  /// `gantry apply | head`); 0 when all went through. Output after it is not written.
  virtual int write_error() const { return 0; }
  /// Something the user must hear at once that is no component's output: a file of the
  /// run could not be written. `message` is one line, without "gantry: " or '\n'. May be
  /// called from any thread, concurrently with any other call.
  virtual void Notice(std::string_view message) = 0;
};

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_CONSOLE_H_
