#include "core/exec/inert_text.h"

#include <algorithm>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace gantry::exec {
namespace {

bool IsSgrParameter(char c) { return (c >= '0' && c <= '9') || c == ';' || c == ':'; }

// The length of the SGR sequence at the start of `text` (ESC '[' params 'm'), or 0.
size_t SgrLength(std::string_view text) {
  if (text.size() < 3 || text[0] != '\x1b' || text[1] != '[') return 0;
  const size_t limit = text.size() < kMaxSgr ? text.size() : kMaxSgr;
  for (size_t i = 2; i < limit; ++i) {
    if (text[i] == 'm') return i + 1;
    if (!IsSgrParameter(text[i])) return 0;
  }
  return 0;
}

}  // namespace

size_t FindControl(std::string_view text) {
  const char* const begin = text.data();
  const char* in = begin;
  const char* const end = begin + text.size();
#if defined(__SSE2__)
  const __m128i c1f = _mm_set1_epi8(0x1f);
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i del = _mm_set1_epi8(0x7f);
  const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xc2));
  while (end - in >= 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
    // Unsigned block <= 0x1f, but not '\t' or '\n'; or DEL; or 0xC2.
    const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(block, c1f), block);
    const __m128i allowed = _mm_or_si128(_mm_cmpeq_epi8(block, tab), _mm_cmpeq_epi8(block, newline));
    const __m128i hit = _mm_or_si128(
        _mm_andnot_si128(allowed, low),
        _mm_or_si128(_mm_cmpeq_epi8(block, del), _mm_cmpeq_epi8(block, c2)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) return static_cast<size_t>(in - begin) + static_cast<size_t>(__builtin_ctz(mask));
    in += 16;
  }
#endif
  for (; in < end; ++in) {
    if (MayNeedNeutralising(static_cast<unsigned char>(*in))) break;
  }
  return static_cast<size_t>(in - begin);
}

size_t RenderControl(std::string_view text, bool keep_sgr, char* out, size_t* written,
                     bool* kept_sgr) {
  const unsigned char c = static_cast<unsigned char>(text[0]);
  if (c == 0xc2) {
    const unsigned char next = text.size() > 1 ? static_cast<unsigned char>(text[1]) : 0;
    if (next >= 0x80 && next <= 0x9f) {  // U+0080..U+009F: a C1 control.
      memcpy(out, "M-^", 3);
      out[3] = static_cast<char>(next - 0x80 + 0x40);
      *written = 4;
      return 2;
    }
    out[0] = static_cast<char>(c);  // U+00A0..U+00BF (or a stray byte): text.
    *written = 1;
    return 1;
  }
  if (c == '\r' && text.size() > 1 && text[1] == '\n') {
    *written = 0;  // "\r\n": the '\n' that follows ends the line.
    return 1;
  }
  if (c == 0x1b) {
    if (const size_t sgr = SgrLength(text); sgr > 0) {
      if (keep_sgr) {
        memcpy(out, text.data(), sgr);
        *written = sgr;
        *kept_sgr = true;
      } else {
        *written = 0;
      }
      return sgr;
    }
  }
  out[0] = '^';
  out[1] = c == 0x7f ? '?' : static_cast<char>(c + 0x40);
  *written = 2;
  return 1;
}

std::string_view Neutralise(std::string_view text, bool keep_sgr, std::string* scratch) {
  size_t at = FindControl(text);
  if (at == text.size()) return text;
  scratch->assign(text.substr(0, at));
  scratch->reserve(text.size() + 16);
  bool sgr_open = false;
  char rendered[kMaxRendered];
  while (at < text.size()) {
    const char c = text[at];
    if (c == '\n') {
      if (sgr_open) scratch->append(kSgrReset);
      sgr_open = false;
      scratch->push_back('\n');
      ++at;
    } else if (MayNeedNeutralising(static_cast<unsigned char>(c))) {
      size_t written = 0;
      at += RenderControl(text.substr(at), keep_sgr, rendered, &written, &sgr_open);
      scratch->append(rendered, written);
    } else {
      // Plain bytes up to the next line end or control (line ends matter only while an
      // SGR is open).
      size_t next = at + FindControl(text.substr(at));
      if (sgr_open) next = std::min(next, text.find('\n', at));
      scratch->append(text.substr(at, next - at));
      at = next;
    }
  }
  if (sgr_open) scratch->append(kSgrReset);
  return *scratch;
}

std::string Neutralised(std::string_view text, bool keep_sgr) {
  std::string scratch;
  const std::string_view shown = Neutralise(text, keep_sgr, &scratch);
  return shown.data() == scratch.data() ? std::move(scratch) : std::string(shown);
}

}  // namespace gantry::exec
