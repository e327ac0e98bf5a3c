// Splits HCL native syntax into tokens. Comments and spaces are dropped (a line comment
// leaves its newline); a quoted string or a heredoc is one token however many
// interpolations it holds, so the parser never looks inside a template.
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_LEXER_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_LEXER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/syntax.h"
#include "hcl/text_cursor.h"
#include "hcl/token.h"

namespace gantry::terraform::hcl {

class Lexer {
 public:
  /// `source` must outlive the tokens (they view it). Problems name `file`.
  Lexer(std::string_view source, std::string file, std::vector<Problem>& problems);

  /// Every token, ending with one kEnd. A leading UTF-8 byte order mark is skipped.
  /// Call once.
  /// Templates nested deeper than kMaxNesting stop the lexing with a problem.
  std::vector<Token> Tokenize();

 private:
  bool AtEnd() const { return cursor_.AtEnd(); }
  char Peek(size_t ahead = 0) const { return cursor_.Peek(ahead); }
  bool AtNewline() const { return Peek() == '\n' || (Peek() == '\r' && Peek(1) == '\n'); }
  void Advance(size_t count = 1) { cursor_.Advance(count); }
  size_t Offset() const { return cursor_.pos(); }
  Location Here() const { return cursor_.Here(file_); }
  void Report(Location where, std::string message);

  /// Spaces, tabs and comments, up to (not over) the next newline or token.
  void SkipSpaceAndComments();
  void SkipBlockComment();
  /// The next token; `depth` counts the templates it is inside.
  Token Next(int depth);
  void ScanIdent();
  void ScanNumber();
  /// False (nothing consumed) when no operator starts here.
  bool ScanPunct();

  // Templates (lexer_templates.cc).
  void ScanQuoted(Token& token, int depth);
  /// "<<EOF" or "<<-EOF" and its newline, when they start here.
  struct HeredocIntroducer {
    std::string marker;
    bool flush = false;  ///< "<<-": indentation is stripped
    size_t length = 0;   ///< bytes up to the newline
  };
  std::optional<HeredocIntroducer> AtHeredocStart() const;
  void ScanHeredoc(Token& token, const HeredocIntroducer& introducer, int depth);
  /// Over "${ ... }" or "%{ ... }", nested strings and braces included.
  void ScanTemplateSequence(int depth);
  /// Decodes the escape at the backslash into `out`.
  void DecodeEscape(std::string& out);
  /// True for "$${" or "%%{" here: a literal "${" or "%{".
  bool AtEscapedSequence() const;
  /// True for "${" or "%{" here.
  bool AtTemplateSequence() const;

  std::string_view source_;
  TextCursor cursor_;
  std::string file_;
  std::vector<Problem>& problems_;
  bool aborted_ = false;  // nesting went too deep: every further token is kEnd
};

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_LEXER_H_
