// Whole lines handed from a component's stream to the console, in up to two pieces.
#ifndef GANTRY_CORE_CONSOLE_LINE_BLOCK_H_
#define GANTRY_CORE_CONSOLE_LINE_BLOCK_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace gantry::console {

/// One or more whole lines: `head`, then `body`. Each piece is empty or whole lines
/// ending in '\n'. Two pieces so a stream need not join the line that completes its
/// earlier bytes (a short copy) with the rest of a chunk (a view into its read buffer).
/// Converts from a single piece of text, which becomes the body.
struct LineBlock {
  LineBlock() = default;
  LineBlock(std::string_view head_lines, std::string_view body_lines)
      : head(head_lines), body(body_lines) {}
  LineBlock(std::string_view lines) : body(lines) {}  // NOLINT: implicit on purpose.
  LineBlock(const char* lines) : body(lines) {}       // NOLINT
  LineBlock(const std::string& lines) : body(lines) {}  // NOLINT

  bool empty() const { return head.empty() && body.empty(); }
  size_t size() const { return head.size() + body.size(); }

  std::string_view head;  ///< Lines that come first (at most one line, from a stream).
  std::string_view body;  ///< The lines after them.
};

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_LINE_BLOCK_H_
