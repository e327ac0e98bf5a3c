// Terraform's JSON syntax: block shapes, attribute kinds, places and errors.
#include "hcl/json_parser.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hcl/json_schema.h"
#include "tests/hcl/hcl_test_support.h"

namespace gantry::terraform::hcl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

TEST(JsonParserTest, ResourcesAndDataTakeTwoLabels) {
  const File file = ParseJsonClean(R"({
  "resource": {"aws_vpc": {"main": {"cidr_block": "10.0.0.0/16"}, "other": {}}},
  "data": {"aws_ami": {"ubuntu": {"most_recent": true}}}
})");
  ASSERT_THAT(file.blocks, SizeIs(3));
  EXPECT_EQ(file.blocks[0].type, "resource");
  EXPECT_THAT(file.blocks[0].labels, ElementsAre("aws_vpc", "main"));
  EXPECT_THAT(file.blocks[1].labels, ElementsAre("aws_vpc", "other"));
  EXPECT_THAT(file.blocks[2].labels, ElementsAre("aws_ami", "ubuntu"));
  EXPECT_EQ(AttributeOf(file.blocks[0], "cidr_block").value, "10.0.0.0/16");
  EXPECT_EQ(LineColumn(file.blocks[0].where), "2:28");  // the "main" key
}

TEST(JsonParserTest, OneLabelAndNoLabelBlocks) {
  const File file = ParseJsonClean(R"({
  "variable": {"region": {"default": "eu-west-1"}},
  "output": {"id": {"value": "${aws_vpc.main.id}", "sensitive": true}},
  "module": {"net": {"source": "./net"}},
  "provider": {"aws": {"region": "eu-west-1"}},
  "locals": {"a": 1, "b": {"c": [1, "x"]}},
  "terraform": {"required_version": ">= 1.5"}
})");
  ASSERT_THAT(file.blocks, SizeIs(6));
  EXPECT_THAT(file.blocks[0].labels, ElementsAre("region"));
  EXPECT_EQ(AttributeOf(file.blocks[1], "value").kind, ExprKind::kTemplate);
  EXPECT_EQ(AttributeOf(file.blocks[1], "sensitive").value, "true");
  EXPECT_THAT(file.blocks[2].labels, ElementsAre("net"));
  EXPECT_THAT(file.blocks[3].labels, ElementsAre("aws"));
  EXPECT_THAT(file.blocks[4].labels, IsEmpty());
  EXPECT_EQ(AttributeOf(file.blocks[4], "b").kind, ExprKind::kObject);
  EXPECT_THAT(file.blocks[5].labels, IsEmpty());
  EXPECT_EQ(LineColumn(file.blocks[5].where), "7:3");  // the "terraform" key
}

TEST(JsonParserTest, BackendIsANestedBlockButRemoteStateConfigIsAnAttribute) {
  const File file = ParseJsonClean(R"({
  "terraform": {"backend": {"s3": {"bucket": "b", "key": "k", "region": "r"}}},
  "data": {"terraform_remote_state": {"net": {
    "backend": "s3",
    "config": {"bucket": "b", "key": "net/terraform.tfstate"}
  }}}
})");
  ASSERT_THAT(file.blocks, SizeIs(2));
  const Block& terraform = file.blocks[0];
  EXPECT_THAT(terraform.attributes, IsEmpty());
  ASSERT_THAT(terraform.blocks, SizeIs(1));
  EXPECT_EQ(terraform.blocks[0].type, "backend");
  EXPECT_THAT(terraform.blocks[0].labels, ElementsAre("s3"));
  EXPECT_EQ(AttributeOf(terraform.blocks[0], "region").value, "r");
  const Block& state = file.blocks[1];
  EXPECT_THAT(state.blocks, IsEmpty());
  const Expression& config = AttributeOf(state, "config");
  ASSERT_EQ(config.kind, ExprKind::kObject);
  EXPECT_EQ(ItemOf(config, "key").value, "net/terraform.tfstate");
  EXPECT_EQ(LineColumn(config.where), "5:15");
}

TEST(JsonParserTest, ValueKinds) {
  const File file = ParseJsonClean(R"({"locals": {
  "s": "plain $${x} %%{y}",
  "t": "a-${var.b}",
  "d": "%{ if x }y%{ endif }",
  "n": -1.5e10,
  "big": 123456789012345678901234567890,
  "f": false,
  "z": null,
  "l": [1, "two", [], {}],
  "o": {"//": "kept: only bodies drop comments", "k": "v"}
}})");
  const Block& locals = file.blocks.at(0);
  EXPECT_EQ(AttributeOf(locals, "s").kind, ExprKind::kString);
  EXPECT_EQ(AttributeOf(locals, "s").value, "plain ${x} %{y}");
  EXPECT_EQ(AttributeOf(locals, "s").text, "\"plain $${x} %%{y}\"");
  EXPECT_EQ(AttributeOf(locals, "t").kind, ExprKind::kTemplate);
  EXPECT_EQ(AttributeOf(locals, "t").value, "a-${var.b}");
  EXPECT_EQ(AttributeOf(locals, "d").kind, ExprKind::kTemplate);
  EXPECT_EQ(AttributeOf(locals, "n").kind, ExprKind::kNumber);
  EXPECT_EQ(AttributeOf(locals, "n").value, "-1.5e10");
  EXPECT_EQ(AttributeOf(locals, "big").value, "123456789012345678901234567890");
  EXPECT_EQ(AttributeOf(locals, "f").kind, ExprKind::kBool);
  EXPECT_EQ(AttributeOf(locals, "f").value, "false");
  EXPECT_EQ(AttributeOf(locals, "z").kind, ExprKind::kNull);
  const Expression& list = AttributeOf(locals, "l");
  ASSERT_EQ(list.kind, ExprKind::kTuple);
  ASSERT_THAT(list.items, SizeIs(4));
  EXPECT_EQ(list.items[1].second.value, "two");
  EXPECT_EQ(list.items[2].second.kind, ExprKind::kTuple);
  EXPECT_EQ(list.items[3].second.kind, ExprKind::kObject);
  EXPECT_THAT(AttributeOf(locals, "o").items, SizeIs(2));
}

TEST(JsonParserTest, DecodesEscapesAndUnicode) {
  const File file = ParseJsonClean(R"({"locals": {"s": "a\"b\\c\n\u00e9\ud83d\ude00 é"}})");
  EXPECT_EQ(AttributeOf(file.blocks.at(0), "s").value,
            "a\"b\\c\n\xC3\xA9\xF0\x9F\x98\x80 \xC3\xA9");
}

TEST(JsonParserTest, ArrayFormsForRepeatedBlocks) {
  const File file = ParseJsonClean(R"({
  "resource": [
    {"aws_instance": {"a": {"ami": "x"}}},
    {"aws_instance": {"b": [{"ami": "y"}, {"ami": "z"}]}}
  ],
  "provider": {"aws": [{"region": "eu-west-1"}, {"alias": "us", "region": "us-east-1"}]}
})");
  ASSERT_THAT(file.blocks, SizeIs(5));
  EXPECT_THAT(file.blocks[0].labels, ElementsAre("aws_instance", "a"));
  EXPECT_THAT(file.blocks[1].labels, ElementsAre("aws_instance", "b"));
  EXPECT_EQ(AttributeOf(file.blocks[2], "ami").value, "z");
  EXPECT_EQ(LineColumn(file.blocks[2].where), "4:43");  // the second body's '{'
  EXPECT_THAT(file.blocks[4].labels, ElementsAre("aws"));
  EXPECT_EQ(AttributeOf(file.blocks[4], "alias").value, "us");
}

TEST(JsonParserTest, NestedTerraformBlocksByContext) {
  const File file = ParseJsonClean(R"({
  "resource": {"aws_instance": {"web": {
    "lifecycle": {"create_before_destroy": true, "precondition": [{"condition": "${x}"}]},
    "provisioner": {"local-exec": {"command": "echo hi"}},
    "dynamic": {"ebs": {"for_each": "${var.disks}", "content": {"size": "${ebs.value}"}}},
    "root_block_device": {"volume_size": 20}
  }}},
  "variable": {"v": {"validation": [{"condition": "${true}", "error_message": "no"}]}},
  "check": {"health": {
    "data": {"http": {"site": {"url": "https://x"}}},
    "assert": {"condition": "${y}"}
  }}
})");
  ASSERT_THAT(file.blocks, SizeIs(3));
  const Block& web = file.blocks[0];
  ASSERT_THAT(web.blocks, SizeIs(3));
  EXPECT_EQ(web.blocks[0].type, "lifecycle");
  ASSERT_THAT(web.blocks[0].blocks, SizeIs(1));
  EXPECT_EQ(web.blocks[0].blocks[0].type, "precondition");
  EXPECT_THAT(web.blocks[1].labels, ElementsAre("local-exec"));
  EXPECT_THAT(web.blocks[2].labels, ElementsAre("ebs"));
  EXPECT_EQ(web.blocks[2].blocks.at(0).type, "content");
  // A provider's own nested blocks are unknown here: objects stay attributes.
  EXPECT_EQ(AttributeOf(web, "root_block_device").kind, ExprKind::kObject);
  EXPECT_EQ(file.blocks[1].blocks.at(0).type, "validation");
  const Block& check = file.blocks[2];
  EXPECT_THAT(check.labels, ElementsAre("health"));
  ASSERT_THAT(check.blocks, SizeIs(2));
  EXPECT_THAT(check.blocks[0].labels, ElementsAre("http", "site"));
  EXPECT_EQ(check.blocks[1].type, "assert");
}

TEST(JsonParserTest, CommentPropertiesOfBodiesAreIgnored) {
  const File file = ParseJsonClean(
      R"({"//": "top", "variable": {"//": "labels", "x": {"//": "body", "default": 1}}})");
  ASSERT_THAT(file.blocks, SizeIs(1));
  EXPECT_THAT(file.blocks[0].labels, ElementsAre("x"));
  EXPECT_THAT(file.blocks[0].attributes, SizeIs(1));
  EXPECT_THAT(file.attributes, IsEmpty());
}

TEST(JsonParserTest, UnknownTopLevelPropertiesAreAttributes) {
  const File file = ParseJsonClean(R"({"bogus": {"a": 1}})");
  ASSERT_THAT(file.attributes, SizeIs(1));
  EXPECT_EQ(file.attributes[0].first, "bogus");
  EXPECT_EQ(file.attributes[0].second.kind, ExprKind::kObject);
}

TEST(JsonParserTest, DuplicateKeysAreKept) {
  const File file =
      ParseJsonClean(R"({"resource": {"a": {"x": {}}}, "resource": {"a": {"y": {}}}})");
  EXPECT_THAT(file.blocks, SizeIs(2));
}

TEST(JsonParserTest, AcceptsAByteOrderMarkAndCrLf) {
  const File file = ParseJsonClean("\xEF\xBB\xBF{\r\n  \"variable\": {\"x\": {}}\r\n}\r\n");
  ASSERT_THAT(file.blocks, SizeIs(1));
  EXPECT_EQ(LineColumn(file.blocks[0].where), "2:16");
}

TEST(JsonParserTest, ReportsWronglyShapedBlocksAndKeepsTheRest) {
  const File file = ParseJson(R"({
  "resource": {"aws_vpc": "nope"},
  "variable": {"x": [1, {"default": 2}]},
  "output": 3
})",
                              "main.tf.json");
  ASSERT_THAT(file.problems, SizeIs(3)) << ProblemsText(file.problems);
  EXPECT_EQ(ToString(file.problems[0].where), "main.tf.json:2:27");
  EXPECT_THAT(file.problems[0].message, HasSubstr("labels of a 'resource' block"));
  EXPECT_EQ(LineColumn(file.problems[1].where), "3:22");
  EXPECT_THAT(file.problems[1].message, HasSubstr("body of a 'variable' block"));
  EXPECT_THAT(file.problems[2].message, HasSubstr("labels of a 'output' block"));
  ASSERT_THAT(file.blocks, SizeIs(1));
  EXPECT_EQ(AttributeOf(file.blocks[0], "default").value, "2");
}

TEST(JsonParserTest, ReportsInvalidJsonWithItsPlace) {
  const struct {
    const char* text;
    const char* where;
    const char* message;
  } cases[] = {
      {"{\n  \"a\": [1, 2,]\n}", "2:14", "expected a JSON value, found ']'"},
      {"{\"a\": 01}", "1:8", "cannot start with 0"},
      {"{\"a\" 1}", "1:6", "expected ':'"},
      {"{\"a\": \"\\q\"}", "1:8", "invalid escape"},
      {"{\"a\": \"open", "1:7", "unterminated string"},
      {"{\"a\": tru}", "1:7", "expected a JSON value"},
      {"{} x", "1:4", "after the JSON value"},
      {"", "1:1", "found the end of the file"},
      {"{\"a\": \"\xff\"}", "1:8", "invalid UTF-8"},
  };
  for (const auto& c : cases) {
    const File file = ParseJson(c.text, "f.tf.json");
    ASSERT_THAT(file.problems, SizeIs(1)) << c.text;
    EXPECT_EQ(LineColumn(file.problems[0].where), c.where) << c.text;
    EXPECT_THAT(file.problems[0].message, HasSubstr(c.message)) << c.text;
    EXPECT_THAT(file.blocks, IsEmpty());
  }
}

TEST(JsonParserTest, ReportsANonObjectDocument) {
  const File file = ParseJson("[1]", "f.tf.json");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_THAT(file.problems[0].message, HasSubstr("one JSON object"));
}

TEST(JsonParserTest, LimitsNesting) {
  const std::string deep =
      "{\"locals\": {\"a\": " + std::string(300, '[') + std::string(300, ']') + "}}";
  const File file = ParseJson(deep, "f.tf.json");
  ASSERT_THAT(file.problems, SizeIs(1));
  EXPECT_THAT(file.problems[0].message, HasSubstr("nested deeper than 256"));
}

TEST(JsonSchemaTest, KnowsTerraformsOwnBlockTypes) {
  EXPECT_EQ(BlockLabels("", "resource"), 2);
  EXPECT_EQ(BlockLabels("", "terraform"), 0);
  EXPECT_EQ(BlockLabels("terraform", "backend"), 1);
  EXPECT_EQ(BlockLabels("check", "data"), 2);
  EXPECT_EQ(BlockLabels("data", "config"), std::nullopt);
  EXPECT_EQ(BlockLabels("resource", "tags"), std::nullopt);
  EXPECT_EQ(BlockLabels("", "backend"), std::nullopt);
}

}  // namespace
}  // namespace gantry::terraform::hcl
