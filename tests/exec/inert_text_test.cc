#include "core/exec/inert_text.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::exec {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Plain(std::string_view text) { return Neutralised(text, /*keep_sgr=*/false); }
std::string Colour(std::string_view text) { return Neutralised(text, /*keep_sgr=*/true); }

TEST(InertTextTest, PlainTextIsReturnedWithoutACopy) {
  const std::string text = "hello\tworld, caf\xc3\xa9 \xe2\x82\xac\nline two, a bit longer\n";
  std::string scratch;
  const std::string_view shown = Neutralise(text, false, &scratch);
  EXPECT_EQ(shown.data(), text.data());
  EXPECT_EQ(shown, text);
}

TEST(InertTextTest, FindControlFindsTheFirstFlaggedByteInAndAfterBlocks) {
  for (size_t at = 0; at < 40; ++at) {
    std::string text(40, 'a');
    text[at] = '\x1b';
    EXPECT_EQ(FindControl(text), at) << at;
  }
  EXPECT_EQ(FindControl(std::string(40, 'a')), 40u);
  EXPECT_EQ(FindControl("tab\there\nnewline"), 16u);
  EXPECT_EQ(FindControl("0123456789abcdef\x7f"), 16u);
}

TEST(InertTextTest, EraseScreenIsShownNotObeyed) {
  EXPECT_EQ(Plain("\x1b[2Jcleared\n"), "^[[2Jcleared\n");
  EXPECT_EQ(Colour("\x1b[2Jcleared\n"), "^[[2Jcleared\n");
  EXPECT_EQ(Plain("\x1b[H\x1b[1;1Hx"), "^[[H^[[1;1Hx");
}

TEST(InertTextTest, OscSequencesAreShownWithEitherTerminator) {
  EXPECT_EQ(Plain("\x1b]52;c;Zm9v\x07"), "^[]52;c;Zm9v^G");
  EXPECT_EQ(Plain("\x1b]0;title\x1b\\"), "^[]0;title^[\\");
}

TEST(InertTextTest, BareCarriageReturnIsShownButCrLfIsALineEnd) {
  EXPECT_EQ(Plain("fake\rgantry: ok\n"), "fake^Mgantry: ok\n");
  EXPECT_EQ(Plain("one\r\ntwo\r\n"), "one\ntwo\n");
  EXPECT_EQ(Plain("end\r"), "end^M");
}

TEST(InertTextTest, OtherControlsUseCaretNotation) {
  EXPECT_EQ(Plain(std::string("a\0b", 3)), "a^@b");
  EXPECT_EQ(Plain("\x07\x08\x0b\x0c\x7f"), "^G^H^K^L^?");
  EXPECT_EQ(Plain("tab\tkept\n"), "tab\tkept\n");
}

TEST(InertTextTest, C1ControlsInUtf8AreShownOtherTwoByteCharactersKept) {
  EXPECT_EQ(Plain("\xc2\x9b" "2J"), "M-^[2J");  // U+009B, the one-byte CSI
  EXPECT_EQ(Plain("\xc2\x85"), "M-^E");
  EXPECT_EQ(Plain("\xc2\x9d" "0;t\xc2\x9c"), "M-^]0;tM-^\\");
  EXPECT_EQ(Plain("\xc2\xa0\xc2\xbf"), "\xc2\xa0\xc2\xbf");
  EXPECT_EQ(Plain("\xc2"), "\xc2");
}

TEST(InertTextTest, SgrIsDroppedWithoutColourAndKeptWithIt) {
  const std::string text = "\x1b[1;31merror\x1b[0m: bad\n";
  EXPECT_EQ(Plain(text), "error: bad\n");
  // Kept, and the line that kept one ends with a reset.
  EXPECT_EQ(Colour(text), "\x1b[1;31merror\x1b[0m: bad\x1b[0m\n");
  EXPECT_EQ(Colour("\x1b[31mred"), "\x1b[31mred\x1b[0m");
  EXPECT_EQ(Colour("\x1b[38:5:196mx\nplain\n"), "\x1b[38:5:196mx\x1b[0m\nplain\n");
}

TEST(InertTextTest, OnlyWellFormedShortSgrCounts) {
  EXPECT_EQ(Colour("\x1b[31"), "^[[31");         // unfinished
  EXPECT_EQ(Colour("\x1b[?25l"), "^[[?25l");     // private mode: not SGR
  EXPECT_EQ(Colour("\x1b[31;2Hm"), "^[[31;2Hm");  // a cursor move
  const std::string long_sgr = "\x1b[" + std::string(60, '1') + "m";
  EXPECT_EQ(Colour(long_sgr), "^[[" + std::string(60, '1') + "m");
}

TEST(InertTextTest, ASequenceCutAnywhereNeverActs) {
  // Whatever the cut, each piece neutralised on its own holds no ESC but a kept SGR.
  const std::string text = "a\x1b[2Jb\x1b]52;c;Zm9v\x07" "c\rd\x1b[31me";
  for (size_t cut = 0; cut <= text.size(); ++cut) {
    for (bool colour : {false, true}) {
      const std::string joined = Neutralised(text.substr(0, cut), colour) +
                                 Neutralised(text.substr(cut), colour);
      std::string without_sgr = joined;
      for (size_t at; (at = without_sgr.find("\x1b[31m")) != std::string::npos;)
        without_sgr.erase(at, 5);
      for (size_t at; (at = without_sgr.find("\x1b[0m")) != std::string::npos;)
        without_sgr.erase(at, 4);
      EXPECT_THAT(without_sgr, Not(HasSubstr("\x1b"))) << cut;
      EXPECT_THAT(joined, Not(HasSubstr("\r"))) << cut;
      EXPECT_THAT(joined, Not(HasSubstr("\x07"))) << cut;
    }
  }
}

}  // namespace
}  // namespace gantry::exec
