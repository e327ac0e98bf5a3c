#include "hcl/expression_builder.h"

#include <algorithm>

namespace gantry::terraform::hcl {
namespace {

/// A literal's kind and value when the expression is that one token, else false.
bool SetLiteral(const Token& token, Expression& out) {
  switch (token.kind) {
    case TokenKind::kNumber:
      out.kind = ExprKind::kNumber;
      out.value = std::string(token.text);
      return true;
    case TokenKind::kString:
    case TokenKind::kHeredoc:
      out.kind = token.templated ? ExprKind::kTemplate : ExprKind::kString;
      out.value = token.value;
      return true;
    case TokenKind::kIdent:
      if (token.text == "true" || token.text == "false") {
        out.kind = ExprKind::kBool;
        out.value = std::string(token.text);
        return true;
      }
      if (token.text == "null") {
        out.kind = ExprKind::kNull;
        return true;
      }
      return false;
    default:
      return false;
  }
}

bool IsValueToken(const Token& token) {
  return token.kind == TokenKind::kIdent || token.kind == TokenKind::kNumber ||
         token.kind == TokenKind::kString || token.kind == TokenKind::kHeredoc;
}

/// Whether an expression may end with `token`...
bool EndsTerm(const Token& token) {
  return IsValueToken(token) || token.Is(")") || token.Is("]") || token.Is("}");
}

/// ...and whether another may start with it.
bool StartsTerm(const Token& token) {
  return IsValueToken(token) || token.Is("(") || token.Is("[") || token.Is("{");
}

}  // namespace

Expression ExpressionBuilder::Build(size_t begin, size_t end, int depth) {
  begin = tokens_.SkipNewlines(begin, end);
  while (end > begin && tokens_[end - 1].kind == TokenKind::kNewline) --end;
  Expression out;
  out.where = tokens_.LocationOf(begin);
  if (begin >= end) return out;
  out.text = tokens_.TextOf(begin, end - 1);
  const Token& first = tokens_[begin];
  if (end - begin == 1) {
    SetLiteral(first, out);
    return out;
  }
  ReportMissingSeparators(begin, end);
  if (end - begin == 2 && first.Is("-") && tokens_[begin + 1].kind == TokenKind::kNumber) {
    out.kind = ExprKind::kNumber;
    out.value = "-" + std::string(tokens_[begin + 1].text);
    return out;
  }
  const size_t last = end - 1;
  const bool constructor = (first.Is("{") || first.Is("[")) && tokens_.Closer(begin) == last &&
                           !OpensForExpression(begin, last);
  if (!constructor) return out;
  if (depth >= kMaxNesting) {
    tokens_.Report(begin, "expression nested deeper than " + std::to_string(kMaxNesting) +
                              " levels; its inside is not read");
    return out;
  }
  if (first.Is("{")) {
    out.kind = ExprKind::kObject;
    AddObjectItems(begin + 1, last, depth + 1, out);
  } else {
    out.kind = ExprKind::kTuple;
    AddTupleElements(begin + 1, last, depth + 1, out);
  }
  return out;
}

void ExpressionBuilder::AddObjectItems(size_t begin, size_t end, int depth, Expression& object) {
  size_t i = begin;
  while (i < end) {
    if (tokens_[i].kind == TokenKind::kNewline || tokens_[i].Is(",")) {
      ++i;
      continue;
    }
    if (tokens_.IsCloser(i)) {
      tokens_.Report(i, "unexpected " + Describe(tokens_[i]) + " in an object");
      ++i;
      continue;
    }
    const size_t key_end = tokens_.ScanUntil(i, end, Stops{true, true, true});
    const bool has_separator =
        key_end < end && (tokens_[key_end].Is("=") || tokens_[key_end].Is(":"));
    if (!has_separator) {
      tokens_.Report(i, "expected '=' or ':' after the key of an object item");
      i = std::max(key_end, i + 1);
      continue;
    }
    const size_t value_begin = key_end + 1;
    const size_t value_end = tokens_.ScanUntil(value_begin, end, Stops{true, true, false});
    if (key_end == i) {
      tokens_.Report(key_end, "an object item needs a key before " + Describe(tokens_[key_end]));
    } else if (value_end == value_begin) {
      tokens_.Report(key_end, "expected a value after " + Describe(tokens_[key_end]));
    } else {
      object.items.emplace_back(KeyName(i, key_end), Build(value_begin, value_end, depth));
    }
    i = value_end;
  }
}

void ExpressionBuilder::AddTupleElements(size_t begin, size_t end, int depth, Expression& tuple) {
  size_t i = begin;
  while (i < end) {
    i = tokens_.SkipNewlines(i, end);
    if (i >= end) break;
    if (tokens_[i].Is(",")) {
      tokens_.Report(i, "expected a tuple element before ','");
      ++i;
      continue;
    }
    // Newlines inside brackets are spaces: only commas part elements.
    const size_t element_end = tokens_.ScanUntil(i, end, Stops{false, true, false});
    if (element_end > i) tuple.items.emplace_back(std::string(), Build(i, element_end, depth));
    i = element_end;
    if (i < end && !tokens_[i].Is(",")) {
      tokens_.Report(i, "unexpected " + Describe(tokens_[i]) + " in a tuple");
    }
    ++i;
  }
}

void ExpressionBuilder::ReportMissingSeparators(size_t begin, size_t end) {
  for (size_t i = begin; i < end;) {
    const Token& token = tokens_[i];
    if (token.Is("=") && i > begin) {
      tokens_.Report(i, "unexpected '=' in an expression: is a newline or ',' missing before " +
                            Describe(tokens_[i - 1]) + "?");
      return;
    }
    // Only a tuple's elements reach here with newlines at their own level.
    if (token.kind == TokenKind::kNewline && i > begin && i + 1 < end && EndsTerm(tokens_[i - 1]) &&
        StartsTerm(tokens_[i + 1])) {
      tokens_.Report(i + 1, "expected ',' before " + Describe(tokens_[i + 1]) +
                                ": tuple elements are separated by commas");
      return;
    }
    const size_t closer = tokens_.Closer(i);
    i = closer != TokenStream::kNone && closer < end ? closer + 1 : i + 1;
  }
}

std::string ExpressionBuilder::KeyName(size_t begin, size_t end) const {
  begin = tokens_.SkipNewlines(begin, end);
  while (end > begin && tokens_[end - 1].kind == TokenKind::kNewline) --end;
  if (end - begin == 1) {
    const Token& key = tokens_[begin];
    if (key.kind == TokenKind::kIdent) return std::string(key.text);
    if (key.kind == TokenKind::kString && !key.templated) return key.value;
  }
  return end > begin ? tokens_.TextOf(begin, end - 1) : std::string();
}

bool ExpressionBuilder::OpensForExpression(size_t open, size_t close) const {
  const size_t next = tokens_.SkipNewlines(open + 1, close);
  return next < close && tokens_[next].IsIdent("for");
}

}  // namespace gantry::terraform::hcl
