// Native syntax strings, templates and heredocs.
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

TEST(NativeTemplateTest, DecodesEscapes) {
  const Expression x = ParseX(R"(x = "a\nb\tc\rd\"e\\f \u00e9 \U0001F600")");
  EXPECT_EQ(x.kind, ExprKind::kString);
  EXPECT_EQ(x.value, "a\nb\tc\rd\"e\\f \xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(x.text, R"("a\nb\tc\rd\"e\\f \u00e9 \U0001F600")");
}

TEST(NativeTemplateTest, DoubledIntroducersAreLiteral) {
  const Expression x = ParseX(R"(x = "$${not} %%{if} $5 100% {braces}")");
  EXPECT_EQ(x.kind, ExprKind::kString);
  EXPECT_EQ(x.value, "${not} %{if} $5 100% {braces}");
}

TEST(NativeTemplateTest, NonAsciiPassesThrough) {
  EXPECT_EQ(ParseX("x = \"caf\xC3\xA9 \xE2\x82\xAC\" # \xF0\x9F\x98\x80\n").value,
            "caf\xC3\xA9 \xE2\x82\xAC");
}

TEST(NativeTemplateTest, AnInterpolationMakesATemplateKeptRaw) {
  const Expression x = ParseX(R"(x = "${var.root}/net\n/${local.x}")");
  EXPECT_EQ(x.kind, ExprKind::kTemplate);
  EXPECT_EQ(x.value, R"(${var.root}/net\n/${local.x})");
}

TEST(NativeTemplateTest, InterpolationsHoldStringsWithBracesAndNestedTemplates) {
  const Expression x = ParseX(R"(x = "a-${join("}", [for s in var.l : "${s}-{x}"])}-b" # "not")");
  EXPECT_EQ(x.kind, ExprKind::kTemplate);
  EXPECT_EQ(x.value, R"(a-${join("}", [for s in var.l : "${s}-{x}"])}-b)");
}

TEST(NativeTemplateTest, InterpolationsMaySpanLinesAndHoldComments) {
  const File file = ParseNativeClean("x = \"${foo(\n  1, # one\n  2)}\"\ny = 1\n");
  ASSERT_THAT(file.attributes, SizeIs(2));
  EXPECT_EQ(file.attributes[0].second.kind, ExprKind::kTemplate);
  EXPECT_EQ(file.attributes[1].second.text, "1");
}

TEST(NativeTemplateTest, DirectivesMakeATemplate) {
  const Expression x =
      ParseX(R"(x = "%{ if var.a }yes%{ else }no%{ endif }, %{~ for i in l ~}${i}%{ endfor }")");
  EXPECT_EQ(x.kind, ExprKind::kTemplate);
  EXPECT_EQ(x.value, R"(%{ if var.a }yes%{ else }no%{ endif }, %{~ for i in l ~}${i}%{ endfor })");
}

TEST(NativeTemplateTest, Heredoc) {
  const Expression x = ParseX("x = <<EOT\n  line one\n\ttwo $${x}\nEOT\n");
  EXPECT_EQ(x.kind, ExprKind::kString);
  EXPECT_EQ(x.value, "  line one\n\ttwo ${x}\n");
  EXPECT_EQ(x.text, "<<EOT\n  line one\n\ttwo $${x}\nEOT");
}

TEST(NativeTemplateTest, HeredocKeepsBackslashesAndQuotes) {
  EXPECT_EQ(ParseX("x = <<EOT\na\\nb \"q\" 'r'\nEOT\n").value, "a\\nb \"q\" 'r'\n");
}

TEST(NativeTemplateTest, FlushHeredocStripsTheCommonIndentation) {
  const Expression x = ParseX("x = <<-EOT\n    four\n      six\n\n    four\n    EOT\n");
  EXPECT_EQ(x.kind, ExprKind::kString);
  EXPECT_EQ(x.value, "four\n  six\n\nfour\n");
}

TEST(NativeTemplateTest, FlushHeredocWithInterpolation) {
  const Expression x = ParseX("x = <<-EOT\n  {\n    \"a\": \"${var.b}\"\n  }\n  EOT\n");
  EXPECT_EQ(x.kind, ExprKind::kTemplate);
  EXPECT_EQ(x.value, "{\n  \"a\": \"${var.b}\"\n}\n");
}

TEST(NativeTemplateTest, PlainHeredocMarkerMayBeIndentedToo) {
  const File file = ParseNativeClean("x = <<EOT\nbody\n   EOT\ny = 2\n");
  ASSERT_THAT(file.attributes, SizeIs(2));
  EXPECT_EQ(file.attributes[0].second.value, "body\n");
}

TEST(NativeTemplateTest, AMarkerInsideALineDoesNotEndTheHeredoc) {
  EXPECT_EQ(ParseX("x = <<EOT\nEOT is here\nEOTX\nEOT\n").value, "EOT is here\nEOTX\n");
}

TEST(NativeTemplateTest, HeredocInsideAFunctionCall) {
  const Expression x = ParseX("x = jsonencode(<<EOT\n{\"a\": 1}\nEOT\n)\n");
  EXPECT_EQ(x.kind, ExprKind::kOther);
  EXPECT_EQ(x.text, "jsonencode(<<EOT\n{\"a\": 1}\nEOT\n)");
}

TEST(NativeTemplateTest, HeredocInterpolationMayHoldTheMarker) {
  // The closing marker counts only at the start of a literal line.
  const Expression x = ParseX("x = <<EOT\na ${f(\nEOT\n)} b\nEOT\n");
  EXPECT_EQ(x.kind, ExprKind::kTemplate);
  EXPECT_EQ(x.value, "a ${f(\nEOT\n)} b\n");
}

TEST(NativeTemplateTest, CrLfHeredocBodyHasNewlinesOnly) {
  const File file = ParseNativeClean("x = <<-EOT\r\n  a\r\n  b\r\n  EOT\r\ny = 1\r\n");
  ASSERT_THAT(file.attributes, SizeIs(2));
  EXPECT_EQ(file.attributes[0].second.value, "a\nb\n");
}

TEST(NativeTemplateTest, ReportsAnUnterminatedString) {
  const File file = ParseNative("x = \"open\ny = 2\n", "main.tf");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_EQ(LineColumn(file.problems[0].where), "1:5");
  EXPECT_THAT(file.problems[0].message, HasSubstr("unterminated string"));
  ASSERT_THAT(file.attributes, SizeIs(2));  // the next line is still read
  EXPECT_EQ(file.attributes[1].second.text, "2");
}

TEST(NativeTemplateTest, ReportsAnUnterminatedInterpolation) {
  const File file = ParseNative("x = \"${var.a\n", "main.tf");
  ASSERT_FALSE(file.problems.empty());
  EXPECT_THAT(ProblemsText(file.problems), HasSubstr("1:6: unterminated template sequence"));
}

TEST(NativeTemplateTest, ReportsAnUnterminatedHeredoc) {
  const File file = ParseNative("x {\n  y = <<EOT\n  text\n}\n", "main.tf");
  EXPECT_THAT(
      ProblemsText(file.problems),
      HasSubstr("main.tf:2:7: unterminated heredoc: no line holds its closing marker 'EOT'"));
}

TEST(NativeTemplateTest, ReportsInvalidEscapes) {
  const File file = ParseNative(R"(x = "a\qb \u12 \UFFFFFFFF")", "main.tf");
  ASSERT_THAT(file.problems, SizeIs(3)) << ProblemsText(file.problems);
  EXPECT_EQ(LineColumn(file.problems[0].where), "1:7");
  EXPECT_THAT(file.problems[0].message, HasSubstr("invalid escape sequence '\\q'"));
  EXPECT_THAT(file.problems[1].message, HasSubstr("4 hexadecimal digits"));
  EXPECT_THAT(file.problems[2].message, HasSubstr("no Unicode character"));
  EXPECT_EQ(file.attributes.at(0).second.value, "a\\qb \xEF\xBF\xBD \xEF\xBF\xBD");
}

}  // namespace
}  // namespace gantry::terraform::hcl
