// The tokens of HCL native syntax, as the lexer hands them to the parser.
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_TOKEN_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_TOKEN_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace gantry::terraform::hcl {

enum class TokenKind {
  kIdent,    ///< a name or a keyword (true, false, null, for, in, if)
  kNumber,   ///< 1, 2.5, 1e3 (a leading '-' is a separate kPunct)
  kString,   ///< a whole quoted template, interpolations included
  kHeredoc,  ///< a whole heredoc, from "<<" to its closing marker
  kPunct,    ///< an operator or delimiter: { } [ ] ( ) = == => ... and the rest
  kNewline,  ///< "\n" or "\r\n"; a line comment ends with one
  kInvalid,  ///< a byte HCL does not allow here; the lexer has reported it
  kEnd,      ///< after the last token
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  /// The token's bytes in the source (a view into the text given to the lexer).
  std::string_view text;
  /// Byte offset of `text` in the source.
  size_t offset = 0;
  /// 1-based place of the first byte.
  int line = 1;
  int column = 1;
  /// kString and kHeredoc: true when it holds a `${...}` or `%{...}` sequence.
  bool templated = false;
  /// kString and kHeredoc: the decoded string, or when `templated` the template source
  /// (see Expression::value).
  std::string value;

  bool Is(std::string_view punct) const { return kind == TokenKind::kPunct && text == punct; }
  bool IsIdent(std::string_view name) const { return kind == TokenKind::kIdent && text == name; }
};

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_TOKEN_H_
