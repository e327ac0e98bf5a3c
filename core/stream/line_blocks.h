// Whole lines of one output stream, a block at a time, with as little copying as can be.
#ifndef GANTRY_CORE_STREAM_LINE_BLOCKS_H_
#define GANTRY_CORE_STREAM_LINE_BLOCKS_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace gantry::stream {

/// Cuts chunks of one stream into blocks of whole lines, each line ending in '\n'. The
/// lines are those exec::LineSplitter would hand out one by one (a line ends at '\n';
/// "\r\n" ends it too and the '\r' is dropped; a line longer than `max_line` bytes is cut
/// into lines of that size, the last one shorter), but all the lines a chunk completes come back as
/// one contiguous block, so the caller can mask, log and print them with one call each.
///
/// Cost: the last '\n' of a chunk is found with memrchr, and the block is checked for
/// '\r' with one memchr; there is no work per line (but for chunks larger than
/// max_line, whose line lengths are checked with a memchr per line). When no unfinished line is pending
/// (and no '\r' or over-long line is involved) the block is a view into the chunk: no
/// copy at all. Otherwise the pending bytes and the chunk's whole lines are copied once
/// into a reused buffer. Per-line work happens only for blocks holding "\r\n" or a line
/// longer than max_line. Not thread-safe: one per stream.
class LineBlocks {
 public:
  explicit LineBlocks(size_t max_line = size_t{1} << 20);

  /// The whole lines `chunk` completes (empty if none). The view is valid until the next
  /// call, and into `chunk` itself at times: use it before `chunk` goes.
  std::string_view Feed(std::string_view chunk);
  /// The unfinished last line with a '\n' added ("\r" before it dropped), or empty; then
  /// forgets it. Valid until the next call.
  std::string_view Flush();
  /// True when bytes of an unfinished line are pending.
  bool has_partial() const { return !partial_.empty(); }

 private:
  // The general case: `text` (pending bytes + chunk) line by line into block_; the
  // unfinished rest becomes partial_.
  std::string_view Slow(std::string_view chunk);
  // True when no line of `whole` (complete lines; the first continues partial_) is
  // longer than max_line_.
  bool LinesFit(std::string_view whole) const;
  // Appends `line` (no '\n') to block_ in max_line_ pieces, each ending in '\n'.
  void AppendLine(std::string_view line);

  size_t max_line_;
  std::string partial_;  // Bytes after the last '\n'; at most max_line_.
  std::string block_;    // The block handed out when it is not a view into the chunk.
  std::string text_;     // Slow path: partial_ + chunk.
};

}  // namespace gantry::stream

#endif  // GANTRY_CORE_STREAM_LINE_BLOCKS_H_
