#include "core/run/plan_references.h"

#include "core/graph/references.h"
#include "core/state/saved_plan_record.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gantry/host.h"

namespace gantry::run {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// vpc was applied before (its id recorded); net was not, but this run's plan of it says
// what its id will be; db was neither.
class PlanReferencesTest : public ::testing::Test {
 protected:
  PlanReferencesTest() {
    book_.RecordPlanned("net", Outputs{{"id", record::OutputValue{"net-planned", 0}},
                                    {"tags", record::OutputValue{R"({"a": 1})", GANTRY_OUTPUT_JSON}}});
  }
  OutputBook book_{[](const std::string& component) -> std::optional<Outputs> {
    if (component != "vpc") return std::nullopt;
    return Outputs{{"id", record::OutputValue{"vpc-recorded", 0}}};
  }};
};

TEST_F(PlanReferencesTest, PlannedThenRecordedThenPlaceholderElseBlocked) {
  OutputBook& book = book_;
  const std::map<std::string, nlohmann::json> defaults = {{"db.url", "postgres://placeholder"},
                                                          {"db.port", 5432}};
  PlanReferences refs(book, defaults);
  const nlohmann::json vars = {{"a", "${net.id}"},  {"b", "${vpc.id}"},  {"c", "${db.url}"},
                               {"d", "${db.port}"}, {"e", "${cache.host}"}, {"f", "${net.tags}"}};
  absl::StatusOr<nlohmann::json> out = graph::SubstituteReferences(
      vars, [&](const std::string& c, const std::string& o) { return refs.Lookup(c, o); });
  EXPECT_FALSE(out.ok());  // cache.host has no value at all
  EXPECT_THAT(refs.planned(), ElementsAre("net.id", "net.tags"));
  EXPECT_THAT(refs.placeholders(), ElementsAre("db.port", "db.url"));
  EXPECT_THAT(refs.blocked_on(), ElementsAre("cache"));
  EXPECT_THAT(refs.unknown(), ElementsAre("cache.host"));
  EXPECT_EQ(refs.used_values().at("vpc.id"), state::ValueFingerprint("vpc-recorded", false));
  EXPECT_EQ(refs.used_values().count("cache.host"), 0u);

  PlanReferences known(book, defaults);
  absl::StatusOr<nlohmann::json> planned = graph::SubstituteReferences(
      nlohmann::json{{"a", "${net.id}"}, {"d", "${db.port}"}, {"f", "${net.tags}"}},
      [&](const std::string& c, const std::string& o) { return known.Lookup(c, o); });
  ASSERT_TRUE(planned.ok()) << planned.status();
  EXPECT_EQ(*planned, (nlohmann::json{{"a", "net-planned"}, {"d", 5432}, {"f", {{"a", 1}}}}));
  EXPECT_THAT(known.blocked_on(), IsEmpty());
}

TEST_F(PlanReferencesTest, APlannedValueWinsOverARecordedOne) {
  OutputBook& book = book_;
  book.RecordPlanned("vpc", Outputs{{"id", record::OutputValue{"vpc-next", 0}}});
  PlanReferences refs(book, {});
  EXPECT_EQ(refs.Lookup("vpc", "id")->value, "vpc-next");
  EXPECT_THAT(refs.planned(), ElementsAre("vpc.id"));
}

TEST_F(PlanReferencesTest, AMissingOutputOfAnAppliedProducerIsAMistakeNotABlock) {
  OutputBook& book = book_;
  PlanReferences refs(book, {{"vpc.idd", "x"}});
  EXPECT_FALSE(refs.Lookup("vpc", "idd"));
  EXPECT_THAT(refs.blocked_on(), IsEmpty());
  EXPECT_THAT(refs.placeholders(), IsEmpty());
}

TEST_F(PlanReferencesTest, PlannedOutputsAreNeverSeenByRunsThatApply) {
  OutputBook& book = book_;
  EXPECT_FALSE(book.Lookup("net", "id"));
  EXPECT_FALSE(book.Find("net"));
  EXPECT_FALSE(book.Names("net"));
}

}  // namespace
}  // namespace gantry::run
