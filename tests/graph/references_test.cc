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

}  // namespace
}  // namespace gantry::graph
