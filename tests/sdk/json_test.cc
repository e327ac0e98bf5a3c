// gantry/json.hpp: values, strictness, error offsets, escapes, numbers, Dump round-trips,
// and random input that must never crash the parser.
#include "gantry/json.hpp"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::json {
namespace {

using ::testing::HasSubstr;
using namespace std::string_literals;

// The ParseError for `text`; fails the test when it parses.
ParseError ErrorOf(std::string_view text) {
  try {
    const Value value = Parse(text);
    ADD_FAILURE() << "parsed: " << std::string(text) << " as " << value.Dump();
  } catch (const ParseError& error) {
    return error;
  }
  return ParseError(static_cast<std::size_t>(-1), "no error");
}

std::string TypeErrorOf(const std::function<void()>& access) {
  try {
    access();
  } catch (const TypeError& error) {
    return error.what();
  }
  return "no TypeError";
}

TEST(JsonTest, ParsesScalars) {
  EXPECT_TRUE(Parse("null").is_null());
  EXPECT_TRUE(Parse("true").as_bool());
  EXPECT_FALSE(Parse("false").as_bool());
  EXPECT_EQ(Parse("42").as_int(), 42);
  EXPECT_TRUE(Parse("42").is_int());
  EXPECT_EQ(Parse("-7").as_int(), -7);
  EXPECT_DOUBLE_EQ(Parse("2.5").as_double(), 2.5);
  EXPECT_TRUE(Parse("2.5").is_double());
  EXPECT_DOUBLE_EQ(Parse("-1.25e2").as_double(), -125.0);
  EXPECT_DOUBLE_EQ(Parse("1E+2").as_double(), 100.0);
  EXPECT_DOUBLE_EQ(Parse("1e-2").as_double(), 0.01);
  EXPECT_EQ(Parse(R"("hi")").as_string(), "hi");
  EXPECT_EQ(Parse(" \t\r\n 1 \t\r\n ").as_int(), 1);
}

TEST(JsonTest, IntegersAndDoubles) {
  EXPECT_EQ(Parse("9223372036854775807").as_int(), std::numeric_limits<int64_t>::max());
  EXPECT_TRUE(Parse("9223372036854775807").is_int());
  EXPECT_EQ(Parse("-9223372036854775808").as_int(), std::numeric_limits<int64_t>::min());
  EXPECT_TRUE(Parse("-9223372036854775808").is_int());
  // One beyond either end is a double.
  EXPECT_TRUE(Parse("9223372036854775808").is_double());
  EXPECT_DOUBLE_EQ(Parse("9223372036854775808").as_double(), 9223372036854775808.0);
  EXPECT_TRUE(Parse("-9223372036854775809").is_double());
  EXPECT_TRUE(Parse("123456789012345678901234567890").is_double());
  EXPECT_DOUBLE_EQ(Parse("123456789012345678901234567890").as_double(), 1.2345678901234568e29);
  // A fraction or an exponent makes a double, even when integral.
  EXPECT_TRUE(Parse("1.0").is_double());
  EXPECT_TRUE(Parse("1e2").is_double());
  EXPECT_TRUE(Parse("-0").is_int());
  EXPECT_EQ(Parse("-0").as_int(), 0);
  EXPECT_TRUE(Parse("-0.0").is_double());
  EXPECT_TRUE(std::signbit(Parse("-0.0").as_double()));
  // Underflow is zero (keeping the sign); overflow is an error.
  EXPECT_EQ(Parse("1e-400").as_double(), 0.0);
  EXPECT_TRUE(std::signbit(Parse("-1e-400").as_double()));
  EXPECT_EQ(Parse("0.000000000000000000000000000000000000000000001e-300").as_double(), 0.0);
  EXPECT_DOUBLE_EQ(Parse("5e-324").as_double(), 5e-324);
  EXPECT_DOUBLE_EQ(Parse("1.7976931348623157e308").as_double(), 1.7976931348623157e308);
  EXPECT_THAT(ErrorOf("[1e400]").what(), HasSubstr("at byte 1: number too large for a double"));
  EXPECT_EQ(ErrorOf("-1e400").offset(), 0u);
  EXPECT_EQ(ErrorOf(std::string(400, '9')).offset(), 0u);
}

TEST(JsonTest, HugeExponentsDoNotOverflowTheMagnitudeCheck) {
  EXPECT_EQ(Parse("1e-99999999999999999999999999").as_double(), 0.0);
  EXPECT_EQ(ErrorOf("1e99999999999999999999999999").offset(), 0u);
  EXPECT_EQ(Parse("0.0e99999999999999999999").as_double(), 0.0);
}

TEST(JsonTest, ObjectsKeepOrderAndAnswerLookups) {
  const Value v = Parse(R"({"z": 1, "a": [true, null, "s"], "m": {"k": "v"}})");
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(v.size(), 3u);
  std::vector<std::string> keys;
  for (const auto& [key, value] : v.as_object()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"z", "a", "m"}));
  ASSERT_NE(v.find("a"), nullptr);
  EXPECT_EQ(v.find("a")->size(), 3u);
  EXPECT_EQ(v.find("missing"), nullptr);
  EXPECT_EQ(v["m"]["k"].as_string(), "v");
  EXPECT_TRUE(v["a"][1].is_null());
  EXPECT_EQ(v["a"][2].as_string(), "s");
  // Absent members, out-of-range indexes and the wrong container are null, not errors.
  EXPECT_TRUE(v["nope"]["deeper"].is_null());
  EXPECT_TRUE(v["a"][3].is_null());
  EXPECT_TRUE(v["z"]["x"].is_null());
  EXPECT_TRUE(v["m"][0].is_null());
  EXPECT_EQ(v["z"].find("x"), nullptr);
  EXPECT_EQ(v["z"].size(), 0u);
  EXPECT_EQ(Parse("[]").size(), 0u);
  EXPECT_EQ(Parse("{}").size(), 0u);
  EXPECT_EQ(Parse(R"({"":1})")[""].as_int(), 1);
}

TEST(JsonTest, Escapes) {
  EXPECT_EQ(Parse(R"("\"\\\/\b\f\n\r\t")").as_string(), "\"\\/\b\f\n\r\t");
  EXPECT_EQ(Parse(R"("\u0041\u00e9\u20AC")").as_string(), "A\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(Parse(R"("a\u0000b")").as_string(), "a\0b"s);
  // A surrogate pair is one code point: U+1F600, four UTF-8 bytes.
  EXPECT_EQ(Parse(R"("\ud83d\ude00")").as_string(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(Parse(R"("\uD800\uDC00")").as_string(), "\xF0\x90\x80\x80");  // U+10000
  EXPECT_EQ(Parse(R"("\uDBFF\uDFFF")").as_string(), "\xF4\x8F\xBF\xBF");  // U+10FFFF
  // Raw UTF-8 passes through.
  EXPECT_EQ(Parse("\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"").as_string(),
            "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST(JsonTest, BadSurrogates) {
  const ParseError lone_high = ErrorOf(R"(["\ud83d"])");
  EXPECT_EQ(lone_high.offset(), 2u);
  EXPECT_THAT(lone_high.what(), HasSubstr("high surrogate not followed by a \\u low surrogate"));
  EXPECT_EQ(ErrorOf(R"("\ud83dx")").offset(), 1u);
  EXPECT_EQ(ErrorOf(R"("\ud83d\ud83d")").offset(), 1u);
  EXPECT_EQ(ErrorOf(R"("\ud83d\u0041")").offset(), 1u);
  const ParseError lone_low = ErrorOf(R"("ab\ude00")");
  EXPECT_EQ(lone_low.offset(), 3u);
  EXPECT_THAT(lone_low.what(), HasSubstr("unpaired low surrogate"));
  EXPECT_EQ(ErrorOf(R"("\ud83d\u")").offset(), 9u);
}

TEST(JsonTest, InvalidUtf8) {
  struct Case {
    std::string text;
    std::size_t offset;
  };
  const std::vector<Case> cases = {
      {"\"\x80\"", 1},                  // lone continuation byte
      {"\"ab\xC0\x80\"", 3},            // overlong NUL
      {"\"\xC1\xBF\"", 1},              // overlong ASCII
      {"\"\xE0\x80\x80\"", 1},          // overlong three-byte form
      {"\"\xED\xA0\x80\"", 1},          // encoded surrogate U+D800
      {"\"\xF0\x80\x80\x80\"", 1},      // overlong four-byte form
      {"\"\xF4\x90\x80\x80\"", 1},      // above U+10FFFF
      {"\"\xF5\x80\x80\x80\"", 1},      // invalid lead byte
      {"\"\xFF\"", 1},                  // invalid lead byte
      {"\"\xE2\x82\"", 1},              // truncated
      {"\"\xE2\x82", 1},                // truncated at end of input
      {"\"\xC3\x28\"", 1},              // bad continuation
  };
  for (const Case& c : cases) {
    const ParseError error = ErrorOf(c.text);
    EXPECT_EQ(error.offset(), c.offset) << c.text;
    EXPECT_THAT(error.what(), HasSubstr("invalid UTF-8 in a string")) << c.text;
  }
  EXPECT_EQ(Parse("\"\xED\x9F\xBF\"").as_string(), "\xED\x9F\xBF");  // U+D7FF is fine
  EXPECT_EQ(Parse("\"\xEF\xBF\xBF\"").as_string(), "\xEF\xBF\xBF");  // U+FFFF is fine
}

TEST(JsonTest, EveryBadInputClassHasItsOffsetAndMessage) {
  struct Case {
    std::string text;
    std::size_t offset;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", 0, "expected a value, found end of input"},
      {"   ", 3, "expected a value, found end of input"},
      {"[1,]", 3, "trailing comma in an array"},
      {"[1, ]", 4, "trailing comma in an array"},
      {R"({"a":1,})", 7, "trailing comma in an object"},
      {"[1 2]", 3, "expected ',' or ']' in an array, found '2'"},
      {"[1", 2, "expected ',' or ']' in an array, found end of input"},
      {"[", 1, "expected a value, found end of input"},
      {"{", 1, "expected a string key in an object, found end of input"},
      {R"({"a" 1})", 5, "expected ':' after a key in an object, found '1'"},
      {R"({"a":1 "b":2})", 7, "expected ',' or '}' in an object, found '\"'"},
      {R"({"a")", 4, "expected ':' after a key in an object, found end of input"},
      {R"({"a":})", 5, "expected a value, found '}'"},
      {"{a:1}", 1, "expected a string key in an object, found 'a'"},
      {"{1:1}", 1, "expected a string key in an object, found '1'"},
      {R"({"a":1,"a":2})", 7, "duplicate key \"a\""},
      {"// comment\n1", 0, "expected a value, found '/'"},
      {"/* c */ 1", 0, "expected a value, found '/'"},
      {"[1] // c", 4, "unexpected '/' after the value"},
      {"[1] x", 4, "unexpected 'x' after the value"},
      {"1 2", 2, "unexpected '2' after the value"},
      {"'a'", 0, "expected a value, found '''"},
      {"01", 1, "leading zero in a number"},
      {"-01", 2, "leading zero in a number"},
      {"-", 1, "expected a digit in a number, found end of input"},
      {"-a", 1, "expected a digit in a number, found 'a'"},
      {"+1", 0, "expected a value, found '+'"},
      {".5", 0, "expected a value, found '.'"},
      {"1.", 2, "expected a digit after '.' in a number, found end of input"},
      {"1.e5", 2, "expected a digit after '.' in a number, found 'e'"},
      {"1e", 2, "expected a digit in a number's exponent, found end of input"},
      {"1e+", 3, "expected a digit in a number's exponent, found end of input"},
      {"0x10", 1, "unexpected 'x' after the value"},
      {"NaN", 0, "expected a value, found 'N'"},
      {"Infinity", 0, "expected a value, found 'I'"},
      {"-Infinity", 1, "expected a digit in a number, found 'I'"},
      {"tru", 0, "invalid literal (expected true)"},
      {"nul", 0, "invalid literal (expected null)"},
      {"True", 0, "expected a value, found 'T'"},
      {"falsey", 5, "unexpected 'y' after the value"},
      {"\"abc", 0, "unterminated string"},
      {"[\"abc\\", 6, "unterminated string"},
      {"\"a\tb\"", 2, "unescaped control character byte 0x09 in a string"},
      {"\"a\nb\"", 2, "unescaped control character byte 0x0A in a string"},
      {R"("\x")", 1, "invalid escape '\\x' in a string"},
      {R"("\U0041")", 1, "invalid escape '\\U' in a string"},
      {R"("\u12G4")", 5, "expected a hex digit in a \\u escape, found 'G'"},
      {R"("\u12)", 5, "expected a hex digit in a \\u escape, found end of input"},
      {"\xEF\xBB\xBF{}", 0, "expected a value, found byte 0xEF"},  // no BOM
      {"\f1", 0, "expected a value, found byte 0x0C"},               // only 4 spaces
  };
  for (const Case& c : cases) {
    const ParseError error = ErrorOf(c.text);
    EXPECT_EQ(error.offset(), c.offset) << c.text;
    EXPECT_EQ(std::string(error.what()),
              "invalid JSON at byte " + std::to_string(c.offset) + ": " + c.message)
        << c.text;
  }
}

TEST(JsonTest, NulBytesAreBytesLikeAnyOther) {
  EXPECT_STREQ(ErrorOf("\0"s).what(), "invalid JSON at byte 0: expected a value, found byte 0x00");
  EXPECT_STREQ(ErrorOf("[1]\0"s).what(),
               "invalid JSON at byte 3: unexpected byte 0x00 after the value");
  EXPECT_STREQ(ErrorOf("\"a\0\""s).what(),
               "invalid JSON at byte 2: unescaped control character byte 0x00 in a string");
}

TEST(JsonTest, DepthLimit) {
  const auto nested = [](int depth, char open, char close) {
    return std::string(depth, open) + std::string(depth, close);
  };
  EXPECT_NO_THROW(Parse(nested(kMaxDepth, '[', ']')));
  const ParseError too_deep = ErrorOf(nested(kMaxDepth + 1, '[', ']'));
  EXPECT_EQ(too_deep.offset(), static_cast<std::size_t>(kMaxDepth));
  EXPECT_THAT(too_deep.what(), HasSubstr("nesting deeper than 256 levels"));
  // Far deeper input fails at the same place instead of overflowing the stack.
  EXPECT_EQ(ErrorOf(std::string(1000000, '[')).offset(), static_cast<std::size_t>(kMaxDepth));
  std::string objects;
  for (int i = 0; i < kMaxDepth; ++i) objects += R"({"k":)";
  objects += "1" + std::string(kMaxDepth, '}');
  EXPECT_EQ(Parse(objects).Dump(), objects);
  EXPECT_EQ(ErrorOf(R"({"k":)" + objects + "}").offset(), 5u * kMaxDepth);
}

TEST(JsonTest, LargeObjectsFindDuplicates) {
  std::string text = "{";
  for (int i = 0; i < 1000; ++i) {
    text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  }
  const std::string distinct = text + "\"end\":0}";
  EXPECT_EQ(Parse(distinct).size(), 1001u);
  EXPECT_EQ(Parse(distinct)["k999"].as_int(), 999);
  const std::string duplicate = text + "\"k500\":0}";
  const ParseError error = ErrorOf(duplicate);
  EXPECT_EQ(error.offset(), text.size());
  EXPECT_THAT(error.what(), HasSubstr("duplicate key \"k500\""));
}

TEST(JsonTest, TypeErrorsNameExpectedAndFound) {
  const Value v = Parse(R"({"n": 7, "d": 2.5, "s": "x", "a": [], "o": {}, "z": null, "b": true})");
  EXPECT_EQ(TypeErrorOf([&] { (void)v["n"].as_string(); }), "expected a string, found an integer");
  EXPECT_EQ(TypeErrorOf([&] { (void)v["s"].as_int(); }), "expected an integer, found a string");
  EXPECT_EQ(TypeErrorOf([&] { (void)v["d"].as_int(); }),
            "expected an integer, found a number with a fractional part");
  EXPECT_EQ(TypeErrorOf([&] { (void)Parse("1e19").as_int(); }),
            "expected an integer, found a number outside the 64-bit range");
  EXPECT_EQ(TypeErrorOf([&] { (void)v["s"].as_double(); }), "expected a number, found a string");
  EXPECT_EQ(TypeErrorOf([&] { (void)v["z"].as_bool(); }), "expected a boolean, found null");
  EXPECT_EQ(TypeErrorOf([&] { (void)v["o"].as_array(); }), "expected an array, found an object");
  EXPECT_EQ(TypeErrorOf([&] { (void)v["a"].as_object(); }), "expected an object, found an array");
  EXPECT_EQ(TypeErrorOf([&] { (void)v["b"].as_string(); }), "expected a string, found a boolean");
  EXPECT_EQ(TypeErrorOf([&] { (void)v["missing"].as_string(); }), "expected a string, found null");
  // Integral doubles are integers; integers are numbers.
  EXPECT_EQ(Parse("3.0").as_int(), 3);
  EXPECT_EQ(Parse("-1e3").as_int(), -1000);
  EXPECT_EQ(Parse("-9223372036854775808.0").as_int(), std::numeric_limits<int64_t>::min());
  EXPECT_DOUBLE_EQ(v["n"].as_double(), 7.0);
}

TEST(JsonTest, DumpIsCompactAndEscaped) {
  EXPECT_EQ(Parse(R"( { "a" : [ 1 , 2.5 , true , false , null ] , "b" : { } , "c" : [ ] } )")
                .Dump(),
            R"({"a":[1,2.5,true,false,null],"b":{},"c":[]})");
  EXPECT_EQ(Value("q\"b\\s/\b\f\n\r\t\x01\x1f\x7f").Dump(),
            R"("q\"b\\s/\b\f\n\r\t\u0001\u001f)"
            "\x7f\"");
  EXPECT_EQ(Value("a\0b"s).Dump(), R"("a\u0000b")");
  EXPECT_EQ(Value("\xC3\xA9").Dump(), "\"\xC3\xA9\"");
  // Doubles read back as doubles.
  EXPECT_EQ(Value(100.0).Dump(), "100.0");
  EXPECT_EQ(Value(-0.0).Dump(), "-0.0");
  EXPECT_EQ(Value(0.1).Dump(), "0.1");
  EXPECT_EQ(Value(1e20).Dump(), "1e+20");
  EXPECT_EQ(Value(-2.5e-7).Dump(), "-2.5e-07");
  EXPECT_EQ(Value(std::numeric_limits<double>::quiet_NaN()).Dump(), "null");
  EXPECT_EQ(Value(-std::numeric_limits<double>::infinity()).Dump(), "null");
  EXPECT_EQ(Value(std::numeric_limits<int64_t>::min()).Dump(), "-9223372036854775808");
  const Value above_int64(uint64_t{18446744073709551615u});
  EXPECT_TRUE(above_int64.is_double());
  EXPECT_EQ(Parse(above_int64.Dump()), Value(18446744073709551616.0));
  EXPECT_TRUE(Value(uint64_t{9223372036854775807u}).is_int());
  EXPECT_EQ(Value(7u).Dump(), "7");
  EXPECT_EQ(Value().Dump(), "null");
  EXPECT_EQ(Value(Object{{"k", Array{1, "two", 3.5, nullptr, false}}}).Dump(),
            R"({"k":[1,"two",3.5,null,false]})");
}

TEST(JsonTest, EqualityIsTyped) {
  EXPECT_EQ(Parse("1"), Value(1));
  EXPECT_NE(Parse("1"), Parse("1.0"));
  EXPECT_NE(Parse("0"), Parse("false"));
  EXPECT_NE(Parse("null"), Parse("false"));
  EXPECT_NE(Parse(R"("1")"), Parse("1"));
  EXPECT_EQ(Parse(R"({"a":1,"b":[2]})"), Parse(R"({ "a": 1, "b": [ 2 ] })"));
  EXPECT_NE(Parse(R"({"a":1,"b":2})"), Parse(R"({"b":2,"a":1})"));
  EXPECT_NE(Parse("[1,2]"), Parse("[1,2,3]"));
  EXPECT_NE(Parse(R"({"a":1})"), Parse(R"({"a":2})"));
}

TEST(JsonTest, RoundTrips) {
  const std::vector<std::string> documents = {
      R"({"commands":{"apply":["./x.sh","--yes"],"plan":"./p.sh"},"retries":3,"ratio":0.25})",
      R"([1,-1,0,-0.0,1.5,1e+300,5e-324,9223372036854775807,-9223372036854775808])",
      R"(["\u0000\u001f\"\\","\ud83d\ude00","é€",""])",
      R"({"":{"":[[],{},[{}]]}})",
      R"("top-level string")",
      "true",
      "null",
      "-123",
  };
  for (const std::string& document : documents) {
    const Value value = Parse(document);
    const std::string dumped = value.Dump();
    EXPECT_EQ(Parse(dumped), value) << document;
    EXPECT_EQ(Parse(dumped).Dump(), dumped) << document;
  }
  EXPECT_EQ(Parse(R"("\ud83d\ude00")").Dump(), "\"\xF0\x9F\x98\x80\"");
}

// --- Randomized: fixed seeds, bounded work ----------------------------------------------

class RandomValues {
 public:
  explicit RandomValues(uint32_t seed) : random_(seed) {}

  Value Make(int depth) {
    switch (Pick(depth < 4 ? 8 : 6)) {
      case 0: return Value();
      case 1: return Value(Pick(2) == 0);
      case 2: return Value(Integer());
      case 3: return Value(Double());
      case 4:
      case 5: return Value(String());
      case 6: {
        Array items;
        for (int n = Pick(5); n > 0; --n) items.push_back(Make(depth + 1));
        return Value(std::move(items));
      }
      default: {
        Object members;
        for (int n = Pick(5); n > 0; --n) {
          members.emplace_back(String() + "#" + std::to_string(n), Make(depth + 1));
        }
        return Value(std::move(members));
      }
    }
  }

  int Pick(int n) { return static_cast<int>(random_() % static_cast<uint32_t>(n)); }

 private:
  int64_t Integer() {
    switch (Pick(4)) {
      case 0: return std::numeric_limits<int64_t>::min() + Pick(3);
      case 1: return std::numeric_limits<int64_t>::max() - Pick(3);
      case 2: return Pick(2001) - 1000;
      default: return static_cast<int64_t>((uint64_t{random_()} << 32) | random_());
    }
  }

  double Double() {
    if (Pick(2) == 0) return (Pick(200001) - 100000) / 64.0;
    for (;;) {  // Any finite bit pattern, denormals included.
      const uint64_t bits = (uint64_t{random_()} << 32) | random_();
      double d = 0;
      std::memcpy(&d, &bits, sizeof d);
      if (std::isfinite(d)) return d;
    }
  }

  // Valid UTF-8 from code points across every encoded length, controls and quotes included.
  std::string String() {
    static const std::vector<uint32_t> kStarts = {0, 0x20, 0x7F, 0x800, 0xE000, 0x10000};
    std::string out;
    for (int n = Pick(8); n > 0; --n) {
      const uint32_t start = kStarts[static_cast<std::size_t>(Pick(6))];
      uint32_t code = start + static_cast<uint32_t>(Pick(300));
      if (code >= 0xD800 && code <= 0xDFFF) code = '?';
      AppendUtf8(code, out);
    }
    return out;
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

  std::mt19937 random_;
};

TEST(JsonTest, RandomValuesRoundTrip) {
  RandomValues values(20240613);
  for (int i = 0; i < 2000; ++i) {
    const Value value = values.Make(0);
    const std::string dumped = value.Dump();
    Value back;
    ASSERT_NO_THROW(back = Parse(dumped)) << dumped;
    ASSERT_EQ(back, value) << dumped;
    ASSERT_EQ(back.Dump(), dumped);
  }
}

// Random bytes and mutated documents: each either parses (and then round-trips) or throws
// ParseError at an offset inside the text; nothing else, and never a crash.
TEST(JsonTest, RandomInputOnlyEverThrowsParseError) {
  const auto start = std::chrono::steady_clock::now();
  std::mt19937 random(7);
  const std::string alphabet = "{}[],:\"\\/ \t\n0123456789.-+eEtrufalsn\x80\xC3\xBF\xED\xF0u";
  RandomValues values(99);
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    if (i % 2 == 0) {
      const std::size_t length = random() % 24;
      for (std::size_t j = 0; j < length; ++j) {
        text += i % 4 == 0 ? static_cast<char>(random() % 256)
                           : alphabet[random() % alphabet.size()];
      }
    } else {
      text = values.Make(0).Dump();
      for (int edits = 1 + static_cast<int>(random() % 3); edits > 0 && !text.empty(); --edits) {
        const std::size_t at = random() % text.size();
        switch (random() % 3) {
          case 0: text[at] = static_cast<char>(random() % 256); break;
          case 1: text.erase(at, 1); break;
          default: text.insert(at, 1, alphabet[random() % alphabet.size()]);
        }
      }
    }
    try {
      const Value value = Parse(text);
      ++parsed;
      ASSERT_EQ(Parse(value.Dump()), value) << text;
    } catch (const ParseError& error) {
      ASSERT_LE(error.offset(), text.size()) << text;
    }
  }
  EXPECT_GT(parsed, 100);  // The mutations leave some documents valid.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace gantry::json
