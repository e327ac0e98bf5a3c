#include "core/console/labelled_lines.h"

#include <string.h>

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace gantry::console {
namespace {

constexpr size_t kBlock = 16;
// Room kept past the write position: a block store, then a label store, may overrun what
// they mean to write by up to this much (the bytes after are overwritten next).
constexpr size_t kSlack = 2 * kBlock;

}  // namespace

void LabelledLines::Grow(size_t used, size_t size) {
  if (size <= capacity_) return;
  const size_t capacity = std::max(size, 2 * capacity_);
  std::unique_ptr<char[]> grown = std::make_unique_for_overwrite<char[]>(capacity);
  if (used > 0) memcpy(grown.get(), data_.get(), used);
  data_ = std::move(grown);
  capacity_ = capacity;
}

void LabelledLines::Shrink(size_t keep) {
  if (capacity_ <= keep) return;
  data_.reset();
  capacity_ = 0;
}

std::string_view LabelledLines::Label(std::string_view label, LineBlock lines) {
  // A guess that fits lines of 32 bytes or more; shorter ones grow it (doubling).
  Grow(0, lines.size() + (lines.size() / 32 + 2) * label.size() + 128);
  size_t out = 0;
  if (!lines.head.empty()) out = Append(label, lines.head, out);
  if (!lines.body.empty()) out = Append(label, lines.body, out);
  return std::string_view(data_.get(), out);
}

size_t LabelledLines::Append(std::string_view label, std::string_view text, size_t out) {
  const size_t label_size = label.size();
  // Room needed per write position: a block, then a label (or its padded copy), slack.
  const size_t step = kBlock + std::max(label_size, kSlack) + kSlack;
  char padded[kSlack] = {};
  const bool short_label = label_size <= kSlack;
  if (short_label) memcpy(padded, label.data(), label_size);
  auto put_label = [&](size_t at) {
    if (short_label) {
      memcpy(data_.get() + at, padded, kSlack);  // Fixed size: two stores, no call.
    } else {
      memcpy(data_.get() + at, label.data(), label_size);
    }
  };

  const char* in = text.data();
  const char* const end = in + text.size();
  if (capacity_ - out < step) Grow(out, out + step);
  put_label(out);
  out += label_size;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  while (static_cast<size_t>(end - in) >= kBlock) {
    if (capacity_ - out < step) Grow(out, out + step);
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(data_.get() + out), block);
    const unsigned mask =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, newline)));
    if (mask == 0) {
      in += kBlock;
      out += kBlock;
      continue;
    }
    // Keep the block up to its first '\n'; the label goes over the rest, and the next
    // block is loaded from just after the '\n'.
    const size_t through = static_cast<size_t>(__builtin_ctz(mask)) + 1;
    in += through;
    out += through;
    if (in < end) {
      put_label(out);
      out += label_size;
    }
  }
#endif
  // The tail (everything, without SSE2): a memchr per line.
  while (in < end) {
    const char* nl = static_cast<const char*>(memchr(in, '\n', static_cast<size_t>(end - in)));
    const size_t length = static_cast<size_t>((nl == nullptr ? end : nl + 1) - in);
    if (capacity_ - out < length + step) Grow(out, out + length + step);
    memcpy(data_.get() + out, in, length);
    in += length;
    out += length;
    if (nl != nullptr && in < end) {
      put_label(out);
      out += label_size;
    }
  }
  if (data_[out - 1] != '\n') data_[out++] = '\n';
  return out;
}

}  // namespace gantry::console
