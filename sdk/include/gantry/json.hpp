// Strict, header-only JSON reader for plugins (RFC 8259), so that no plugin needs its own
// JSON library to read component.settings_json and component.vars_json.
//
//   const gantry::json::Value vars = gantry::json::Parse(component.vars_json);
//   if (const gantry::json::Value* region = vars.find("region")) Use(region->as_string());
//
// Strict means: no comments, no trailing commas, no leading zeros, no NaN or Infinity, no
// byte order mark, only space, tab, CR and LF as whitespace, and nothing after the value.
// Strings must be valid UTF-8 (no overlong forms, no encoded surrogates, nothing above
// U+10FFFF) and \u escapes must pair their surrogates. A duplicate key in an object is a
// ParseError: the host never writes one, so one is a bug worth seeing. Nesting deeper than
// kMaxDepth is a ParseError, so no input can overflow the stack.
//
// Numbers: a literal with no fraction and no exponent that fits int64_t is an integer;
// every other number is a double. A number too large for a double is a ParseError; one too
// small for a double becomes zero.
//
// Only Parse (ParseError) and the as_*() accessors (TypeError) throw, besides bad_alloc.
#ifndef GANTRY_JSON_HPP
#define GANTRY_JSON_HPP

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <locale>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

// Floating-point <charconv> is missing from older standard libraries (libc++ before 17):
// streams in the classic locale are the fallback. Defining GANTRY_JSON_NO_FLOAT_CHARCONV
// forces the fallback (the tests build it both ways).
#if defined(__cpp_lib_to_chars) && !defined(GANTRY_JSON_NO_FLOAT_CHARCONV)
#define GANTRY_JSON_FLOAT_CHARCONV 1
#else
#define GANTRY_JSON_FLOAT_CHARCONV 0
#endif

namespace gantry::json {

/// Deepest nesting of arrays and objects that Parse accepts.
inline constexpr int kMaxDepth = 256;

/// Bad JSON text. what() is "invalid JSON at byte <offset>: <problem>".
class ParseError : public std::runtime_error {
 public:
  /// `offset` is the 0-based byte offset of the problem in the parsed text.
  ParseError(std::size_t offset, const std::string& problem)
      : std::runtime_error("invalid JSON at byte " + std::to_string(offset) + ": " + problem),
        offset_(offset) {}

  /// 0-based byte offset of the problem in the parsed text.
  std::size_t offset() const noexcept { return offset_; }

 private:
  std::size_t offset_;
};

/// A typed accessor met another type. what() is "expected <type>, found <type>".
class TypeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The kind of a Value.
enum class Type { kNull, kBool, kInt, kDouble, kString, kArray, kObject };

/// Name for messages: "null", "a boolean", "an integer", "a number", "a string",
/// "an array", "an object".
inline const char* TypeName(Type type) noexcept {
  switch (type) {
    case Type::kNull: return "null";
    case Type::kBool: return "a boolean";
    case Type::kInt: return "an integer";
    case Type::kDouble: return "a number";
    case Type::kString: return "a string";
    case Type::kArray: return "an array";
    case Type::kObject: return "an object";
  }
  return "an unknown value";
}

class Value;
/// Elements of an array.
using Array = std::vector<Value>;
/// Members of an object, in document order.
using Object = std::vector<std::pair<std::string, Value>>;

/// A JSON value. Implicitly built from C++ values: Value v = Object{{"a", 1}, {"b", "x"}}.
class Value {
 public:
  /// null.
  Value() = default;
  /// null.
  Value(std::nullptr_t) {}  // NOLINT(google-explicit-constructor): a transparent wrapper
  /// A boolean.
  Value(bool b) : type_(Type::kBool), bool_(b) {}  // NOLINT
  /// An integer; an unsigned value above INT64_MAX becomes a double.
  template <typename T,
            std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Value(T n) : type_(Type::kInt), int_(static_cast<int64_t>(n)) {  // NOLINT
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(int64_t)) {
      if (n > static_cast<T>(std::numeric_limits<int64_t>::max())) {
        type_ = Type::kDouble;
        int_ = 0;
        double_ = static_cast<double>(n);
      }
    }
  }
  /// A number. Dump writes a non-finite one as null.
  Value(double d) : type_(Type::kDouble), double_(d) {}  // NOLINT
  /// A string (UTF-8).
  Value(const char* s) : type_(Type::kString), string_(s) {}  // NOLINT
  /// A string (UTF-8).
  Value(std::string s) : type_(Type::kString), string_(std::move(s)) {}  // NOLINT
  /// A string (UTF-8).
  Value(std::string_view s) : type_(Type::kString), string_(s) {}  // NOLINT
  /// An array.
  Value(Array a) : type_(Type::kArray), array_(std::move(a)) {}  // NOLINT
  /// An object. Dump writes duplicate keys as they are, which Parse would refuse.
  Value(Object o) : type_(Type::kObject), object_(std::move(o)) {}  // NOLINT

  /// The kind of this value.
  Type type() const noexcept { return type_; }
  /// True for null.
  bool is_null() const noexcept { return type_ == Type::kNull; }
  /// True for true and false.
  bool is_bool() const noexcept { return type_ == Type::kBool; }
  /// True for integers (not for doubles, even integral ones).
  bool is_int() const noexcept { return type_ == Type::kInt; }
  /// True for doubles (numbers with a fraction or exponent, or beyond int64).
  bool is_double() const noexcept { return type_ == Type::kDouble; }
  /// True for integers and doubles.
  bool is_number() const noexcept { return is_int() || is_double(); }
  /// True for strings.
  bool is_string() const noexcept { return type_ == Type::kString; }
  /// True for arrays.
  bool is_array() const noexcept { return type_ == Type::kArray; }
  /// True for objects.
  bool is_object() const noexcept { return type_ == Type::kObject; }

  /// The boolean; TypeError otherwise.
  bool as_bool() const {
    Expect(Type::kBool);
    return bool_;
  }
  /// The integer, or a double with no fractional part within int64; TypeError otherwise.
  int64_t as_int() const {
    if (type_ == Type::kInt) return int_;
    if (type_ != Type::kDouble) Mismatch(Type::kInt);
    // 2^63 is exact as a double; every double below it converts without overflow.
    if (!(double_ >= -9223372036854775808.0 && double_ < 9223372036854775808.0)) {
      throw TypeError("expected an integer, found a number outside the 64-bit range");
    }
    if (std::trunc(double_) != double_) {
      throw TypeError("expected an integer, found a number with a fractional part");
    }
    return static_cast<int64_t>(double_);
  }
  /// The number as a double (integers converted); TypeError otherwise.
  double as_double() const {
    if (type_ == Type::kInt) return static_cast<double>(int_);
    Expect(Type::kDouble);
    return double_;
  }
  /// The string; TypeError otherwise.
  const std::string& as_string() const {
    Expect(Type::kString);
    return string_;
  }
  /// The string, to modify; TypeError otherwise.
  std::string& as_string() {
    Expect(Type::kString);
    return string_;
  }
  /// The elements; TypeError otherwise.
  const Array& as_array() const {
    Expect(Type::kArray);
    return array_;
  }
  /// The elements, to modify; TypeError otherwise.
  Array& as_array() {
    Expect(Type::kArray);
    return array_;
  }
  /// The members in document order; TypeError otherwise.
  const Object& as_object() const {
    Expect(Type::kObject);
    return object_;
  }
  /// The members, to modify; TypeError otherwise.
  Object& as_object() {
    Expect(Type::kObject);
    return object_;
  }

  /// The member named `key`, or nullptr when absent or when this is not an object.
  /// A linear search: settings objects are small.
  const Value* find(std::string_view key) const noexcept {
    if (type_ != Type::kObject) return nullptr;
    for (const auto& member : object_) {
      if (member.first == key) return &member.second;
    }
    return nullptr;
  }
  /// The member named `key`, or null when absent: v["a"]["b"] never throws.
  const Value& operator[](std::string_view key) const noexcept {
    const Value* member = find(key);
    return member != nullptr ? *member : Null();
  }
  /// The element at `index`, or null when out of range or when this is not an array.
  const Value& operator[](std::size_t index) const noexcept {
    if (type_ != Type::kArray || index >= array_.size()) return Null();
    return array_[index];
  }
  /// Elements of an array, members of an object, 0 for anything else.
  std::size_t size() const noexcept {
    if (type_ == Type::kArray) return array_.size();
    if (type_ == Type::kObject) return object_.size();
    return 0;
  }

  /// Compact JSON (no spaces). Doubles keep a '.' or exponent so they read back as
  /// doubles, and round-trip exactly; strings are written as stored, not validated.
  std::string Dump() const {
    std::string out;
    DumpTo(out);
    return out;
  }

  /// Same type and same value; objects compare members in order. An integer never equals
  /// a double (1 != 1.0), so Parse(v.Dump()) == v checks types too.
  friend bool operator==(const Value& a, const Value& b) {
    if (a.type_ != b.type_) return false;
    switch (a.type_) {
      case Type::kNull: return true;
      case Type::kBool: return a.bool_ == b.bool_;
      case Type::kInt: return a.int_ == b.int_;
      case Type::kDouble: return a.double_ == b.double_;
      case Type::kString: return a.string_ == b.string_;
      case Type::kArray: return a.array_ == b.array_;
      case Type::kObject: return a.object_ == b.object_;
    }
    return false;
  }
  /// Negation of ==.
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  static const Value& Null() noexcept {
    static const Value null;
    return null;
  }
  [[noreturn]] void Mismatch(Type expected) const {
    throw TypeError(std::string("expected ") + TypeName(expected) + ", found " +
                    TypeName(type_));
  }
  void Expect(Type expected) const {
    if (type_ != expected) Mismatch(expected);
  }
  void DumpTo(std::string& out) const;

  Type type_ = Type::kNull;
  bool bool_ = false;
  int64_t int_ = 0;
  double double_ = 0;
  std::string string_;
  Array array_;
  Object object_;
};

namespace detail {

/// `s` as a JSON string literal, quotes included, appended to `out`.
inline void DumpString(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out += kHex[byte >> 4];
          out += kHex[byte & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

/// Shortest text that reads back as exactly `d` (finite).
inline std::string DoubleText(double d) {
#if GANTRY_JSON_FLOAT_CHARCONV
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
  std::string text(buffer, result.ptr);
#else
  std::string text;
  for (int precision = 15; precision <= 17; ++precision) {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out.precision(precision);
    out << d;
    text = out.str();
    std::istringstream in(text);
    in.imbue(std::locale::classic());
    double back = 0;
    if (in >> back && back == d) break;
  }
#endif
  // "1" would read back as an integer.
  if (text.find_first_of(".eE") == std::string::npos) text += ".0";
  return text;
}

}  // namespace detail

inline void Value::DumpTo(std::string& out) const {
  switch (type_) {
    case Type::kNull: out += "null"; return;
    case Type::kBool: out += bool_ ? "true" : "false"; return;
    case Type::kInt: {
      char buffer[24];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, int_);
      out.append(buffer, result.ptr);
      return;
    }
    case Type::kDouble:
      out += std::isfinite(double_) ? detail::DoubleText(double_) : "null";
      return;
    case Type::kString: detail::DumpString(string_, out); return;
    case Type::kArray: {
      out += '[';
      for (std::size_t i = 0; i < array_.size(); ++i) {
        if (i > 0) out += ',';
        array_[i].DumpTo(out);
      }
      out += ']';
      return;
    }
    case Type::kObject: {
      out += '{';
      for (std::size_t i = 0; i < object_.size(); ++i) {
        if (i > 0) out += ',';
        detail::DumpString(object_[i].first, out);
        out += ':';
        object_[i].second.DumpTo(out);
      }
      out += '}';
      return;
    }
  }
}

namespace detail {

/// Recursive descent over the text; depth is bounded by kMaxDepth.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Value ParseDocument() {
    SkipWhitespace();
    Value value = ParseValue(0);
    SkipWhitespace();
    if (pos_ < text_.size()) Fail("unexpected " + Found() + " after the value");
    return value;
  }

 private:
  [[noreturn]] void Fail(const std::string& problem) const { Fail(pos_, problem); }
  [[noreturn]] static void Fail(std::size_t offset, const std::string& problem) {
    throw ParseError(offset, problem);
  }

  /// What is at pos_, for messages: 'x', byte 0xNN or end of input.
  std::string Found() const {
    if (pos_ >= text_.size()) return "end of input";
    const auto byte = static_cast<unsigned char>(text_[pos_]);
    if (byte >= 0x20 && byte < 0x7F) return std::string("'") + text_[pos_] + "'";
    static constexpr char kHex[] = "0123456789ABCDEF";
    return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF];
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }

  void SkipWhitespace() {
    while (!AtEnd()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      ++pos_;
    }
  }

  void Expect(char c, const char* context) {
    if (Peek() != c) {
      Fail(std::string("expected '") + c + "' " + context + ", found " + Found());
    }
    ++pos_;
  }

  Value ParseValue(int depth) {
    switch (Peek()) {
      case '{': return ParseObject(depth + 1);
      case '[': return ParseArray(depth + 1);
      case '"': return Value(ParseString());
      case 't': ParseLiteral("true"); return Value(true);
      case 'f': ParseLiteral("false"); return Value(false);
      case 'n': ParseLiteral("null"); return Value();
      default:
        if (!AtEnd() && (Peek() == '-' || (Peek() >= '0' && Peek() <= '9'))) {
          return ParseNumber();
        }
        Fail("expected a value, found " + Found());
    }
  }

  void ParseLiteral(std::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) {
      Fail("invalid literal (expected " + std::string(literal) + ")");
    }
    pos_ += literal.size();
  }

  void CheckDepth(int depth) const {
    if (depth > kMaxDepth) {
      Fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    }
  }

  Value ParseArray(int depth) {
    CheckDepth(depth);
    ++pos_;  // '['
    Array items;
    SkipWhitespace();
    if (Peek() == ']') {
      ++pos_;
      return Value(std::move(items));
    }
    for (;;) {
      SkipWhitespace();
      items.push_back(ParseValue(depth));
      SkipWhitespace();
      if (Peek() == ']') {
        ++pos_;
        return Value(std::move(items));
      }
      Expect(',', "or ']' in an array");
      SkipWhitespace();
      if (Peek() == ']') Fail("trailing comma in an array");
    }
  }

  Value ParseObject(int depth) {
    CheckDepth(depth);
    ++pos_;  // '{'
    Object members;
    std::unordered_set<std::string> keys;  // Only once the object is large.
    SkipWhitespace();
    if (Peek() == '}') {
      ++pos_;
      return Value(std::move(members));
    }
    for (;;) {
      SkipWhitespace();
      const std::size_t key_offset = pos_;
      if (Peek() != '"') Fail("expected a string key in an object, found " + Found());
      std::string key = ParseString();
      if (IsDuplicate(members, keys, key)) Fail(key_offset, "duplicate key " + Quoted(key));
      SkipWhitespace();
      Expect(':', "after a key in an object");
      SkipWhitespace();
      Value value = ParseValue(depth);
      members.emplace_back(std::move(key), std::move(value));
      SkipWhitespace();
      if (Peek() == '}') {
        ++pos_;
        return Value(std::move(members));
      }
      Expect(',', "or '}' in an object");
      SkipWhitespace();
      if (Peek() == '}') Fail("trailing comma in an object");
    }
  }

  /// Linear for small objects; a hash set keeps huge ones from going quadratic.
  static bool IsDuplicate(const Object& members, std::unordered_set<std::string>& keys,
                          const std::string& key) {
    constexpr std::size_t kLinear = 16;
    if (members.size() < kLinear) {
      for (const auto& member : members) {
        if (member.first == key) return true;
      }
      return false;
    }
    if (keys.empty()) {
      for (const auto& member : members) keys.insert(member.first);
    }
    return !keys.insert(key).second;
  }

  static std::string Quoted(const std::string& s) {
    std::string out;
    DumpString(s, out);
    return out;
  }

  /// Four hex digits after "\u".
  uint32_t ParseHex4() {
    uint32_t code = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = Peek();
      uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        Fail("expected a hex digit in a \\u escape, found " + Found());
      }
      code = code * 16 + digit;
      ++pos_;
    }
    return code;
  }

  static void AppendUtf8(uint32_t code, std::string& out) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  /// The escape after a backslash (pos_ at the backslash), decoded into `out`.
  void ParseEscape(std::string& out) {
    const std::size_t start = pos_;
    ++pos_;  // '\\'
    const char c = Peek();
    if (AtEnd()) Fail("unterminated string");
    ++pos_;
    switch (c) {
      case '"': out += '"'; return;
      case '\\': out += '\\'; return;
      case '/': out += '/'; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case 'u': break;
      default: Fail(start, "invalid escape '\\" + std::string(1, c) + "' in a string");
    }
    uint32_t code = ParseHex4();
    if (code >= 0xDC00 && code <= 0xDFFF) Fail(start, "unpaired low surrogate in a \\u escape");
    if (code >= 0xD800 && code <= 0xDBFF) {
      if (text_.substr(pos_, 2) != "\\u") {
        Fail(start, "high surrogate not followed by a \\u low surrogate");
      }
      pos_ += 2;
      const uint32_t low = ParseHex4();
      if (low < 0xDC00 || low > 0xDFFF) {
        Fail(start, "high surrogate not followed by a \\u low surrogate");
      }
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(code, out);
  }

  /// Length of the valid UTF-8 sequence at pos_ (lead byte >= 0x80), or 0 (RFC 3629).
  std::size_t Utf8Length() const {
    const auto at = [this](std::size_t i) -> unsigned {
      return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0u;
    };
    const auto cont = [&at](std::size_t i) { return (at(i) & 0xC0) == 0x80; };
    const unsigned lead = at(0);
    if (lead >= 0xC2 && lead <= 0xDF) return cont(1) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
      const unsigned second = at(1);
      // E0 needs A0.. (no overlong forms); ED stops at 9F (no surrogates).
      const unsigned low = lead == 0xE0 ? 0xA0 : 0x80;
      const unsigned high = lead == 0xED ? 0x9F : 0xBF;
      return second >= low && second <= high && cont(2) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      const unsigned second = at(1);
      // F0 needs 90.. (no overlong forms); F4 stops at 8F (nothing above U+10FFFF).
      const unsigned low = lead == 0xF0 ? 0x90 : 0x80;
      const unsigned high = lead == 0xF4 ? 0x8F : 0xBF;
      return second >= low && second <= high && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
  }

  std::string ParseString() {
    const std::size_t start = pos_;
    ++pos_;  // '"'
    std::string out;
    for (;;) {
      if (AtEnd()) Fail(start, "unterminated string");
      const char c = text_[pos_];
      const auto byte = static_cast<unsigned char>(c);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c == '\\') {
        ParseEscape(out);
      } else if (byte < 0x20) {
        Fail("unescaped control character " + Found() + " in a string");
      } else if (byte < 0x80) {
        out += c;
        ++pos_;
      } else {
        const std::size_t length = Utf8Length();
        if (length == 0) Fail("invalid UTF-8 in a string");
        out.append(text_.substr(pos_, length));
        pos_ += length;
      }
    }
  }

  bool Digit() const { return !AtEnd() && Peek() >= '0' && Peek() <= '9'; }

  Value ParseNumber() {
    const std::size_t start = pos_;
    const bool negative = Peek() == '-';
    if (negative) ++pos_;
    if (!Digit()) Fail("expected a digit in a number, found " + Found());
    // Magnitude as uint64, to see whether it fits int64.
    uint64_t magnitude = 0;
    bool fits = true;
    if (Peek() == '0') {
      ++pos_;
      if (Digit()) Fail("leading zero in a number");
    } else {
      while (Digit()) {
        const auto digit = static_cast<uint64_t>(Peek() - '0');
        if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) fits = false;
        if (fits) magnitude = magnitude * 10 + digit;
        ++pos_;
      }
    }
    bool integral = true;
    if (Peek() == '.') {
      integral = false;
      ++pos_;
      if (!Digit()) Fail("expected a digit after '.' in a number, found " + Found());
      while (Digit()) ++pos_;
    }
    if (Peek() == 'e' || Peek() == 'E') {
      integral = false;
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      if (!Digit()) Fail("expected a digit in a number's exponent, found " + Found());
      while (Digit()) ++pos_;
    }
    if (integral && fits) {
      constexpr auto kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
      if (!negative && magnitude <= kMax) return Value(static_cast<int64_t>(magnitude));
      if (negative && magnitude <= kMax + 1) {
        // -(magnitude) computed in unsigned arithmetic, then reinterpreted: no overflow.
        return Value(static_cast<int64_t>(0 - magnitude));
      }
    }
    return Value(ToDouble(start, text_.substr(start, pos_ - start)));
  }

  /// The double for a number already checked against the grammar.
  static double ToDouble(std::size_t offset, std::string_view number) {
    double value = 0;
#if GANTRY_JSON_FLOAT_CHARCONV
    const auto result = std::from_chars(number.data(), number.data() + number.size(), value);
    if (result.ec == std::errc() && result.ptr == number.data() + number.size()) return value;
#else
    std::istringstream in{std::string(number)};
    in.imbue(std::locale::classic());
    in >> value;
    if (!in.fail() && std::isfinite(value)) return value;
    // libc++ flags a denormal result as a failure but stores it: keep it.
    if (DecimalExponent(number) <= 0 && std::fabs(value) < 1) return value;
#endif
    if (DecimalExponent(number) > 0) Fail(offset, "number too large for a double");
    return number[0] == '-' ? -0.0 : 0.0;
  }

  /// Power of ten of the first significant digit (1e300 -> 300, 0.001 -> -3); tells an
  /// overflow from an underflow.
  static long long DecimalExponent(std::string_view number) {
    std::size_t i = number[0] == '-' ? 1 : 0;
    long long exponent = 0;
    const std::size_t integer_start = i;
    while (i < number.size() && number[i] >= '0' && number[i] <= '9') ++i;
    if (number[integer_start] != '0') {
      exponent = static_cast<long long>(i - integer_start) - 1;
    } else if (i < number.size() && number[i] == '.') {
      ++i;
      exponent = -1;
      while (i < number.size() && number[i] == '0') {
        --exponent;
        ++i;
      }
    }
    while (i < number.size() && number[i] != 'e' && number[i] != 'E') ++i;
    if (i < number.size()) {
      ++i;
      const bool negative = number[i] == '-';
      if (number[i] == '-' || number[i] == '+') ++i;
      long long explicit_exponent = 0;
      for (; i < number.size(); ++i) {
        // Clamped: only the sign of the sum matters, and it must not overflow.
        if (explicit_exponent < 1000000000) {
          explicit_exponent = explicit_exponent * 10 + (number[i] - '0');
        }
      }
      exponent += negative ? -explicit_exponent : explicit_exponent;
    }
    return exponent;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace detail

/// Parses one JSON text (any value, surrounded by optional whitespace). Throws ParseError,
/// whose offset() is the byte where the problem is.
inline Value Parse(std::string_view text) { return detail::Parser(text).ParseDocument(); }

}  // namespace gantry::json

#endif  // GANTRY_JSON_HPP
