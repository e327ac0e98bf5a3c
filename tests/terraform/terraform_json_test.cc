#include "terraform/terraform_json.h"

#include <tuple>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "terraform/transient_errors.h"

namespace gantry::terraform {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// An output as one comparable, printable value: name, value, is_json, sensitive.
using Fields = std::tuple<std::string, std::string, bool, bool>;
std::vector<Fields> AllFields(const std::vector<OutputValue>& outputs) {
  std::vector<Fields> all;
  for (const OutputValue& o : outputs) all.emplace_back(o.name, o.value, o.is_json, o.sensitive);
  return all;
}

TEST(TerraformJsonTest, OutputsKeepStringsAndWriteOtherTypesAsJson) {
  const std::vector<OutputValue> outputs = ParseOutputs(R"({
    "id": {"sensitive": false, "type": "string", "value": "vpc-123"},
    "db": {"sensitive": true, "type": ["object", {}], "value": {"user": "admin", "ports": [5432]}},
    "count": {"sensitive": false, "type": "number", "value": 3}
  })");
  EXPECT_THAT(AllFields(outputs),
              ElementsAre(Fields{"id", "vpc-123", false, false},
                          Fields{"db", R"({"user":"admin","ports":[5432]})", true, true},
                          Fields{"count", "3", true, false}));
  EXPECT_TRUE(ParseOutputs("{}").empty());
}

TEST(TerraformJsonTest, OutputsThatAreNotTerraformsAreRefused) {
  EXPECT_THROW(ParseOutputs("There are some problems"), std::runtime_error);
  EXPECT_THROW(ParseOutputs("[]"), std::runtime_error);
  EXPECT_THROW(ParseOutputs(R"({"x": {"type": "string"}})"), std::runtime_error);
}

// What terraform 1.11's `show -json PLAN` says of outputs (trimmed to what matters): a
// known string, a nested object, a sensitive string, one unknown until applied, and one
// known only in part (both left out of planned_values' values).
constexpr const char* kPlanWithOutputs = R"({"format_version": "1.2",
  "planned_values": {"outputs": {
    "known": {"sensitive": false, "type": "string", "value": "hello-a"},
    "obj": {"sensitive": false, "type": ["object", {}],
            "value": {"a": 1, "b": ["x"], "c": {"d": "a"}}},
    "secret": {"sensitive": true, "type": "string", "value": "sek"},
    "id": {"sensitive": false},
    "mixed": {"sensitive": false}
  }},
  "output_changes": {
    "known": {"actions": ["create"], "after": "hello-a", "after_unknown": false},
    "obj": {"actions": ["create"], "after": {"a": 1}, "after_unknown": false},
    "secret": {"actions": ["create"], "after": "sek", "after_unknown": false,
               "after_sensitive": true},
    "id": {"actions": ["create"], "after_unknown": true},
    "mixed": {"actions": ["create"], "after": {"a": 1, "l": [1, null]},
              "after_unknown": {"id": true, "l": [false, true]}}
  }})";

TEST(TerraformJsonTest, PlannedOutputsAreTheKnownOnesFlaggedAsAppliedOnesAre) {
  const std::vector<OutputValue> outputs = ParsePlannedOutputs(kPlanWithOutputs);
  EXPECT_THAT(AllFields(outputs),
              ElementsAre(Fields{"known", "hello-a", false, false},
                          Fields{"obj", R"({"a":1,"b":["x"],"c":{"d":"a"}})", true, false},
                          Fields{"secret", "sek", false, true}));
}

TEST(TerraformJsonTest, APlannedValueUnknownInPartOrSensitiveInPartIsTreatedWhole) {
  // Defensive: were terraform to give a value beside a partial after_unknown, it would
  // hold a null where the unknown part goes.
  const std::vector<OutputValue> outputs = ParsePlannedOutputs(R"({"format_version": "1.2",
    "planned_values": {"outputs": {
      "partly": {"sensitive": false, "value": {"a": 1, "id": null}},
      "leaf": {"sensitive": false, "value": {"user": "u", "pw": "p"}},
      "gone": {"sensitive": false, "value": null}
    }},
    "output_changes": {
      "partly": {"actions": ["update"], "after_unknown": {"a": false, "id": true}},
      "leaf": {"actions": ["update"], "after_unknown": {}, "after_sensitive": {"pw": true}}
    }})");
  EXPECT_THAT(AllFields(outputs),
              ElementsAre(Fields{"leaf", R"({"user":"u","pw":"p"})", true, true},
                          Fields{"gone", "null", true, false}))
      << "null is known: written as JSON, as output -json writes it";
}

TEST(TerraformJsonTest, APlanWithoutOutputsPlansNone) {
  EXPECT_TRUE(ParsePlannedOutputs(R"({"format_version": "1.2"})").empty());
  EXPECT_TRUE(ParsePlannedOutputs(R"({"format_version": "1.2", "planned_values": {}})").empty());
  EXPECT_THROW(ParsePlannedOutputs(R"({"planned_values": {}})"), std::runtime_error);
  EXPECT_THROW(ParsePlannedOutputs("Error: Failed to read the given file"), std::runtime_error);
}

TEST(TerraformJsonTest, PlanChangesCountEachAction) {
  const Changes changes = ParsePlanChanges(R"({"format_version": "1.2", "resource_changes": [
    {"address": "a", "change": {"actions": ["create"]}},
    {"address": "b", "change": {"actions": ["update"]}},
    {"address": "c", "change": {"actions": ["delete"]}},
    {"address": "d", "change": {"actions": ["delete", "create"]}},
    {"address": "e", "change": {"actions": ["create", "delete"]}},
    {"address": "f", "change": {"actions": ["no-op"]}},
    {"address": "g", "change": {"actions": ["read"]}}
  ]})");
  EXPECT_TRUE(changes.has_changes);
  EXPECT_EQ(changes.add, 3);
  EXPECT_EQ(changes.change, 1);
  EXPECT_EQ(changes.destroy, 3);
}

TEST(TerraformJsonTest, APlanChangingOnlyOutputsHasChangesButNoCounts) {
  const Changes changes = ParsePlanChanges(
      R"({"format_version": "1.2", "output_changes": {"x": {"actions": ["update"]}}})");
  EXPECT_TRUE(changes.has_changes);
  EXPECT_EQ(changes.add + changes.change + changes.destroy, 0);
  EXPECT_FALSE(ParsePlanChanges(R"({"format_version": "1.2"})").has_changes);
  EXPECT_THROW(ParsePlanChanges(R"({"resource_changes": []})"), std::runtime_error);
}

TEST(TerraformJsonTest, CompletionLinesGiveTheCounts) {
  auto apply = ParseCompletionLine("Apply complete! Resources: 2 added, 1 changed, 0 destroyed.");
  ASSERT_TRUE(apply);
  EXPECT_TRUE(apply->has_changes);
  EXPECT_EQ(apply->add, 2);
  EXPECT_EQ(apply->change, 1);
  EXPECT_EQ(apply->destroy, 0);
  auto none = ParseCompletionLine(
      "\x1b[0m\x1b[1m\x1b[32mApply complete! Resources: 0 added, 0 changed, 0 destroyed.\x1b[0m");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_changes);
  auto imported =
      ParseCompletionLine("Apply complete! Resources: 1 imported, 0 added, 0 changed, 0 destroyed.");
  ASSERT_TRUE(imported);
  EXPECT_EQ(imported->add, 0);
  auto destroy = ParseCompletionLine("Destroy complete! Resources: 4 destroyed.");
  ASSERT_TRUE(destroy);
  EXPECT_EQ(destroy->destroy, 4);
  EXPECT_EQ(destroy->add, 0);
  EXPECT_FALSE(ParseCompletionLine("Plan: 1 to add, 0 to change, 0 to destroy."));
  EXPECT_FALSE(ParseCompletionLine("Apply complete! Resources: many added"));
}

TEST(TransientErrorsTest, KnownTransientFailuresAreFound) {
  EXPECT_EQ(TransientPhraseIn("│ Error: Error acquiring the state lock"),
            "error acquiring the state lock");
  EXPECT_EQ(TransientPhraseIn("net/http: TLS handshake timeout"), "tls handshake timeout");
  EXPECT_EQ(TransientPhraseIn("unexpected response: 429 Too Many Requests"),
            "429 too many requests");
  EXPECT_EQ(TransientPhraseIn("Error: Failed to query available provider packages"),
            "failed to query available provider packages");
  EXPECT_EQ(TransientPhraseIn("Error: Unsupported argument"), "");
  EXPECT_EQ(TransientPhraseIn("Error: Invalid reference"), "");
}

}  // namespace
}  // namespace gantry::terraform
