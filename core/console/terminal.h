// The console's one output stream, and the live status line kept at its bottom.
#ifndef GANTRY_CORE_CONSOLE_TERMINAL_H_
#define GANTRY_CORE_CONSOLE_TERMINAL_H_

#include <cstdio>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "absl/time/time.h"

namespace gantry::console {

/// Serializes everything written to one FILE*: each Write is one write(2) to its
/// descriptor (after flushing what stdio may hold; fwrite + fflush for a FILE without
/// one) under one lock, so the text of two writers never interleaves.
///
/// With a live status line (a TTY), the line is drawn last, without a newline; every
/// Write first erases it ("\r" + ESC[K) and draws it again after the text, in the same
/// fwrite, so it never mixes with output. It is redrawn on RefreshStatus and, between
/// StartStatus and StopStatus, every `interval` by a ticker thread the Terminal owns.
/// `status_text` is called under the Terminal's lock: it must not call back into it.
class Terminal {
 public:
  /// `live` false: no status line ever, no thread. `width` 0 asks `out` (TIOCGWINSZ).
  Terminal(FILE* out, bool live, int width, absl::Duration interval,
           std::function<std::string()> status_text);
  ~Terminal();  ///< StopStatus().
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  /// Writes `text` (whole lines) in one go.
  void Write(std::string_view text);
  /// Shows the status line and starts the ticker (live only; once).
  void StartStatus();
  /// Redraws the status line now, if shown.
  void RefreshStatus();
  /// Erases the status line for good and stops the ticker. Idempotent.
  void StopStatus();
  /// The errno of the first write that failed (a closed pipe, a hung-up terminal, a full
  /// disk), 0 while every write went through. After a failure nothing more is written:
  /// the output has nowhere to go, and the logs hold it.
  int write_error() const;

 private:
  void TickerLoop();
  // The status line to draw, cut to the terminal's width.
  std::string StatusLocked();
  void RedrawLocked();
  void PutLocked(std::string_view bytes);
  int Width() const;

  FILE* const out_;
  const bool live_;
  const int width_;
  const absl::Duration interval_;
  const std::function<std::string()> status_text_;

  // std::mutex, not absl::Mutex, here and in the other console/stream classes:
  // ThreadSanitizer cannot see Debian's uninstrumented libabsl.
  mutable std::mutex mu_;  // Guards the members below, and every write to out_.
  std::condition_variable stop_;
  bool shown_ = false;    // The status line is on screen.
  bool stopped_ = false;  // StopStatus was called.
  int write_error_ = 0;   // See write_error().
  std::string buffer_;    // Reused for writes with a status line.
  std::thread ticker_;  // Started and joined outside mu_.
};

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_TERMINAL_H_
