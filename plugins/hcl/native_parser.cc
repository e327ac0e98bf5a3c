#include "hcl/native_parser.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "hcl/expression_builder.h"
#include "hcl/lexer.h"
#include "hcl/token_stream.h"

namespace gantry::terraform::hcl {
namespace {

using Attributes = std::vector<std::pair<std::string, Expression>>;

/// The structural language: bodies of attributes and blocks. Expressions are only
/// delimited here; ExpressionBuilder reads them.
class BodyParser {
 public:
  explicit BodyParser(TokenStream& tokens) : tokens_(tokens), expressions_(tokens) {}

  /// Reads body items from `i` up to `limit` (the body's '}' or the end).
  void ParseBody(size_t i, size_t limit, int depth, Attributes& attributes,
                 std::vector<Block>& blocks) {
    for (;;) {
      i = tokens_.SkipNewlines(i, limit);
      if (i >= limit) return;
      const Token& token = tokens_[i];
      if (token.kind == TokenKind::kIdent && tokens_[i + 1].Is("=")) {
        i = ParseAttribute(i, limit, attributes);
      } else if (token.kind == TokenKind::kIdent) {
        i = ParseBlock(i, limit, depth, blocks);
      } else {
        // The lexer has reported an invalid character already.
        if (token.kind != TokenKind::kInvalid) {
          tokens_.Report(i, "expected an attribute or a block, found " + Describe(token));
        }
        i = SkipLine(i, limit);
      }
    }
  }

 private:
  /// `name = expression`, ending at the newline (or the body's '}').
  size_t ParseAttribute(size_t name, size_t limit, Attributes& attributes) {
    const size_t value_begin = name + 2;
    const size_t value_end = tokens_.ScanUntil(value_begin, limit, Stops{true, false, false});
    if (value_end == value_begin) {
      tokens_.Report(name + 1,
                     "expected an expression after '=', found " + Describe(tokens_[value_begin]));
    } else {
      attributes.emplace_back(std::string(tokens_[name].text),
                              expressions_.Build(value_begin, value_end, 0));
    }
    return value_end;
  }

  /// `type label "label" { body }`.
  size_t ParseBlock(size_t type, size_t limit, int depth, std::vector<Block>& blocks) {
    Block block;
    block.type = std::string(tokens_[type].text);
    block.where = tokens_.LocationOf(type);
    const size_t open = ReadLabels(type + 1, limit, block.labels);
    if (open >= limit || !tokens_[open].Is("{")) {
      const size_t at = std::min(open, limit);
      tokens_.Report(
          at, (block.labels.empty() ? "expected '=' or '{' after '" + block.type
                                    : "expected '{' after the labels of block '" + block.type) +
                  "', found " + Describe(tokens_[at]));
      return SkipLine(open, limit);
    }
    const size_t close = tokens_.Closer(open);
    const size_t after = close == TokenStream::kNone ? limit : close + 1;
    if (depth >= kMaxNesting) {
      tokens_.Report(open, "blocks nested deeper than " + std::to_string(kMaxNesting) +
                               " levels; this one is not read");
      return after;
    }
    if (close == TokenStream::kNone) {
      tokens_.ReportUnclosed(open,
                             "block '" + block.type + "' is never closed: its '{' has no match");
    }
    ParseBody(open + 1, std::min(close, limit), depth + 1, block.attributes, block.blocks);
    blocks.push_back(std::move(block));
    return after;
  }

  /// Appends the labels from `i` on; returns the index after them.
  size_t ReadLabels(size_t i, size_t limit, std::vector<std::string>& labels) {
    for (; i < limit; ++i) {
      const Token& label = tokens_[i];
      if (label.kind == TokenKind::kIdent) {
        labels.emplace_back(label.text);
      } else if (label.kind == TokenKind::kString) {
        if (label.templated) tokens_.Report(i, "a block label cannot hold '${' or '%{'");
        labels.push_back(label.value);
      } else {
        break;
      }
    }
    return i;
  }

  /// Past the rest of a line that could not be read (or the one token that stopped it).
  size_t SkipLine(size_t i, size_t limit) {
    const size_t next = tokens_.ScanUntil(i, limit, Stops{true, false, false});
    return next > i ? next : i + 1;
  }

  TokenStream& tokens_;
  ExpressionBuilder expressions_;
};

}  // namespace

File ParseNative(std::string_view text, const std::string& file_name) {
  File file;
  Lexer lexer(text, file_name, file.problems);
  TokenStream tokens(lexer.Tokenize(), file_name, file.problems);
  BodyParser(tokens).ParseBody(0, tokens.end(), 0, file.attributes, file.blocks);
  std::stable_sort(
      file.problems.begin(), file.problems.end(), [](const Problem& a, const Problem& b) {
        return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
      });
  return file;
}

}  // namespace gantry::terraform::hcl
