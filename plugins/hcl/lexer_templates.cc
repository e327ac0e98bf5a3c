// The template half of the lexer: quoted strings, heredocs and the ${...} / %{...}
// sequences inside them, which may hold strings and heredocs of their own.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "gantry/json.hpp"
#include "hcl/lexer.h"
#include "hcl/template_text.h"

namespace gantry::terraform::hcl {
namespace {

bool IsNameByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || static_cast<unsigned char>(c) >= 0x80;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// `code` (a Unicode scalar value) as UTF-8. The SDK's JSON reader decodes the \u
/// escape naming it, so the one UTF-8 encoder of the project serves here too.
std::string Utf8Of(uint32_t code) {
  char escaped[32];
  if (code < 0x10000) {
    std::snprintf(escaped, sizeof escaped, "\"\\u%04X\"", static_cast<unsigned>(code));
  } else {
    const uint32_t offset = code - 0x10000;
    std::snprintf(escaped, sizeof escaped, "\"\\u%04X\\u%04X\"",
                  static_cast<unsigned>(0xD800 + (offset >> 10)),
                  static_cast<unsigned>(0xDC00 + (offset & 0x3FF)));
  }
  return gantry::json::Parse(escaped).as_string();
}

bool IsBlankFrom(const std::string& text, size_t at) {
  for (; at < text.size() && text[at] != '\n'; ++at) {
    if (text[at] != ' ' && text[at] != '\t') return false;
  }
  return true;
}

size_t LeadingSpaces(const std::string& text, size_t at) {
  size_t count = 0;
  while (at + count < text.size() && (text[at + count] == ' ' || text[at + count] == '\t')) {
    ++count;
  }
  return count;
}

/// A "<<-" body: the fewest leading spaces of its non-blank literal lines are removed from
/// each of them. Lines starting inside an interpolation are left alone, as HCL does.
std::string StripIndentation(const std::string& body, const std::vector<size_t>& line_starts) {
  size_t strip = SIZE_MAX;
  for (const size_t start : line_starts) {
    if (!IsBlankFrom(body, start)) strip = std::min(strip, LeadingSpaces(body, start));
  }
  if (strip == SIZE_MAX || strip == 0) return body;
  std::string out;
  out.reserve(body.size());
  size_t copied = 0;
  for (const size_t start : line_starts) {
    if (IsBlankFrom(body, start)) continue;
    out.append(body, copied, start - copied);
    copied = start + strip;
  }
  out.append(body, copied);
  return out;
}

}  // namespace

bool Lexer::AtEscapedSequence() const {
  return (Peek() == '$' || Peek() == '%') && Peek(1) == Peek() && Peek(2) == '{';
}

bool Lexer::AtTemplateSequence() const {
  return (Peek() == '$' || Peek() == '%') && Peek(1) == '{';
}

void Lexer::ScanQuoted(Token& token, int depth) {
  const Location opened = Here();
  Advance();  // '"'
  const size_t content_begin = Offset();
  size_t content_end = Offset();
  std::string decoded;
  for (;;) {
    if (aborted_) return;
    if (AtEnd() || AtNewline()) {
      Report(opened,
             "unterminated string: a quoted string must close on its line "
             "(a heredoc holds several lines)");
      content_end = Offset();
      break;
    }
    if (Peek() == '"') {
      content_end = Offset();
      Advance();
      break;
    }
    if (Peek() == '\\') {
      DecodeEscape(decoded);
    } else if (AtEscapedSequence()) {
      decoded += Peek();
      decoded += '{';
      Advance(3);
    } else if (AtTemplateSequence()) {
      token.templated = true;
      ScanTemplateSequence(depth + 1);
    } else {
      decoded += Peek();
      Advance();
    }
  }
  token.value = token.templated
                    ? std::string(source_.substr(content_begin, content_end - content_begin))
                    : std::move(decoded);
}

void Lexer::DecodeEscape(std::string& out) {
  const Location at = Here();
  Advance();                           // '\\'
  if (AtEnd() || AtNewline()) return;  // the string's loop reports it unterminated
  const char c = Peek();
  Advance();
  switch (c) {
    case 'n':
      out += '\n';
      return;
    case 'r':
      out += '\r';
      return;
    case 't':
      out += '\t';
      return;
    case '"':
      out += '"';
      return;
    case '\\':
      out += '\\';
      return;
    case 'u':
    case 'U':
      break;
    default:
      Report(at, std::string("invalid escape sequence '\\") + c +
                     "' (the valid ones: \\n \\r \\t \\\" \\\\ \\uNNNN \\UNNNNNNNN)");
      out += '\\';
      out += c;
      return;
  }
  const int digits = c == 'u' ? 4 : 8;
  uint32_t code = 0;
  for (int i = 0; i < digits; ++i) {
    const int value = HexValue(Peek());
    if (value < 0) {
      Report(at, std::string("\\") + c + " must be followed by " + std::to_string(digits) +
                     " hexadecimal digits");
      out += "\xEF\xBF\xBD";  // U+FFFD stands in for what could not be decoded
      return;
    }
    code = code * 16 + static_cast<uint32_t>(value);
    Advance();
  }
  if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    Report(at, "escape sequence names no Unicode character");
    code = 0xFFFD;
  }
  out += Utf8Of(code);
}

void Lexer::ScanTemplateSequence(int depth) {
  const Location opened = Here();
  const char introducer = Peek();
  if (depth > kMaxNesting) {
    Report(opened, "templates nested deeper than " + std::to_string(kMaxNesting) +
                       " levels; the rest of the file is not read");
    aborted_ = true;
    return;
  }
  Advance(2);  // "${" or "%{"
  int braces = 0;
  for (;;) {
    const Token token = Next(depth);
    if (token.kind == TokenKind::kEnd) {
      if (!aborted_) {
        Report(opened, std::string("unterminated template sequence: '") + introducer +
                           "{' has no closing '}'");
      }
      return;
    }
    if (token.Is("{")) ++braces;
    if (token.Is("}") && braces-- == 0) return;
  }
}

std::optional<Lexer::HeredocIntroducer> Lexer::AtHeredocStart() const {
  if (Peek() != '<' || Peek(1) != '<') return std::nullopt;
  HeredocIntroducer introducer;
  size_t at = 2;
  if (Peek(at) == '-') {
    introducer.flush = true;
    ++at;
  }
  const size_t name_begin = at;
  if (IsNameByte(Peek(at)) && Peek(at) != '-' && !(Peek(at) >= '0' && Peek(at) <= '9')) {
    while (IsNameByte(Peek(at))) ++at;
  }
  if (at == name_begin) return std::nullopt;
  introducer.marker = std::string(source_.substr(Offset() + name_begin, at - name_begin));
  if (Peek(at) == '\r') ++at;
  if (Peek(at) != '\n') return std::nullopt;
  introducer.length = at;
  return introducer;
}

void Lexer::ScanHeredoc(Token& token, const HeredocIntroducer& introducer, int depth) {
  const Location opened = Here();
  Advance(introducer.length);
  Advance(1);        // the introducer's newline
  std::string body;  // CRLF made LF
  std::vector<size_t> literal_line_starts;
  bool at_line_start = true;
  for (;;) {
    if (aborted_) return;
    if (AtEnd()) {
      Report(opened,
             "unterminated heredoc: no line holds its closing marker '" + introducer.marker + "'");
      break;
    }
    if (at_line_start) {
      const size_t line_end = std::min(source_.find('\n', Offset()), source_.size());
      std::string_view line = source_.substr(Offset(), line_end - Offset());
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const size_t first = line.find_first_not_of(" \t");
      const size_t last = line.find_last_not_of(" \t");
      if (first != std::string_view::npos &&
          line.substr(first, last - first + 1) == introducer.marker) {
        Advance(last + 1);  // the marker; its newline ends the attribute
        break;
      }
      literal_line_starts.push_back(body.size());
      at_line_start = false;
    }
    if (AtNewline()) {
      body += '\n';
      Advance(Peek() == '\r' ? 2 : 1);
      at_line_start = true;
    } else if (AtEscapedSequence()) {
      body.append(source_.substr(Offset(), 3));
      Advance(3);
    } else if (AtTemplateSequence()) {
      token.templated = true;
      const size_t from = Offset();
      ScanTemplateSequence(depth + 1);
      body.append(source_.substr(from, Offset() - from));
    } else {
      body += Peek();
      Advance();
    }
  }
  if (introducer.flush) body = StripIndentation(body, literal_line_starts);
  token.value = token.templated ? std::move(body) : ResolveLiteralEscapes(body);
}

}  // namespace gantry::terraform::hcl
