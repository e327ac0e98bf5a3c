#include "core/console/labelled_lines.h"

#include <string.h>

#include <algorithm>
#include <cstring>

#include "core/exec/inert_text.h"

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

std::string_view LabelledLines::Label(std::string_view label, LineBlock lines, bool keep_sgr) {
  // A guess that fits lines of 32 bytes or more; shorter ones grow it (doubling).
  Grow(0, lines.size() + (lines.size() / 32 + 2) * label.size() + 128);
  size_t out = 0;
  if (!lines.head.empty()) out = Append(label, lines.head, out, keep_sgr);
  if (!lines.body.empty()) out = Append(label, lines.body, out, keep_sgr);
  return std::string_view(data_.get(), out);
}

size_t LabelledLines::Append(std::string_view label, std::string_view text, size_t out,
                             bool keep_sgr) {
  const size_t label_size = label.size();
  // Room needed per write position: a block, then a label (or its padded copy) or a
  // rendered control and a reset, slack.
  const size_t step = kBlock + std::max(label_size, kSlack) + exec::kMaxRendered +
                      exec::kSgrReset.size() + kSlack;
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
  bool sgr_open = false;  // An SGR sequence was kept on this line: reset it at its end.
  // At a '\n' or a byte exec::MayNeedNeutralising flags: writes what it stands for.
  auto special = [&] {
    if (*in == '\n') {
      if (sgr_open) {
        memcpy(data_.get() + out, exec::kSgrReset.data(), exec::kSgrReset.size());
        out += exec::kSgrReset.size();
        sgr_open = false;
      }
      data_[out++] = '\n';
      ++in;
      if (in < end) {
        put_label(out);
        out += label_size;
      }
      return;
    }
    size_t written = 0;
    in += exec::RenderControl(std::string_view(in, static_cast<size_t>(end - in)), keep_sgr,
                              data_.get() + out, &written, &sgr_open);
    out += written;
  };

  if (capacity_ - out < step) Grow(out, out + step);
  put_label(out);
  out += label_size;
#if defined(__SSE2__)
  const __m128i c1f = _mm_set1_epi8(0x1f);
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i del = _mm_set1_epi8(0x7f);
  const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xc2));
  while (static_cast<size_t>(end - in) >= kBlock) {
    if (capacity_ - out < step) Grow(out, out + step);
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(data_.get() + out), block);
    // '\n', or what exec::MayNeedNeutralising flags: (unsigned) <= 0x1f but not '\t',
    // DEL, 0xC2. One test for both keeps the common block at a few instructions more.
    const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(block, c1f), block);
    const __m128i hit = _mm_or_si128(
        _mm_andnot_si128(_mm_cmpeq_epi8(block, tab), low),
        _mm_or_si128(_mm_cmpeq_epi8(block, del), _mm_cmpeq_epi8(block, c2)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask == 0) {
      in += kBlock;
      out += kBlock;
      continue;
    }
    // Keep the block up to the byte found; what it stands for goes over the rest, and
    // the next block is loaded from just after it.
    const size_t before = static_cast<size_t>(__builtin_ctz(mask));
    in += before;
    out += before;
    special();
  }
#endif
  // The tail (everything, without SSE2): a byte at a time.
  while (in < end) {
    if (capacity_ - out < step) Grow(out, out + step);
    const unsigned char c = static_cast<unsigned char>(*in);
    if (c == '\n' || exec::MayNeedNeutralising(c)) {
      special();
    } else {
      data_[out++] = static_cast<char>(c);
      ++in;
    }
  }
  if (data_[out - 1] != '\n' || sgr_open) {
    if (sgr_open) {
      memcpy(data_.get() + out, exec::kSgrReset.data(), exec::kSgrReset.size());
      out += exec::kSgrReset.size();
    }
    data_[out++] = '\n';
  }
  return out;
}

}  // namespace gantry::console
