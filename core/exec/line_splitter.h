// Turns a byte stream into whole lines, so console output is never torn mid-line.
#ifndef GANTRY_CORE_EXEC_LINE_SPLITTER_H_
#define GANTRY_CORE_EXEC_LINE_SPLITTER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"

namespace gantry::exec {

/// Splits chunks of one stream into lines. A line ends at '\n', which is not part of it;
/// a "\r\n" ending drops the '\r' too. Bytes after the last '\n' are kept until more
/// arrive or Flush(). Not thread-safe: use one per stream.
///
/// Cost: lines lying wholly inside one chunk are handed out as views into it (no copy);
/// only the unfinished tail is copied, into one reused buffer.
class LineSplitter {
 public:
  /// A line longer than `max_line` bytes is handed out in pieces of that size, so a
  /// stream without newlines cannot grow memory without bound.
  explicit LineSplitter(size_t max_line = size_t{1} << 20);

  /// Calls `on_line` for each line completed by `chunk`, in order. The view is valid only
  /// during the call.
  void Feed(std::string_view chunk, absl::FunctionRef<void(std::string_view)> on_line);

  /// The unfinished last line, if any bytes are pending (returned as is: a trailing '\r'
  /// stays), and forgets it.
  std::optional<std::string> Flush();

  /// True when bytes of an unfinished line are pending.
  bool has_partial() const { return !partial_.empty(); }

 private:
  // Adds `bytes` to the pending line, handing out max_line_-sized pieces as it fills.
  void Append(std::string_view bytes, absl::FunctionRef<void(std::string_view)> on_line);

  size_t max_line_;
  std::string partial_;
};

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_LINE_SPLITTER_H_
