#include "hcl/json_document.h"

#include <utility>

#include "gantry/json.hpp"
#include "hcl/text_cursor.h"

namespace gantry::terraform::hcl {
namespace {

/// Stops the reading at the first error: a .tf.json file is read whole or not at all.
struct JsonError {
  Location where;
  std::string message;
};

class JsonReader {
 public:
  JsonReader(std::string_view text, const std::string& file)
      : text_(text), cursor_(text), file_(file) {}

  JsonNode ReadDocument() {
    SkipWhitespace();
    JsonNode root = ReadValue(0);
    SkipWhitespace();
    if (!cursor_.AtEnd()) Fail("unexpected " + cursor_.DescribeHere() + " after the JSON value");
    return root;
  }

 private:
  [[noreturn]] void Fail(std::string message) const { throw JsonError{Here(), std::move(message)}; }
  Location Here() const { return cursor_.Here(file_); }
  char Peek() const { return cursor_.Peek(); }
  bool IsDigit() const { return Peek() >= '0' && Peek() <= '9'; }

  void Advance(size_t count = 1) { cursor_.Advance(count); }

  void SkipWhitespace() {
    while (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r') Advance();
  }

  void Expect(char c, const char* context) {
    if (Peek() != c)
      Fail(std::string("expected '") + c + "' " + context + ", found " + cursor_.DescribeHere());
    Advance();
  }

  JsonNode ReadValue(int depth) {
    if (depth > kMaxNesting) {
      Fail("JSON nested deeper than " + std::to_string(kMaxNesting) + " levels");
    }
    JsonNode node;
    node.where = Here();
    const size_t begin = cursor_.pos();
    const char c = Peek();
    if (c == '{') {
      ReadObject(node, depth);
    } else if (c == '[') {
      ReadArray(node, depth);
    } else if (c == '"') {
      node.kind = JsonNode::Kind::kString;
      node.scalar = ReadString();
    } else if (c == '-' || IsDigit()) {
      node.kind = JsonNode::Kind::kNumber;
      ReadNumber();
    } else if (ReadWord("true") || ReadWord("false")) {
      node.kind = JsonNode::Kind::kBool;
    } else if (ReadWord("null")) {
      node.kind = JsonNode::Kind::kNull;
    } else {
      Fail("expected a JSON value, found " + cursor_.DescribeHere());
    }
    node.text = text_.substr(begin, cursor_.pos() - begin);
    if (node.kind == JsonNode::Kind::kNumber || node.kind == JsonNode::Kind::kBool) {
      node.scalar = std::string(node.text);
    }
    return node;
  }

  void ReadObject(JsonNode& node, int depth) {
    node.kind = JsonNode::Kind::kObject;
    Advance();  // '{'
    SkipWhitespace();
    if (Peek() == '}') {
      Advance();
      return;
    }
    for (;;) {
      SkipWhitespace();
      JsonKey key;
      key.where = Here();
      if (Peek() != '"')
        Fail("expected a quoted key in an object, found " + cursor_.DescribeHere());
      key.name = ReadString();
      SkipWhitespace();
      Expect(':', "after an object key");
      SkipWhitespace();
      node.members.emplace_back(std::move(key), ReadValue(depth + 1));
      SkipWhitespace();
      if (Peek() == '}') {
        Advance();
        return;
      }
      Expect(',', "or '}' after an object member");
    }
  }

  void ReadArray(JsonNode& node, int depth) {
    node.kind = JsonNode::Kind::kArray;
    Advance();  // '['
    SkipWhitespace();
    if (Peek() == ']') {
      Advance();
      return;
    }
    for (;;) {
      SkipWhitespace();
      node.elements.push_back(ReadValue(depth + 1));
      SkipWhitespace();
      if (Peek() == ']') {
        Advance();
        return;
      }
      Expect(',', "or ']' after an array element");
    }
  }

  /// The string's extent is found here; the SDK's strict reader decodes and checks it.
  std::string ReadString() {
    const Location opened = Here();
    const size_t begin = cursor_.pos();
    Advance();  // '"'
    while (!cursor_.AtEnd() && Peek() != '"') {
      if (Peek() == '\\') Advance();
      Advance();
    }
    if (cursor_.AtEnd()) throw JsonError{opened, "unterminated string"};
    Advance();  // '"'
    const std::string_view literal = text_.substr(begin, cursor_.pos() - begin);
    try {
      return gantry::json::Parse(literal).as_string();
    } catch (const gantry::json::ParseError& error) {
      throw JsonError{PlaceIn(opened, literal, error.offset()), ProblemOf(error)};
    }
  }

  /// RFC 8259 numbers, kept as written: Terraform's numbers outgrow a double.
  void ReadNumber() {
    if (Peek() == '-') Advance();
    if (!IsDigit()) Fail("expected a digit in a number, found " + cursor_.DescribeHere());
    if (Peek() == '0') {
      Advance();
      if (IsDigit()) Fail("a number cannot start with 0");
    }
    while (IsDigit()) Advance();
    if (Peek() == '.') {
      Advance();
      if (!IsDigit())
        Fail("expected a digit after '.' in a number, found " + cursor_.DescribeHere());
      while (IsDigit()) Advance();
    }
    if (Peek() == 'e' || Peek() == 'E') {
      Advance();
      if (Peek() == '+' || Peek() == '-') Advance();
      if (!IsDigit())
        Fail("expected a digit in a number's exponent, found " + cursor_.DescribeHere());
      while (IsDigit()) Advance();
    }
  }

  bool ReadWord(std::string_view word) {
    if (!cursor_.LookingAt(word)) return false;
    Advance(word.size());
    return true;
  }

  /// The place `offset` bytes into `literal`, which starts at `start`.
  static Location PlaceIn(Location start, std::string_view literal, size_t offset) {
    TextCursor cursor(literal);  // a literal starts with '"': no byte order mark to skip
    cursor.Advance(offset);
    if (cursor.line() == 1)
      return Location{start.file, start.line, start.column + cursor.column() - 1};
    return Location{start.file, start.line + cursor.line() - 1, cursor.column()};
  }

  /// "invalid JSON at byte N: problem" -> "problem": the place is said apart.
  static std::string ProblemOf(const gantry::json::ParseError& error) {
    const std::string what = error.what();
    const size_t colon = what.find(": ");
    return colon == std::string::npos ? what : what.substr(colon + 2);
  }

  std::string_view text_;
  TextCursor cursor_;
  const std::string& file_;
};

}  // namespace

std::optional<JsonNode> ParseJsonDocument(std::string_view text, const std::string& file,
                                          std::vector<Problem>& problems) {
  try {
    return JsonReader(text, file).ReadDocument();
  } catch (const JsonError& error) {
    AddProblem(problems, error.where, "invalid JSON: " + error.message);
    return std::nullopt;
  }
}

}  // namespace gantry::terraform::hcl
