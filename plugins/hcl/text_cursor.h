// A position in source text that keeps its line and column as it moves: what both the
// native lexer and the JSON reader walk with.
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_TEXT_CURSOR_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_TEXT_CURSOR_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "hcl/syntax.h"

namespace gantry::terraform::hcl {

class TextCursor {
 public:
  /// Starts at the beginning of `text`, past a UTF-8 byte order mark (which takes no column).
  explicit TextCursor(std::string_view text);

  bool AtEnd() const { return pos_ >= text_.size(); }
  /// The byte `ahead` bytes on, or '\0' past the end.
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  /// Whether `prefix` starts here.
  bool LookingAt(std::string_view prefix) const {
    return text_.substr(pos_, prefix.size()) == prefix;
  }
  /// Moves over `count` bytes (fewer at the end), counting lines and characters.
  void Advance(size_t count = 1);

  size_t pos() const { return pos_; }
  int line() const { return line_; }
  int column() const { return column_; }
  Location Here(const std::string& file) const { return Location{file, line_, column_}; }
  std::string_view text() const { return text_; }

  /// For messages: "'x'" for a printable byte, "byte 0xNN" otherwise, or "the end of the
  /// file".
  std::string DescribeHere() const;

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

/// A UTF-8 continuation byte: no column of its own.
inline bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_TEXT_CURSOR_H_
