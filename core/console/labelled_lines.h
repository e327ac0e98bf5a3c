// Lines with a label before each, built at close to memcpy speed.
#ifndef GANTRY_CORE_CONSOLE_LABELLED_LINES_H_
#define GANTRY_CORE_CONSOLE_LABELLED_LINES_H_

#include <cstddef>
#include <memory>
#include <string_view>

#include "core/console/line_block.h"

namespace gantry::console {

/// A reusable buffer for `--output prefixed`: Label copies lines into it with a label
/// before each. It is on the path of every byte a component prints, so it scans and
/// copies 16 bytes at a time (SSE2, x86-64's baseline; a byte at a time elsewhere)
/// rather than a call or two per line, and never zero-fills its buffer. Not thread-safe.
class LabelledLines {
 public:
  /// Replaces the contents with each line of `lines` (head, then body) preceded by
  /// `label`, each ending in '\n' (one is added to a piece's last line lacking it); empty
  /// `lines` give empty contents. The lines are neutralised on the way (see
  /// exec/inert_text.h; SGR colours kept only with `keep_sgr`), in the same pass: bytes
  /// needing it are found by the same 16-byte test that finds line ends. The label is
  /// written as is. The view is valid until the next call.
  std::string_view Label(std::string_view label, LineBlock lines, bool keep_sgr = false);

  /// Gives the buffer back if it grew past `keep` bytes (a burst should not pin memory).
  void Shrink(size_t keep);

 private:
  // Writes `text` labelled and neutralised at offset `out`; returns the new end.
  size_t Append(std::string_view label, std::string_view text, size_t out, bool keep_sgr);
  // Makes room for at least `size` bytes, keeping the first `used`.
  void Grow(size_t used, size_t size);

  std::unique_ptr<char[]> data_;
  size_t capacity_ = 0;
};

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_LABELLED_LINES_H_
