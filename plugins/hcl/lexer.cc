#include "hcl/lexer.h"

#include <array>
#include <utility>

namespace gantry::terraform::hcl {
namespace {

bool IsIdentStart(char c) {
  const auto byte = static_cast<unsigned char>(c);
  // Bytes of non-ASCII UTF-8 are taken as letters: Unicode names pass through unchecked.
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || byte >= 0x80;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsIdentContinue(char c) { return IsIdentStart(c) || IsDigit(c) || c == '-'; }

}  // namespace

Lexer::Lexer(std::string_view source, std::string file, std::vector<Problem>& problems)
    : source_(source), cursor_(source), file_(std::move(file)), problems_(problems) {}

void Lexer::Report(Location where, std::string message) {
  AddProblem(problems_, std::move(where), std::move(message));
}

std::vector<Token> Lexer::Tokenize() {
  std::vector<Token> tokens;
  for (;;) {
    tokens.push_back(Next(0));
    if (tokens.back().kind == TokenKind::kEnd) return tokens;
  }
}

void Lexer::SkipSpaceAndComments() {
  while (!AtEnd()) {
    const char c = Peek();
    if (c == ' ' || c == '\t' || (c == '\r' && Peek(1) != '\n')) {
      Advance();
    } else if (c == '#' || (c == '/' && Peek(1) == '/')) {
      while (!AtEnd() && !AtNewline()) Advance();
    } else if (c == '/' && Peek(1) == '*') {
      SkipBlockComment();
    } else {
      return;
    }
  }
}

void Lexer::SkipBlockComment() {
  const Location opened = Here();
  Advance(2);
  while (!AtEnd()) {
    if (Peek() == '*' && Peek(1) == '/') {
      Advance(2);
      return;
    }
    Advance();
  }
  Report(opened, "unterminated comment: '/*' has no closing '*/'");
}

Token Lexer::Next(int depth) {
  SkipSpaceAndComments();
  Token token;
  token.offset = Offset();
  token.line = cursor_.line();
  token.column = cursor_.column();
  if (aborted_ || AtEnd()) {
    token.kind = TokenKind::kEnd;
    token.text = source_.substr(source_.size());
    return token;
  }
  const char c = Peek();
  if (AtNewline()) {
    token.kind = TokenKind::kNewline;
    Advance(c == '\r' ? 2 : 1);
  } else if (IsIdentStart(c)) {
    token.kind = TokenKind::kIdent;
    ScanIdent();
  } else if (IsDigit(c)) {
    token.kind = TokenKind::kNumber;
    ScanNumber();
  } else if (c == '"') {
    token.kind = TokenKind::kString;
    ScanQuoted(token, depth);
  } else if (const std::optional<HeredocIntroducer> heredoc = AtHeredocStart()) {
    token.kind = TokenKind::kHeredoc;
    ScanHeredoc(token, *heredoc, depth);
  } else if (ScanPunct()) {
    token.kind = TokenKind::kPunct;
  } else {
    token.kind = TokenKind::kInvalid;
    Report(Here(), c == '\'' ? "single quotes are not valid in HCL: use double quotes (\")"
                             : "unexpected character " + cursor_.DescribeHere());
    Advance();
  }
  token.text = source_.substr(token.offset, Offset() - token.offset);
  return token;
}

void Lexer::ScanIdent() {
  while (!AtEnd() && IsIdentContinue(Peek())) Advance();
}

void Lexer::ScanNumber() {
  while (IsDigit(Peek())) Advance();
  // A '.' not followed by a digit is attribute access (`list.0.id` lexes as list . 0 . id).
  if (Peek() == '.' && IsDigit(Peek(1))) {
    Advance();
    while (IsDigit(Peek())) Advance();
  }
  if (Peek() == 'e' || Peek() == 'E') {
    const size_t sign = (Peek(1) == '+' || Peek(1) == '-') ? 1 : 0;
    if (IsDigit(Peek(1 + sign))) {
      Advance(1 + sign);
      while (IsDigit(Peek())) Advance();
    }
  }
}

bool Lexer::ScanPunct() {
  static constexpr std::array<std::string_view, 8> kLong = {
      "...", "==", "!=", "<=", ">=", "&&", "||", "=>"};
  for (const std::string_view op : kLong) {
    if (cursor_.LookingAt(op)) {
      Advance(op.size());
      return true;
    }
  }
  static constexpr std::string_view kSingle = "{}[]()=<>:?,.+-*/%!~";
  if (kSingle.find(Peek()) == std::string_view::npos) return false;
  Advance();
  return true;
}

}  // namespace gantry::terraform::hcl
