// Native syntax expressions: where they end, their kinds, and constructor items.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hcl/native_parser.h"
#include "tests/hcl/hcl_test_support.h"

namespace gantry::terraform::hcl {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

TEST(NativeExpressionTest, Literals) {
  EXPECT_EQ(ParseX("x = 42").kind, ExprKind::kNumber);
  EXPECT_EQ(ParseX("x = 42").value, "42");
  EXPECT_EQ(ParseX("x = 1.5e-3").value, "1.5e-3");
  EXPECT_EQ(ParseX("x = -7").kind, ExprKind::kNumber);
  EXPECT_EQ(ParseX("x = -7").value, "-7");
  EXPECT_EQ(ParseX("x = true").kind, ExprKind::kBool);
  EXPECT_EQ(ParseX("x = false").value, "false");
  EXPECT_EQ(ParseX("x = null").kind, ExprKind::kNull);
  EXPECT_EQ(ParseX("x = \"s\"").kind, ExprKind::kString);
}

TEST(NativeExpressionTest, EverythingElseIsOtherWithItsText) {
  for (const char* text : {
           "var.region",
           "aws_instance.web[0].id",
           "aws_instance.web[*].private_ip",
           "aws_instance.web.*.id",
           "local.map[\"key\"]",
           "upper(var.name)",
           "var.enabled ? 1 : 0",
           "a + b * (c - 1) >= 2 && !d || e != f",
           "-var.offset",
           "1 + 2",
           "true && false",
           "[for s in var.list : upper(s) if s != \"\"]",
           "{for k, v in var.map : k => v...}",
           "[1, 2][0]",
           "{a = 1}.a",
           "(var.x)",
           "merge(local.tags, { Name = \"x\" })",
           "string",
           "list(object({ a = string }))",
       }) {
    const Expression x = ParseX(std::string("x = ") + text + "\n");
    EXPECT_EQ(x.kind, ExprKind::kOther) << text;
    EXPECT_EQ(x.text, text);
    EXPECT_THAT(x.value, IsEmpty()) << text;
    EXPECT_THAT(x.items, IsEmpty()) << text;
  }
}

TEST(NativeExpressionTest, TextIsTrimmedAndPlaced) {
  const Expression x = ParseX("x =    foo(1)   \t\n");
  EXPECT_EQ(x.text, "foo(1)");
  EXPECT_EQ(LineColumn(x.where), "1:8");
}

TEST(NativeExpressionTest, NewlinesInsideBracketsDoNotEndAnExpression) {
  const File file = ParseNative(R"(x = concat(
  var.a,
  [
    "b",
  ],
)
y = var.c ? (
  1
) : 2
z = 3
)",
                                "main.tf");
  EXPECT_THAT(file.problems, IsEmpty()) << ProblemsText(file.problems);
  ASSERT_THAT(file.attributes, SizeIs(3));
  EXPECT_EQ(file.attributes[0].second.text, "concat(\n  var.a,\n  [\n    \"b\",\n  ],\n)");
  EXPECT_EQ(file.attributes[1].second.text, "var.c ? (\n  1\n) : 2");
  EXPECT_EQ(file.attributes[2].second.text, "3");
  EXPECT_EQ(LineColumn(file.attributes[2].second.where), "10:5");
}

TEST(NativeExpressionTest, ObjectsWithEqualsOrColonsAndNewlinesOrCommas) {
  const Expression x = ParseX(R"(x = {
  a = 1
  b : "two", c = true,
  "quoted key" = null
  (var.dynamic) = var.v
  "${var.k}" = 2
  nested = { inner = [1, 2] }
}
)");
  ASSERT_EQ(x.kind, ExprKind::kObject);
  ASSERT_THAT(x.items, SizeIs(7));
  EXPECT_EQ(x.items[0].first, "a");
  EXPECT_EQ(x.items[0].second.kind, ExprKind::kNumber);
  EXPECT_EQ(x.items[1].first, "b");
  EXPECT_EQ(x.items[1].second.value, "two");
  EXPECT_EQ(LineColumn(x.items[1].second.where), "3:7");
  EXPECT_EQ(x.items[2].first, "c");
  EXPECT_EQ(x.items[3].first, "quoted key");
  EXPECT_EQ(x.items[3].second.kind, ExprKind::kNull);
  EXPECT_EQ(x.items[4].first, "(var.dynamic)");
  EXPECT_EQ(x.items[4].second.text, "var.v");
  EXPECT_EQ(x.items[5].first, "\"${var.k}\"");
  const Expression& nested = x.items[6].second;
  ASSERT_EQ(nested.kind, ExprKind::kObject);
  EXPECT_EQ(ItemOf(nested, "inner").kind, ExprKind::kTuple);
  EXPECT_THAT(ItemOf(nested, "inner").items, SizeIs(2));
}

TEST(NativeExpressionTest, ObjectValuesMaySpanLinesInsideBrackets) {
  const Expression x = ParseX("x = {\n  a = f(\n    1)\n  b = 2 }\n");
  ASSERT_THAT(x.items, SizeIs(2));
  EXPECT_EQ(ItemOf(x, "a").text, "f(\n    1)");
  EXPECT_EQ(ItemOf(x, "b").text, "2");
}

TEST(NativeExpressionTest, EmptyConstructors) {
  EXPECT_EQ(ParseX("x = {}").kind, ExprKind::kObject);
  EXPECT_EQ(ParseX("x = []").kind, ExprKind::kTuple);
  EXPECT_EQ(ParseX("x = {\n}").kind, ExprKind::kObject);
  EXPECT_THAT(ParseX("x = [\n\n]").items, IsEmpty());
}

TEST(NativeExpressionTest, TuplesSplitOnCommasOnly) {
  const Expression x =
      ParseX("x = [\n  \"a\",\n  var.b,\n  [1, 2],\n  { k = \"v\" },\n  c ? d\n  : e,\n]\n");
  ASSERT_EQ(x.kind, ExprKind::kTuple);
  ASSERT_THAT(x.items, SizeIs(5));
  EXPECT_EQ(x.items[0].first, "");
  EXPECT_EQ(x.items[0].second.value, "a");
  EXPECT_EQ(x.items[1].second.kind, ExprKind::kOther);
  EXPECT_EQ(x.items[2].second.kind, ExprKind::kTuple);
  EXPECT_EQ(x.items[3].second.kind, ExprKind::kObject);
  EXPECT_EQ(x.items[4].second.text, "c ? d\n  : e");
  EXPECT_EQ(LineColumn(x.items[4].second.where), "6:3");
}

TEST(NativeExpressionTest, ForExpressionsAreNotConstructors) {
  EXPECT_EQ(ParseX("x = [\n  for x in y : x\n]").kind, ExprKind::kOther);
  EXPECT_EQ(ParseX("x = {\n  for k, v in m : k => v\n}").kind, ExprKind::kOther);
  // A key named for elsewhere is fine.
  EXPECT_EQ(ParseX("x = { a = 1, for = 2 }").kind, ExprKind::kObject);
}

TEST(NativeExpressionTest, ReportsAnUnclosedBracketAndEndsTheExpressionAtTheLine) {
  const File file = ParseNative("x = [1, 2\ny = 3\n", "main.tf");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_EQ(LineColumn(file.problems[0].where), "1:5");
  EXPECT_THAT(file.problems[0].message, HasSubstr("'[' is never closed"));
  ASSERT_THAT(file.attributes, SizeIs(2));
  EXPECT_EQ(file.attributes[0].second.kind, ExprKind::kOther);
  EXPECT_EQ(file.attributes[1].second.text, "3");
}

TEST(NativeExpressionTest, ReportsAMismatchedBracket) {
  const File file = ParseNative("x = (1]\ny = 2\n", "main.tf");
  ASSERT_THAT(file.problems, SizeIs(2)) << ProblemsText(file.problems);
  EXPECT_THAT(file.problems[0].message, HasSubstr("'(' is never closed"));
  EXPECT_THAT(file.problems[1].message, HasSubstr("found ']'"));
  ASSERT_THAT(file.attributes, SizeIs(2));
  EXPECT_EQ(file.attributes[1].second.text, "2");
}

TEST(NativeExpressionTest, ReportsBadObjectItems) {
  const File file = ParseNative("x = {\n  a\n  b = \n  = 3\n  c = 4\n}\n", "main.tf");
  ASSERT_THAT(file.problems, SizeIs(3)) << ProblemsText(file.problems);
  EXPECT_THAT(file.problems[0].message, HasSubstr("expected '=' or ':' after the key"));
  EXPECT_THAT(file.problems[1].message, HasSubstr("expected a value after '='"));
  EXPECT_THAT(file.problems[2].message, HasSubstr("needs a key"));
  ASSERT_THAT(file.attributes, SizeIs(1));
  const Expression& x = file.attributes[0].second;
  ASSERT_THAT(x.items, SizeIs(1));
  EXPECT_EQ(x.items[0].first, "c");
}

TEST(NativeExpressionTest, ReportsMissingSeparators) {
  const File file = ParseNative("x = {\n  a = 1 b = 2\n}\ny = [\n  \"a\"\n  \"b\"\n]\n", "main.tf");
  ASSERT_THAT(file.problems, SizeIs(2)) << ProblemsText(file.problems);
  EXPECT_EQ(LineColumn(file.problems[0].where), "2:11");
  EXPECT_THAT(file.problems[0].message, HasSubstr("missing before 'b'"));
  EXPECT_EQ(LineColumn(file.problems[1].where), "6:3");
  EXPECT_THAT(file.problems[1].message, HasSubstr("expected ',' before a string"));
}

TEST(NativeExpressionTest, ComparisonsAndMultiLineConditionalsNeedNoSeparator) {
  EXPECT_EQ(ParseX("x = [a == b, c\n  ? d\n  : e]").items.size(), 2u);
  EXPECT_EQ(ParseX("x = { k = a != b, l = c >= d }").items.size(), 2u);
}

TEST(NativeExpressionTest, ReportsAnEmptyTupleElement) {
  const File file = ParseNative("x = [1, , 2]\n", "main.tf");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_THAT(file.problems[0].message, HasSubstr("expected a tuple element before ','"));
  EXPECT_THAT(file.attributes.at(0).second.items, SizeIs(2));
}

TEST(NativeExpressionTest, LimitsConstructorNesting) {
  const std::string deep = std::string(300, '[') + std::string(300, ']');
  const File file = ParseNative("x = " + deep + "\n", "main.tf");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_THAT(file.problems[0].message, HasSubstr("nested deeper than 256"));
  int depth = 0;
  for (const Expression* e = &file.attributes.at(0).second; e->kind == ExprKind::kTuple;
       e = &e->items.at(0).second) {
    ++depth;
    if (e->items.empty()) break;
  }
  EXPECT_EQ(depth, 256);
}

TEST(NativeExpressionTest, ItemFindsObjectItemsOnly) {
  const Expression x = ParseX("x = { a = 1 }");
  EXPECT_NE(x.item("a"), nullptr);
  EXPECT_EQ(x.item("b"), nullptr);
  EXPECT_EQ(ParseX("x = [1]").item(""), nullptr);
}

}  // namespace
}  // namespace gantry::terraform::hcl
