// Reading packer's -machine-readable stream: escapes, ui lines, artifacts, errors.
#include "packer/machine_readable.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::packer {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

TEST(MachineReadableTest, SplitsFieldsAndUnescapesEachOne) {
  const auto line = ParseMachineLine(
      "1796298362,b.null.two,artifact,0,string,a%!(PACKER_COMMA) b\\nc,extra");
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->timestamp, "1796298362");
  EXPECT_EQ(line->target, "b.null.two");
  EXPECT_EQ(line->type, "artifact");
  EXPECT_THAT(line->data, ElementsAre("0", "string", "a, b\nc", "extra"));
}

TEST(MachineReadableTest, LinesThatAreNotMachineReadable) {
  EXPECT_FALSE(ParseMachineLine("panic: runtime error").has_value());
  EXPECT_FALSE(ParseMachineLine("12x,,ui,say,hi").has_value());
  EXPECT_FALSE(ParseMachineLine("12,,").has_value());
  EXPECT_FALSE(ParseMachineLine("").has_value());
  EXPECT_TRUE(ParseMachineLine("12,,ui,say,hi\r").has_value());
}

TEST(MachineReadableTest, UnescapesCommasNewlinesAndCarriageReturns) {
  EXPECT_EQ(Unescape("x%!(PACKER_COMMA)y%!(PACKER_COMMA)"), "x,y,");
  EXPECT_EQ(Unescape("a\\nb\\r\\n"), "a\nb\r\n");
  EXPECT_EQ(Unescape("back\\slash \\t"), "back\\slash \\t");
  EXPECT_EQ(Unescape("%!(PACKER_COMM"), "%!(PACKER_COMM");
}

TEST(MachineReadableTest, UiLinesAreShownAsPackerWouldPrintThem) {
  MachineReadableLog log;
  auto say = log.Add("1,,ui,say,==> b.null.one: Running%!(PACKER_COMMA) really");
  ASSERT_TRUE(say.has_value());
  EXPECT_FALSE(say->is_error);
  EXPECT_EQ(say->text, "==> b.null.one: Running, really\n");
  auto message = log.Add("1,,ui,message,    b.null.one: hi\\n");
  EXPECT_EQ(message->text, "    b.null.one: hi\n") << "one newline, not two";
  auto blank = log.Add("1,,ui,say,\\n==> Wait completed");
  EXPECT_EQ(blank->text, "\n==> Wait completed\n");
  auto error = log.Add("1,,ui,error,Error: bad\\n\\nmore");
  EXPECT_TRUE(error->is_error);
  EXPECT_EQ(error->text, "Error: bad\n\nmore\n");
  auto stray = log.Add("a plugin's own print");
  ASSERT_TRUE(stray.has_value()) << "nothing packer prints is lost";
  EXPECT_EQ(stray->text, "a plugin's own print\n");
  EXPECT_FALSE(log.Add("1,b.null.one,artifact-count,1").has_value()) << "data, not shown";
}

TEST(MachineReadableTest, ArtifactsOfSeveralBuilds) {
  MachineReadableLog log;
  for (const char* line : {
           "1,b.null.two,artifact-count,2",
           "1,b.null.two,artifact,0,builder-id,fnoeding.null",
           "1,b.null.two,artifact,0,id,us-east-1:ami-1%!(PACKER_COMMA)us-west-2:ami-2",
           "1,b.null.two,artifact,0,end",
           "1,b.null.two,artifact,1,id,from-post-processor",
           "1,b.null.one,artifact-count,1",
           "1,b.null.one,artifact,0,id,Null",
       })
    log.Add(line);
  EXPECT_THAT(log.builds_with_artifacts(), ElementsAre("b.null.two", "b.null.one"));
  EXPECT_THAT(log.FirstArtifactIds(),
              ElementsAre(Pair("b.null.one", "Null"),
                          Pair("b.null.two", "us-east-1:ami-1,us-west-2:ami-2")));
  EXPECT_EQ(log.ErrorSummary(), "");
}

TEST(MachineReadableTest, ErrorSummaryPrefersEachBuildsOwnError) {
  MachineReadableLog log;
  log.Add("1,,ui,error,Build 'b.null.two' errored after 655 milliseconds");
  log.Add("1,,ui,error,\\n==> Some builds didn't complete successfully and had errors:");
  log.Add("1,b.null.two,error,1 error(s) occurred:\\n\\n* Post-processor failed: Unable to "
          "write out/manifest.json");
  log.Add("1,b.null.one,error,boom");
  EXPECT_EQ(log.ErrorSummary(),
            "b.null.two: 1 error(s) occurred: * Post-processor failed: Unable to write "
            "out/manifest.json; b.null.one: boom");
  MachineReadableLog validate;
  validate.Add("1,,ui,error,Error: Unsupported argument\\n\\n  on t.pkr.hcl line 3:\\n  (source "
               "code not available)\\n\\nAn argument named \"bogus\" is not expected here.\\n\\n");
  EXPECT_EQ(validate.ErrorSummary(),
            "Error: Unsupported argument on t.pkr.hcl line 3: (source code not available) An "
            "argument named \"bogus\" is not expected here.");
}

TEST(MachineReadableTest, OneLineIsCutAtACharacterBoundary) {
  EXPECT_EQ(OneLine("  a \n\n\t b  \n"), "a b");
  EXPECT_EQ(OneLine("abcdef", 3), "abc...");
  EXPECT_EQ(OneLine("ab\xc3\xa9", 3), "ab...") << "never half of a UTF-8 character";
  EXPECT_THAT(OneLine(""), IsEmpty());
}

}  // namespace
}  // namespace gantry::packer
