#include "core/graph/references.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::graph {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using nlohmann::json;

TEST(ReferencesTest, FindsReferencesAnywhereInVars) {
  std::vector<std::string> errors;
  const json vars = json::parse(R"({
    "subnet": "${network/vpc.subnet_id}",
    "list": ["a", "x-${db.v2.host}:${db.v2.port}"],
    "nested": {"plain": "no $ reference $HOME", "escaped": "$${not.one}"}
  })");
  EXPECT_THAT(FindReferences(vars, errors),
              ElementsAre(Reference{"db.v2", "host", "vars.list[1]"},
                          Reference{"db.v2", "port", "vars.list[1]"},
                          Reference{"network/vpc", "subnet_id", "vars.subnet"}));
  EXPECT_THAT(errors, IsEmpty());
}

TEST(ReferencesTest, MalformedReferencesAreErrors) {
  std::vector<std::string> errors;
  FindReferences(json::parse(R"({"a": "${nodot}", "b": "${x.}", "c": "${open.end"})"), errors);
  EXPECT_THAT(errors, ElementsAre(HasSubstr("vars.a: \"${nodot}\" is not a reference"),
                                  HasSubstr("vars.b: \"${x.}\" is not a reference"),
                                  HasSubstr("vars.c: unclosed reference")));
}

TEST(ReferencesTest, SubstitutesWholeValuesTypedAndEmbeddedAsText) {
  const OutputLookup lookup = [](const std::string& c, const std::string& o) -> std::optional<OutputText> {
    if (c == "net" && o == "id") return OutputText{"vpc-1", false};
    if (c == "net" && o == "subnets") return OutputText{R"(["s1","s2"])", true};
    return std::nullopt;
  };
  absl::StatusOr<json> out = SubstituteReferences(
      json::parse(R"({"id": "${net.id}", "subnets": "${net.subnets}", "text": "vpc=${net.id}!",
                      "lit": "$${net.id}", "n": 3})"),
      lookup);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, json::parse(R"({"id": "vpc-1", "subnets": ["s1","s2"], "text": "vpc=vpc-1!",
                                  "lit": "${net.id}", "n": 3})"));
}

TEST(ReferencesTest, MissingOutputsAreNamedTogether) {
  const OutputLookup none = [](const std::string&, const std::string&) { return std::nullopt; };
  absl::StatusOr<json> out =
      SubstituteReferences(json::parse(R"({"a": "${x.one}", "b": ["${y.two}"]})"), none);
  ASSERT_FALSE(out.ok());
  EXPECT_THAT(std::string(out.status().message()), HasSubstr("missing outputs: x.one, y.two"));
}

TEST(ReferencesTest, FindsReferencesInAnyValueUnderItsPath) {
  std::vector<ReferenceError> errors;
  EXPECT_THAT(FindReferences(json::parse(R"({"bucket": "${s3.name}", "keys": [{"k": "${kms.arn}"}]})"),
                             "backend", errors),
              ElementsAre(Reference{"s3", "name", "backend.bucket"},
                          Reference{"kms", "arn", "backend.keys[0].k"}));
  EXPECT_THAT(FindReferences(json("${x}"), "note", errors), IsEmpty());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "note");
}

TEST(ReferencesTest, ReferenceShapesSkipShellSyntaxAndEscapes) {
  EXPECT_THAT(ReferenceShapes("curl ${app.url}/x ${net/vpc.id}"),
              ElementsAre("${app.url}", "${net/vpc.id}"));
  EXPECT_THAT(ReferenceShapes("echo ${HOME} $${app.url} ${X:-a.b} ${.x} ${a.} $HOME"), IsEmpty());
}

TEST(ReferencesTest, AMissingOutputOfAProducerWithOutputsListsThem) {
  const OutputLookup none = [](const std::string&, const std::string&) { return std::nullopt; };
  const RecordedOutputs recorded =
      [](const std::string& c) -> std::optional<std::vector<std::string>> {
    if (c == "app") return std::vector<std::string>{"token", "url"};
    return std::nullopt;
  };
  absl::StatusOr<json> out = SubstituteReferences(
      json::parse(R"({"a": "${app.tokn}", "b": "${db.host}"})"), none, recorded);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(std::string(out.status().message()),
            "component 'app' has no output 'tokn' (did you mean 'token'?); its outputs are: "
            "token, url; missing outputs: db.host (apply the components that produce them "
            "first)");
}

}  // namespace
}  // namespace gantry::graph
