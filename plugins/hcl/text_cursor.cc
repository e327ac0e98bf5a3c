#include "hcl/text_cursor.h"

namespace gantry::terraform::hcl {

TextCursor::TextCursor(std::string_view text) : text_(text) {
  if (LookingAt("\xEF\xBB\xBF")) pos_ = 3;
}

void TextCursor::Advance(size_t count) {
  for (; count > 0 && !AtEnd(); --count) {
    const char c = text_[pos_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if (!IsUtf8Continuation(c)) {
      ++column_;
    }
  }
}

std::string TextCursor::DescribeHere() const {
  if (AtEnd()) return "the end of the file";
  const char c = Peek();
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7F) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF];
}

}  // namespace gantry::terraform::hcl
