// Plans of a stack that was never applied (planned values, plan_defaults placeholders,
// blocked components) and apply --from-plan, end to end through the CLI with the custom
// type (whose plan command may report planned outputs) and the test plugin probe (which
// reports changes and saves no plans).
#include <sys/stat.h>

#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/cli/plugin_cli_test.h"

namespace gantry::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

class PlanCliTest : public PluginCliTest {
 protected:
  std::string Outputs(const std::string& component) {
    return Read(dir_ / (".gantry/state/default/" + component + "/.gantry-outputs.json"));
  }
};

// net's plan knows its id, not its subnet; app plans with the planned id; web with a
// placeholder for what app's plan does not know; db lacks net's subnet, so it is blocked,
// and cache, needing db's output, is blocked in turn.
constexpr char kFreshStack[] = R"([components.net]
type = "custom"
shell = true
commands.plan = "echo id=vpc-1 >> $GANTRY_OUTPUT"
commands.apply = "echo id=vpc-1 >> $GANTRY_OUTPUT; echo subnet=sn-1 >> $GANTRY_OUTPUT"

[components.app]
type = "custom"
shell = true
vars = { VPC = "${net.id}" }
commands.plan = "echo app plans in $VPC"
commands.apply = "echo url=http://$VPC >> $GANTRY_OUTPUT"

[components.web]
type = "custom"
shell = true
vars = { URL = "${app.url}" }
plan_defaults = { "app.url" = "http://placeholder" }
commands.plan = "echo web plans for $URL"
commands.apply = "true"

[components.db]
type = "custom"
shell = true
vars = { SUBNET = "${net.subnet}" }
commands.plan = "echo db plans in $SUBNET"
commands.apply = "echo host=db.$SUBNET >> $GANTRY_OUTPUT"

[components.cache]
type = "custom"
shell = true
vars = { DB = "${db.host}" }
commands.plan = "echo cache plans for $DB"
commands.apply = "true"
)";

TEST_F(PlanCliTest, AFreshStackPlansWithPlannedValuesAndPlaceholdersAndBlocksTheRest) {
  dir_.Write("gantry.toml", kFreshStack);
  const auto r = Gantry({"plan", "--summary", dir_ / "s.json"},
                        {"GITHUB_STEP_SUMMARY=" + (dir_ / "step.md")});
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;  // planned what it could; some are blocked
  EXPECT_THAT(r.out, AllOf(HasSubstr("app plans in vpc-1"), HasSubstr("web plans for http://placeholder"),
                           Not(HasSubstr("db plans")), Not(HasSubstr("cache plans"))));
  EXPECT_THAT(r.out, AllOf(HasSubstr("db blocked"), HasSubstr("needs net applied: net.subnet has no "
                                                             "value yet"),
                           HasSubstr("cache blocked"), HasSubstr("needs db applied"),
                           HasSubstr("planned with placeholders for app.url"),
                           HasSubstr(", 2 blocked")));

  const Json summary = Json::parse(Read(dir_ / "s.json"));
  EXPECT_EQ(summary["exit_code"], 4);
  EXPECT_EQ(summary["counts"]["blocked"], 2);
  EXPECT_EQ(Component(summary, "db")["status"], "blocked");
  EXPECT_EQ(Component(summary, "db")["blocked_on"], Json::array({"net"}));
  EXPECT_EQ(Component(summary, "cache")["blocked_on"], Json::array({"db"}));
  EXPECT_EQ(Component(summary, "app")["planned_inputs"], Json::array({"net.id"}));
  EXPECT_EQ(Component(summary, "web")["placeholders"], Json::array({"app.url"}));
  EXPECT_EQ(Component(summary, "web")["status"], "ok");

  // The step summary draws the run: app (c0) needs net (c3); cache (c1) needs db (c2).
  const std::string step = Read(dir_ / "step.md");
  EXPECT_THAT(step, AllOf(HasSubstr("| db | custom | blocked (needs net applied) |"),
                          HasSubstr("c2[\"db<br/>blocked\"]:::blocked"), HasSubstr("c3 --> c0"),
                          HasSubstr("c2 --> c1"),
                          HasSubstr("| web | custom | ok (planned with placeholders for app.url) |")));

  // Nothing planned reached the outputs store.
  EXPECT_FALSE(std::filesystem::exists(dir_ / ".gantry/state/default/net/.gantry-outputs.json"));

  // A plan with placeholders or blocked components is never applied.
  const auto apply = Gantry({"apply", "--from-plan", "last"});
  EXPECT_EQ(apply.exit_code, 2) << apply.out << apply.err;
  EXPECT_THAT(apply.err, AllOf(HasSubstr("cannot be applied; nothing was run"),
                               HasSubstr("web: it was planned with placeholders for app.url"),
                               HasSubstr("db: it was not planned (it needs net applied first)"),
                               HasSubstr("cache: it was not planned (it needs db applied first)")));
  EXPECT_FALSE(std::filesystem::exists(dir_ / ".gantry/state/default/net/.gantry-outputs.json"));

  // --detailed-exitcode keeps "blocked" apart from "changes" and "error".
  EXPECT_EQ(Gantry({"plan", "--detailed-exitcode"}).exit_code, 4);
}

TEST_F(PlanCliTest, PlanDefaultsNamingNoReferenceOfTheComponentAreRefused) {
  dir_.Write("gantry.toml", R"([components.net]
type = "custom"
commands.apply = ["true"]

[components.app]
type = "custom"
vars = { VPC = "${net.id}" }
plan_defaults = { "net.idd" = "vpc-0", "bad" = 1 }
commands.apply = ["true"]
)");
  const auto r = Gantry({"validate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr(":8:31: error: component 'app': plan_defaults names 'net.idd', "
                                     "which it does not reference (did you mean 'net.id'?); "
                                     "it references net.id"),
                           HasSubstr("plan_defaults: 'bad' must name an output")));
}

// Two components: net's plan says its id will be vpc-1; its apply makes the id written in
// the project's id.txt. app is planned with net's planned id.
constexpr char kChain[] = R"([components.net]
type = "custom"
shell = true
commands.plan = "echo id=vpc-1 >> $GANTRY_OUTPUT"
commands.apply = "echo id=$(cat $GANTRY_PROJECT_DIR/id.txt) >> $GANTRY_OUTPUT"

[components.app]
type = "custom"
shell = true
vars = { VPC = "${net.id}" }
commands.plan = "echo app plans in $VPC"
commands.apply = "echo app applies in $VPC; echo url=http://$VPC >> $GANTRY_OUTPUT"
)";

TEST_F(PlanCliTest, ASavedPlanIsAppliedWhenThePlannedValuesCameTrue) {
  dir_.Write("gantry.toml", kChain);
  dir_.Write("id.txt", "vpc-1\n");
  const auto plan = Gantry({"plan"});
  ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  // The record of what each was planned from is the user's alone.
  struct stat plans {};
  ASSERT_EQ(::stat((dir_ / ".gantry/runs").c_str(), &plans), 0);
  for (const auto& run : std::filesystem::directory_iterator(dir_ / ".gantry/runs")) {
    if (!std::filesystem::exists(run.path() / "plans")) continue;
    ASSERT_EQ(::stat((run.path() / "plans").c_str(), &plans), 0);
    EXPECT_EQ(plans.st_mode & 0777, 0700u);
    ASSERT_EQ(::stat((run.path() / "plans/app.gantry.json").c_str(), &plans), 0);
    EXPECT_EQ(plans.st_mode & 0777, 0600u);
  }

  const auto apply = Gantry({"apply", "--from-plan", "last"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, AllOf(HasSubstr("applying the saved plan of run "),
                               HasSubstr("2 components whose plan had changes (or could not tell)"),
                               HasSubstr("app applies in vpc-1")));
  EXPECT_THAT(Outputs("app"), HasSubstr("http://vpc-1"));

  // A plan is applied once: the state it was made from has moved since.
  const auto again = Gantry({"apply", "--from-plan", "last"});
  EXPECT_EQ(again.exit_code, 2) << again.out << again.err;
  EXPECT_THAT(again.err, AllOf(HasSubstr("app: run "), HasSubstr(" has run it since the plan")));
}

TEST_F(PlanCliTest, ASavedPlanWhosePlannedValueTurnedOutOtherwiseIsNotApplied) {
  dir_.Write("gantry.toml", kChain);
  dir_.Write("id.txt", "vpc-1\n");
  ASSERT_EQ(Gantry({"plan"}).exit_code, 0);
  dir_.Write("id.txt", "vpc-2\n");  // net's apply will make another id than planned
  const auto apply = Gantry({"apply", "--from-plan", "last"});
  EXPECT_EQ(apply.exit_code, 1) << apply.out << apply.err;
  EXPECT_THAT(apply.out, AllOf(HasSubstr("its saved plan was made with other values of net.id "
                                         "than they have now; plan again"),
                               Not(HasSubstr("app applies"))));
  EXPECT_FALSE(std::filesystem::exists(dir_ / ".gantry/state/default/app/.gantry-outputs.json"));
}

TEST_F(PlanCliTest, ASavedPlanOfAComponentConfiguredOtherwiseSinceIsRefusedBeforeAnythingRuns) {
  dir_.Write("gantry.toml", kChain);
  dir_.Write("id.txt", "vpc-1\n");
  ASSERT_EQ(Gantry({"plan"}).exit_code, 0);
  std::string changed = kChain;
  changed.replace(changed.find("app applies in"), 3, "APP");
  dir_.Write("gantry.toml", changed);
  const auto apply = Gantry({"apply", "--from-plan", "last"});
  EXPECT_EQ(apply.exit_code, 2) << apply.out << apply.err;
  EXPECT_THAT(apply.err, HasSubstr("app: its configuration in gantry.toml changed since the "
                                   "plan; plan again"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / ".gantry/state/default/net/.gantry-outputs.json"));
}

TEST_F(PlanCliTest, AComponentWhoseTypeCannotApplyASavedPlanIsRefusedNotReplanned) {
  dir_.Write("gantry.toml", R"([components.app]
type = "probe"
changes = { has_changes = true, add = 1 }

[components.db]
type = "probe"
changes = { has_changes = false, add = 0, change = 0, destroy = 0 }
)");
  ASSERT_EQ(Gantry({"plan"}).exit_code, 0);
  const auto apply = Gantry({"apply", "--from-plan", "last"});
  EXPECT_EQ(apply.exit_code, 2) << apply.out << apply.err;
  EXPECT_THAT(apply.err, AllOf(HasSubstr("app: the probe plugin cannot apply a saved plan"),
                               Not(HasSubstr("db:"))));

  // Without changes, nothing of theirs needs applying: they are not run.
  dir_.Write("gantry.toml", R"([components.app]
type = "probe"
changes = { has_changes = false, add = 0, change = 0, destroy = 0 }
)");
  ASSERT_EQ(Gantry({"plan"}).exit_code, 0);
  const auto nothing = Gantry({"apply", "--from-plan", "last"});
  EXPECT_EQ(nothing.exit_code, 0) << nothing.out << nothing.err;
  EXPECT_THAT(nothing.out, AllOf(HasSubstr("0 components whose plan had changes"),
                                 HasSubstr("not run, as their plan had none: app"),
                                 Not(HasSubstr("app started"))));
}

TEST_F(PlanCliTest, FromPlanRefusesSelectionsOtherOperationsAndMissingRuns) {
  dir_.Write("gantry.toml", kChain);
  const auto none = Gantry({"apply", "--from-plan", "last"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("--from-plan: "));
  ASSERT_EQ(Gantry({"plan"}).exit_code, 0);
  const auto selected = Gantry({"apply", "app", "--from-plan", "last"});
  EXPECT_EQ(selected.exit_code, 2);
  EXPECT_THAT(selected.err, HasSubstr("the plan decides what is applied"));
  const auto destroy = Gantry({"destroy", "--from-plan", "last"});
  EXPECT_NE(destroy.exit_code, 0);
}

TEST_F(PlanCliTest, APlanOfAnotherTargetIsRefused) {
  dir_.Write("gantry.toml", std::string(kChain) + "\n[targets.dev]\n");
  dir_.Write("id.txt", "vpc-1\n");
  const auto plan = Gantry({"plan", "--target", "dev", "--summary", dir_ / "dev.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  const std::string run = Json::parse(Read(dir_ / "dev.json"))["run_id"];
  // "last" looks for a plan of this apply's target: there is none.
  EXPECT_EQ(Gantry({"apply", "--from-plan", "last"}).exit_code, 2);
  const auto other = Gantry({"apply", "--from-plan", run});
  EXPECT_EQ(other.exit_code, 2) << other.out << other.err;
  EXPECT_THAT(other.err, HasSubstr("run " + run + " planned target 'dev', not 'default'; apply "
                                   "it with --target dev"));
  EXPECT_EQ(Gantry({"apply", "--target", "dev", "--from-plan", run}).exit_code, 0);
}

}  // namespace
}  // namespace gantry::cli
