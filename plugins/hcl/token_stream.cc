#include "hcl/token_stream.h"

#include <map>
#include <utility>

namespace gantry::terraform::hcl {
namespace {

char OpenerOf(std::string_view closer) {
  if (closer == "}") return '{';
  if (closer == "]") return '[';
  return '(';
}

}  // namespace

std::string Describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::kString:
      return "a string";
    case TokenKind::kHeredoc:
      return "a heredoc";
    case TokenKind::kNumber:
      return "the number " + std::string(token.text);
    case TokenKind::kNewline:
      return "the end of the line";
    case TokenKind::kEnd:
      return "the end of the file";
    default:
      return "'" + std::string(token.text) + "'";
  }
}

TokenStream::TokenStream(std::vector<Token> tokens, std::string file,
                         std::vector<Problem>& problems)
    : tokens_(std::move(tokens)), file_(std::move(file)), problems_(problems) {
  if (tokens_.empty() || tokens_.back().kind != TokenKind::kEnd) tokens_.emplace_back();
  closer_.assign(tokens_.size(), kNone);
  reported_unclosed_.assign(tokens_.size(), false);
  MatchBrackets();
}

bool TokenStream::IsOpener(size_t i) const {
  return tokens_[i].Is("{") || tokens_[i].Is("[") || tokens_[i].Is("(");
}

bool TokenStream::IsCloser(size_t i) const {
  return tokens_[i].Is("}") || tokens_[i].Is("]") || tokens_[i].Is(")");
}

void TokenStream::MatchBrackets() {
  std::vector<size_t> open;
  // How many of each opener the stack holds, so a stray closer costs no search.
  std::map<char, size_t> open_count;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    if (IsOpener(i)) {
      open.push_back(i);
      ++open_count[tokens_[i].text[0]];
    } else if (IsCloser(i)) {
      // A closer matching an outer opener closes it, leaving the inner ones unclosed; a
      // closer matching none is stray and left unpaired.
      const char wanted = OpenerOf(tokens_[i].text);
      if (open_count[wanted] == 0) continue;
      for (;;) {
        const size_t opener = open.back();
        open.pop_back();
        --open_count[tokens_[opener].text[0]];
        if (tokens_[opener].text[0] == wanted) {
          closer_[opener] = i;
          break;
        }
      }
    }
  }
}

Location TokenStream::LocationOf(size_t i) const {
  return Location{file_, tokens_[i].line, tokens_[i].column};
}

std::string TokenStream::TextOf(size_t first, size_t last) const {
  const size_t begin = tokens_[first].offset;
  const size_t end = tokens_[last].offset + tokens_[last].text.size();
  if (end <= begin) return std::string();
  // Tokens view one source: the bytes between them are that source's too.
  return std::string(tokens_[first].text.data(), end - begin);
}

size_t TokenStream::SkipNewlines(size_t i, size_t limit) const {
  while (i < limit && tokens_[i].kind == TokenKind::kNewline) ++i;
  return i;
}

size_t TokenStream::ScanUntil(size_t i, size_t limit, Stops stops) {
  if (limit > end()) limit = end();
  while (i < limit) {
    const Token& token = tokens_[i];
    if (IsCloser(i)) return i;
    if ((stops.newline && token.kind == TokenKind::kNewline) || (stops.comma && token.Is(",")) ||
        (stops.assignment && (token.Is("=") || token.Is(":")))) {
      return i;
    }
    if (IsOpener(i) && closer_[i] == kNone) {
      ReportUnclosed(i, "'" + std::string(token.text) + "' is never closed");
    }
    i = (IsOpener(i) && closer_[i] != kNone && closer_[i] < limit) ? closer_[i] + 1 : i + 1;
  }
  return limit;
}

void TokenStream::Report(size_t token, std::string message) {
  AddProblem(problems_, LocationOf(token), std::move(message));
}

void TokenStream::ReportUnclosed(size_t opener, std::string message) {
  if (reported_unclosed_[opener]) return;
  reported_unclosed_[opener] = true;
  Report(opener, std::move(message));
}

}  // namespace gantry::terraform::hcl
