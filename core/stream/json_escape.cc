#include "core/stream/json_escape.h"

#include <cstdint>
#include <cstdio>

namespace gantry::stream {
namespace {

void AppendU(uint32_t unit, std::string& out) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(unit));
  out.append(buffer, 6);
}

// The code point of the valid UTF-8 sequence at the start of `text` and its length, or
// length 0 (overlong forms, surrogates and values past U+10FFFF are not valid).
size_t DecodeUtf8(std::string_view text, uint32_t* code_point) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  size_t length;
  uint32_t value;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2, value = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3, value = lead & 0x0f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4, value = lead & 0x07;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xc0) != 0x80) return 0;
    value = (value << 6) | (byte(i) & 0x3f);
  }
  const uint32_t smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
  if (value < smallest || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return 0;
  *code_point = value;
  return length;
}

}  // namespace

std::string JsonEscaped(std::string_view text, bool ascii) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  while (!text.empty()) {
    const unsigned char c = static_cast<unsigned char>(text.front());
    size_t used = 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || (ascii && c == 0x7f)) {
          AppendU(c, out);
        } else if (!ascii || c < 0x80) {
          out.push_back(static_cast<char>(c));
        } else {
          uint32_t code_point = 0;
          used = DecodeUtf8(text, &code_point);
          if (used == 0) {
            AppendU(0xdc00 + c, out);  // surrogateescape
            used = 1;
          } else if (code_point > 0xffff) {
            code_point -= 0x10000;
            AppendU(0xd800 + (code_point >> 10), out);
            AppendU(0xdc00 + (code_point & 0x3ff), out);
          } else {
            AppendU(code_point, out);
          }
        }
    }
    text.remove_prefix(used);
  }
  return out;
}

}  // namespace gantry::stream
