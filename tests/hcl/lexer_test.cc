// The native-syntax lexer: token kinds, places, comments and line endings.
#include "hcl/lexer.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/hcl/hcl_test_support.h"

namespace gantry::terraform::hcl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

struct Lexed {
  std::vector<Token> tokens;
  std::vector<Problem> problems;
};

Lexed Lex(std::string_view text) {
  Lexed lexed;
  lexed.tokens = Lexer(text, "t.tf", lexed.problems).Tokenize();
  return lexed;
}

/// Each token as text, newlines as "\\n", kEnd left out: a compact picture of a lexing.
std::vector<std::string> Texts(const Lexed& lexed) {
  std::vector<std::string> texts;
  for (const Token& token : lexed.tokens) {
    if (token.kind == TokenKind::kEnd) break;
    texts.push_back(token.kind == TokenKind::kNewline ? "\\n" : std::string(token.text));
  }
  return texts;
}

TEST(LexerTest, SplitsNamesNumbersAndOperators) {
  const Lexed lexed = Lex("a-b = x.y[0] >= 1.5e3 && !z ... => == != <= || ?:");
  EXPECT_THAT(Texts(lexed),
              ElementsAre("a-b", "=", "x", ".", "y", "[", "0", "]", ">=", "1.5e3", "&&", "!", "z",
                          "...", "=>", "==", "!=", "<=", "||", "?", ":"));
  EXPECT_EQ(lexed.tokens[0].kind, TokenKind::kIdent);
  EXPECT_EQ(lexed.tokens[9].kind, TokenKind::kNumber);
  EXPECT_THAT(lexed.problems, IsEmpty());
}

TEST(LexerTest, ANumberStopsBeforeAttributeAccess) {
  EXPECT_THAT(Texts(Lex("list.0.id 1.x 2e 3")),
              ElementsAre("list", ".", "0", ".", "id", "1", ".", "x", "2", "e", "3"));
}

TEST(LexerTest, CommentsVanishButLineCommentsKeepTheirNewline) {
  const Lexed lexed = Lex("a # one\nb // two\nc /* three\n still */ d\n");
  EXPECT_THAT(Texts(lexed), ElementsAre("a", "\\n", "b", "\\n", "c", "d", "\\n"));
}

TEST(LexerTest, CommentMarkersInsideStringsAreText) {
  const Lexed lexed = Lex(R"(a = "# not // a /* comment")");
  ASSERT_EQ(lexed.tokens[2].kind, TokenKind::kString);
  EXPECT_EQ(lexed.tokens[2].value, "# not // a /* comment");
}

TEST(LexerTest, TracksLinesAndColumnsInCharacters) {
  const Lexed lexed = Lex("a = 1\n  \"é\" b\n\tc");
  ASSERT_EQ(lexed.tokens.size(), 9u);
  EXPECT_EQ(lexed.tokens[4].line, 2);  // "é"
  EXPECT_EQ(lexed.tokens[4].column, 3);
  EXPECT_EQ(lexed.tokens[5].column, 7);  // b: the two bytes of é are one column
  EXPECT_EQ(lexed.tokens[7].line, 3);    // c after a tab
  EXPECT_EQ(lexed.tokens[7].column, 2);
}

TEST(LexerTest, CrLfIsOneNewline) {
  const Lexed lexed = Lex("a = 1\r\nb = 2\r\n");
  EXPECT_THAT(Texts(lexed), ElementsAre("a", "=", "1", "\\n", "b", "=", "2", "\\n"));
  EXPECT_EQ(lexed.tokens[4].line, 2);
  EXPECT_EQ(lexed.tokens[4].column, 1);
}

TEST(LexerTest, SkipsAByteOrderMark) {
  const Lexed lexed =
      Lex("\xEF\xBB\xBF"
          "a = 1");
  EXPECT_EQ(lexed.tokens[0].text, "a");
  EXPECT_EQ(lexed.tokens[0].column, 1);
  EXPECT_THAT(lexed.problems, IsEmpty());
}

TEST(LexerTest, NonAsciiNamesPassThrough) {
  const Lexed lexed = Lex("größe = 1");
  EXPECT_EQ(lexed.tokens[0].kind, TokenKind::kIdent);
  EXPECT_EQ(lexed.tokens[0].text, "größe");
}

TEST(LexerTest, AStringWithInterpolationIsOneToken) {
  const Lexed lexed = Lex(R"(x = "a ${f("}", {b = "${c}"})} d" y)");
  EXPECT_THAT(Texts(lexed), ElementsAre("x", "=", R"("a ${f("}", {b = "${c}"})} d")", "y"));
  EXPECT_TRUE(lexed.tokens[2].templated);
}

TEST(LexerTest, AHeredocIsOneTokenEndingBeforeItsNewline) {
  const Lexed lexed = Lex("x = <<EOT\nline\nEOT\ny = 1\n");
  EXPECT_THAT(Texts(lexed), ElementsAre("x", "=", "<<EOT\nline\nEOT", "\\n", "y", "=", "1", "\\n"));
  EXPECT_EQ(lexed.tokens[2].kind, TokenKind::kHeredoc);
}

TEST(LexerTest, ShiftLikeTextIsNoHeredoc) {
  EXPECT_THAT(Texts(Lex("a << b\n")), ElementsAre("a", "<", "<", "b", "\\n"));
}

TEST(LexerTest, ReportsAnInvalidCharacterAndGoesOn) {
  const Lexed lexed = Lex("a = @b");
  EXPECT_THAT(Texts(lexed), ElementsAre("a", "=", "@", "b"));
  EXPECT_EQ(lexed.tokens[2].kind, TokenKind::kInvalid);
  ASSERT_EQ(lexed.problems.size(), 1u);
  EXPECT_EQ(LineColumn(lexed.problems[0].where), "1:5");
  EXPECT_THAT(lexed.problems[0].message, HasSubstr("unexpected character '@'"));
}

TEST(LexerTest, ExplainsSingleQuotes) {
  const Lexed lexed = Lex("a = 'b'");
  ASSERT_FALSE(lexed.problems.empty());
  EXPECT_THAT(lexed.problems[0].message, HasSubstr("use double quotes"));
}

TEST(LexerTest, ReportsAnUnterminatedComment) {
  const Lexed lexed = Lex("a = 1\n  /* open\n");
  ASSERT_EQ(lexed.problems.size(), 1u);
  EXPECT_EQ(LineColumn(lexed.problems[0].where), "2:3");
  EXPECT_THAT(lexed.problems[0].message, HasSubstr("unterminated comment"));
}

TEST(LexerTest, StopsAtTemplatesNestedTooDeep) {
  std::string text = "x = ";
  for (int i = 0; i < 400; ++i) text += "\"${";
  const Lexed lexed = Lex(text);
  ASSERT_FALSE(lexed.problems.empty());
  EXPECT_THAT(lexed.problems[0].message, HasSubstr("nested deeper than 256"));
  EXPECT_EQ(lexed.tokens.back().kind, TokenKind::kEnd);
}

}  // namespace
}  // namespace gantry::terraform::hcl
