// Native syntax structure: bodies, blocks, labels, comments, and recovery from errors.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hcl/native_parser.h"
#include "tests/hcl/hcl_test_support.h"

namespace gantry::terraform::hcl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

File Parse(std::string_view text) { return ParseNative(text, "main.tf"); }

TEST(NativeStructureTest, ReadsBlocksWithZeroToManyLabels) {
  const File file = Parse(R"(terraform {}
locals {}
variable "region" {}
resource "aws_vpc" "main" {}
resource aws_vpc bare {}
thing "a" b "c" {}
)");
  EXPECT_THAT(file.problems, IsEmpty());
  ASSERT_THAT(file.blocks, SizeIs(6));
  EXPECT_EQ(file.blocks[0].type, "terraform");
  EXPECT_THAT(file.blocks[0].labels, IsEmpty());
  EXPECT_THAT(file.blocks[2].labels, ElementsAre("region"));
  EXPECT_THAT(file.blocks[3].labels, ElementsAre("aws_vpc", "main"));
  EXPECT_THAT(file.blocks[4].labels, ElementsAre("aws_vpc", "bare"));
  EXPECT_THAT(file.blocks[5].labels, ElementsAre("a", "b", "c"));
}

TEST(NativeStructureTest, DecodesQuotedLabels) {
  const File file = Parse(R"(output "a\"b\u00e9" {})");
  ASSERT_THAT(file.blocks, SizeIs(1));
  EXPECT_THAT(file.blocks[0].labels, ElementsAre("a\"bé"));
}

TEST(NativeStructureTest, ReadsNestedBlocksInOrder) {
  const File file = Parse(R"(terraform {
  required_version = ">= 1.5"
  backend "s3" {
    bucket = "b"
  }
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = var.rules
    content {
      port = ingress.value
    }
  }
  lifecycle {}
}
)");
  EXPECT_THAT(file.problems, IsEmpty()) << ProblemsText(file.problems);
  ASSERT_THAT(file.blocks, SizeIs(2));
  const Block& terraform = file.blocks[0];
  EXPECT_EQ(AttributeOf(terraform, "required_version").value, ">= 1.5");
  ASSERT_THAT(terraform.blocks, SizeIs(2));
  EXPECT_EQ(terraform.blocks[0].type, "backend");
  EXPECT_THAT(terraform.blocks[0].labels, ElementsAre("s3"));
  EXPECT_EQ(AttributeOf(terraform.blocks[0], "bucket").value, "b");
  EXPECT_EQ(terraform.blocks[1].type, "required_providers");
  EXPECT_EQ(ItemOf(AttributeOf(terraform.blocks[1], "aws"), "source").value, "hashicorp/aws");

  const Block& sg = file.blocks[1];
  ASSERT_THAT(sg.blocks, SizeIs(2));
  const Block& dynamic = sg.blocks[0];
  EXPECT_THAT(dynamic.labels, ElementsAre("ingress"));
  ASSERT_THAT(dynamic.BlocksOfType("content"), SizeIs(1));
  EXPECT_EQ(AttributeOf(*dynamic.BlocksOfType("content")[0], "port").text, "ingress.value");
  EXPECT_EQ(sg.blocks[1].type, "lifecycle");
  EXPECT_THAT(sg.blocks[1].attributes, IsEmpty());
}

TEST(NativeStructureTest, ReadsOneLineBlocks) {
  const File file =
      Parse("variable \"x\" { default = 1 }\nvariable \"y\" { type = list(string) }\n");
  EXPECT_THAT(file.problems, IsEmpty());
  ASSERT_THAT(file.blocks, SizeIs(2));
  EXPECT_EQ(AttributeOf(file.blocks[0], "default").text, "1");
  EXPECT_EQ(AttributeOf(file.blocks[1], "type").text, "list(string)");
}

TEST(NativeStructureTest, ReportsTwoAttributesOnOneLine) {
  const File file = Parse("variable \"x\" { default = 1 type = number }\n");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_EQ(LineColumn(file.problems[0].where), "1:33");
  EXPECT_THAT(file.problems[0].message, HasSubstr("is a newline or ',' missing before 'type'"));
}

TEST(NativeStructureTest, KeepsTopLevelAttributes) {
  const File file = Parse("a = 1\nblock {}\nb = \"x\"\n");
  ASSERT_THAT(file.attributes, SizeIs(2));
  EXPECT_EQ(file.attributes[0].first, "a");
  EXPECT_EQ(file.attributes[1].first, "b");
  EXPECT_THAT(file.blocks, SizeIs(1));
}

TEST(NativeStructureTest, PlacesBlocksAndExpressions) {
  const File file = Parse("\n  resource \"a\" \"b\" {\n    count =   3\n  }\n");
  ASSERT_THAT(file.blocks, SizeIs(1));
  EXPECT_EQ(file.blocks[0].where.file, "main.tf");
  EXPECT_EQ(LineColumn(file.blocks[0].where), "2:3");
  EXPECT_EQ(LineColumn(AttributeOf(file.blocks[0], "count").where), "3:15");
}

TEST(NativeStructureTest, CommentsMayStandBetweenAnyTokens) {
  const File file = Parse(R"(# before
resource /* type */ "aws_s3_bucket" /* name */ "logs" /* open */ { # after the brace
  bucket = /* after = */ "logs" # after the value
  // a whole line
  tags = { # inside an object
    a = 1 /* after an item */
  }
} // after the block
)");
  EXPECT_THAT(file.problems, IsEmpty()) << ProblemsText(file.problems);
  ASSERT_THAT(file.blocks, SizeIs(1));
  EXPECT_THAT(file.blocks[0].labels, ElementsAre("aws_s3_bucket", "logs"));
  EXPECT_EQ(AttributeOf(file.blocks[0], "bucket").value, "logs");
  EXPECT_EQ(AttributeOf(file.blocks[0], "bucket").text, "\"logs\"");
  EXPECT_EQ(ItemOf(AttributeOf(file.blocks[0], "tags"), "a").text, "1");
}

TEST(NativeStructureTest, ReadsCrLfFilesWithAByteOrderMark) {
  const File file = Parse(
      "\xEF\xBB\xBF"
      "variable \"x\" {\r\n  default = \"v\"\r\n}\r\n");
  EXPECT_THAT(file.problems, IsEmpty());
  ASSERT_THAT(file.blocks, SizeIs(1));
  EXPECT_EQ(LineColumn(file.blocks[0].where), "1:1");
  EXPECT_EQ(AttributeOf(file.blocks[0], "default").value, "v");
}

TEST(NativeStructureTest, ANewlineBetweenLabelsIsAProblemAsInHcl) {
  const File file = Parse("data \"a\" // the name follows\n\"b\" {\n}\nlocals {}\n");
  ASSERT_THAT(file.problems, SizeIs(2)) << ProblemsText(file.problems);
  EXPECT_EQ(LineColumn(file.problems[0].where), "1:29");
  EXPECT_THAT(file.problems[0].message, HasSubstr("expected '{' after the labels of block 'data'"));
  ASSERT_THAT(file.blocks, SizeIs(1));
  EXPECT_EQ(file.blocks[0].type, "locals");
}

TEST(NativeStructureTest, ReportsAnUnclosedBlockAndKeepsItsContent) {
  const File file = Parse("resource \"a\" \"b\" {\n  x = 1\n  inner {\n    y = 2\n  }\n");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_EQ(LineColumn(file.problems[0].where), "1:18");
  EXPECT_THAT(file.problems[0].message, HasSubstr("block 'resource' is never closed"));
  ASSERT_THAT(file.blocks, SizeIs(1));
  EXPECT_EQ(AttributeOf(file.blocks[0], "x").text, "1");
  EXPECT_THAT(file.blocks[0].blocks, SizeIs(1));
}

TEST(NativeStructureTest, ReportsAStrayClosingBraceAndGoesOn) {
  const File file = Parse("a {}\n}\nb {}\n");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_EQ(LineColumn(file.problems[0].where), "2:1");
  EXPECT_THAT(file.problems[0].message, HasSubstr("expected an attribute or a block, found '}'"));
  EXPECT_THAT(file.blocks, SizeIs(2));
}

TEST(NativeStructureTest, ReportsAMissingBodyAndSkipsTheLine) {
  const File file = Parse("resource \"a\" \"b\" = 3\nok {}\n");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_THAT(file.problems[0].message, HasSubstr("expected '{'"));
  ASSERT_THAT(file.blocks, SizeIs(1));
  EXPECT_EQ(file.blocks[0].type, "ok");
}

TEST(NativeStructureTest, ReportsAnAttributeWithoutValue) {
  const File file = Parse("x {\n  a =\n  b = 2\n}\n");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_EQ(LineColumn(file.problems[0].where), "2:5");
  EXPECT_THAT(file.problems[0].message, HasSubstr("expected an expression after '='"));
  ASSERT_THAT(file.blocks, SizeIs(1));
  EXPECT_EQ(file.blocks[0].attributes.size(), 1u);
  EXPECT_EQ(AttributeOf(file.blocks[0], "b").text, "2");
}

TEST(NativeStructureTest, ReportsAnUnexpectedToken) {
  const File file = Parse("x {\n  42 = 1\n  ok = true\n}\n");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_EQ(ToString(file.problems[0].where), "main.tf:2:3");
  EXPECT_THAT(file.problems[0].message, HasSubstr("found the number 42"));
  EXPECT_EQ(AttributeOf(file.blocks.at(0), "ok").value, "true");
}

TEST(NativeStructureTest, ReportsATemplateInALabel) {
  const File file = Parse("resource \"a_${x}\" \"b\" {}\n");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_THAT(file.problems[0].message, HasSubstr("cannot hold"));
  EXPECT_THAT(file.blocks, SizeIs(1));
}

TEST(NativeStructureTest, LimitsBlockNesting) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "b {\n";
  for (int i = 0; i < 300; ++i) text += "}\n";
  const File file = Parse(text);
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_THAT(file.problems[0].message, HasSubstr("blocks nested deeper than 256"));
  int depth = 0;
  for (const Block* block = &file.blocks.at(0); !block->blocks.empty(); block = &block->blocks[0]) {
    ++depth;
  }
  EXPECT_EQ(depth, 255);  // 256 blocks: the outermost and 255 inside it
}

TEST(NativeStructureTest, EmptyAndCommentOnlyFilesHaveNothing) {
  for (const char* text : {"", "\n\n", "# only\n// comments\n/* here */"}) {
    const File file = Parse(text);
    EXPECT_THAT(file.blocks, IsEmpty()) << text;
    EXPECT_THAT(file.attributes, IsEmpty()) << text;
    EXPECT_THAT(file.problems, IsEmpty()) << text;
  }
}

TEST(NativeStructureTest, KeepsAtMostAHundredProblems) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "}\n";
  const File file = Parse(text);
  ASSERT_THAT(file.problems, SizeIs(kMaxProblems + 1));
  EXPECT_THAT(file.problems.back().message, HasSubstr("the rest are not shown"));
}

}  // namespace
}  // namespace gantry::terraform::hcl
