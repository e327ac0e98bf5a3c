#include "core/stream/line_blocks.h"

#include <string.h>

#include <algorithm>

#include "core/stream/burst_buffer.h"

namespace gantry::stream {

LineBlocks::LineBlocks(size_t max_line, const SecretMasker* masker)
    : max_line_(std::max<size_t>(max_line, 1)) {
  SetMasker(masker);
}

void LineBlocks::SetMasker(const SecretMasker* masker) {
  masker_ = masker != nullptr && !masker->empty() ? masker : nullptr;
  hold_ = masker_ != nullptr ? masker_->longest() - 1 : 0;
}

size_t LineBlocks::Cut(std::string_view line) const {
  return masker_ == nullptr ? max_line_ : masker_->SafeCut(line, max_line_);
}

LineBlock LineBlocks::Feed(std::string_view chunk) {
  ShrinkAfterBurst(block_);
  ShrinkAfterBurst(text_);
  if (chunk.empty()) return {};
  const void* last_nl = memrchr(chunk.data(), '\n', chunk.size());
  const size_t whole_size =
      last_nl == nullptr ? 0 : static_cast<size_t>(static_cast<const char*>(last_nl) - chunk.data()) + 1;
  const std::string_view whole = chunk.substr(0, whole_size);
  const std::string_view rest = chunk.substr(whole_size);
  // The fast path: no line over-long, and no "\r\n" to fold.
  const bool fits = partial_.size() + chunk.size() <= max_line_ ||
                    (!whole.empty() && rest.size() <= max_line_ && LinesFit(whole));
  const bool cr = memchr(whole.data(), '\r', whole.size()) != nullptr ||
                  (!partial_.empty() && partial_.back() == '\r' && !whole.empty());
  if (!fits || cr) return Slow(chunk);
  if (whole.empty()) {
    partial_.append(rest);
    return {};
  }
  LineBlock block{{}, whole};
  if (!partial_.empty()) {
    // Only the first line is copied, to join the pending bytes it completes.
    const size_t first = whole.find('\n') + 1;
    block_.assign(partial_).append(whole.substr(0, first));
    block = {block_, whole.substr(first)};
  }
  partial_.assign(rest);
  return block;
}

bool LineBlocks::LinesFit(std::string_view whole) const {
  // Only for chunks larger than max_line: one memchr per line, no copy.
  size_t pending = partial_.size();
  while (!whole.empty()) {
    const void* nl = memchr(whole.data(), '\n', whole.size());
    const size_t length = static_cast<size_t>(static_cast<const char*>(nl) - whole.data());
    if (pending + length > max_line_) return false;
    pending = 0;
    whole.remove_prefix(length + 1);
  }
  return true;
}

void LineBlocks::AppendLine(std::string_view line) {
  do {
    const std::string_view piece = line.substr(0, line.size() > max_line_ ? Cut(line) : max_line_);
    block_.append(piece).push_back('\n');
    line.remove_prefix(piece.size());
  } while (!line.empty());
}

LineBlock LineBlocks::Slow(std::string_view chunk) {
  text_.assign(partial_).append(chunk);
  partial_.clear();
  block_.clear();
  std::string_view text = text_;
  for (;;) {
    const void* nl = memchr(text.data(), '\n', text.size());
    if (nl == nullptr) break;
    const size_t end = static_cast<size_t>(static_cast<const char*>(nl) - text.data());
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    AppendLine(line);
    text.remove_prefix(end + 1);
  }
  // An unfinished line longer than max_line goes out in pieces; the rest waits. With
  // secrets, only once an occurrence starting before the cut can be seen whole.
  while (text.size() > max_line_ + hold_) {
    const size_t cut = Cut(text);
    block_.append(text.substr(0, cut)).push_back('\n');
    text.remove_prefix(cut);
  }
  partial_.assign(text);
  return {block_, {}};
}

std::string_view LineBlocks::Flush() {
  ShrinkAfterBurst(block_);
  if (partial_.empty()) return {};
  std::string_view line = partial_;
  if (line.back() == '\r') line.remove_suffix(1);
  block_.clear();
  AppendLine(line);  // Held bytes can make it longer than max_line.
  partial_.clear();
  return block_;
}

}  // namespace gantry::stream
