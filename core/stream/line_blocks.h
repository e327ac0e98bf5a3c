// Whole lines of one output stream, a block at a time, with as little copying as can be.
#ifndef GANTRY_CORE_STREAM_LINE_BLOCKS_H_
#define GANTRY_CORE_STREAM_LINE_BLOCKS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/console/line_block.h"
#include "core/stream/secret_masker.h"

namespace gantry::stream {

/// Whole lines in two pieces, to spare a copy (see console::LineBlock).
using LineBlock = console::LineBlock;

/// Cuts chunks of one stream into blocks of whole lines, each line ending in '\n'. The
/// lines are those exec::LineSplitter would hand out one by one (a line ends at '\n';
/// "\r\n" ends it too and the '\r' is dropped; a line longer than `max_line` bytes is cut
/// into lines of that size, the last one shorter), but all the lines a chunk completes come back
/// together as one LineBlock, so the caller can mask, log and print them with a call or two.
///
/// Cost: the last '\n' of a chunk is found with memrchr, and the chunk's lines are checked
/// for '\r' with one memchr; there is no work per line (but for chunks larger than
/// max_line, whose line lengths are checked with a memchr per line). The lines are a view
/// into the chunk: no copy. Only the line that completes the pending bytes is copied (the
/// block's head). Per-line work and a copy of the whole chunk happen only for blocks
/// holding "\r\n" or a line longer than max_line. Not thread-safe: one per stream.
///
/// Secrets across a cut: given a non-empty `masker` (valid while this uses it), a cut of
/// an over-long line never splits an occurrence of a secret, so masking the lines still
/// finds it whole: the cut moves back to the start of the occurrence (SecretMasker::
/// SafeCut), and an unfinished line is held until max_line + longest() - 1 bytes are
/// pending, so a secret starting before the cut is seen to its end. Lines may then be
/// longer than max_line by that much at most (a secret longer than max_line excepted).
/// Nothing changes for lines within max_line, nor without secrets.
class LineBlocks {
 public:
  explicit LineBlocks(size_t max_line = size_t{1} << 20, const SecretMasker* masker = nullptr);

  /// The whole lines `chunk` completes (empty if none). Valid until the next call, and
  /// a view into `chunk` itself: use it before `chunk` goes.
  LineBlock Feed(std::string_view chunk);
  /// The unfinished last line with a '\n' added ("\r" before it dropped), or empty; then
  /// forgets it. Valid until the next call.
  std::string_view Flush();
  /// True when bytes of an unfinished line are pending.
  bool has_partial() const { return !partial_.empty(); }
  /// Cuts with `masker` from now on (null or empty: no secrets), as a run learns secrets
  /// while a component writes; pending bytes stay pending.
  void SetMasker(const SecretMasker* masker);

 private:
  // The general case: `text` (pending bytes + chunk) line by line into block_; the
  // unfinished rest becomes partial_.
  LineBlock Slow(std::string_view chunk);
  // True when no line of `whole` (complete lines; the first continues partial_) is
  // longer than max_line_.
  bool LinesFit(std::string_view whole) const;
  // Appends `line` (no '\n') to block_ in max_line_ pieces, each ending in '\n'.
  void AppendLine(std::string_view line);

  // Where to cut `line` (longer than max_line_), all of whose occurrences are in it.
  size_t Cut(std::string_view line) const;

  size_t max_line_;
  const SecretMasker* masker_ = nullptr;  // Null when there are no secrets.
  size_t hold_ = 0;  // Extra bytes an unfinished line waits for before it is cut.
  std::string partial_;  // Bytes after the last '\n'; at most max_line_ + hold_.
  std::string block_;    // A block's head (or whole block, on the slow path).
  std::string text_;     // Slow path: partial_ + chunk.
};

}  // namespace gantry::stream

#endif  // GANTRY_CORE_STREAM_LINE_BLOCKS_H_
