// Planning a terraform -> terraform -> custom stack that was never applied, and applying
// exactly that plan (issue 16), with the real terraform on this machine. Skipped, saying
// why, where terraform is not on PATH.
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/terraform/terraform_project_test.h"

namespace gantry::terraform {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

// vpc_id is known when planned (a name made from the inputs); vpc_uid only once applied
// (the resource's id), as terraform_data.output would be for a resource not yet created.
constexpr char kNet[] = R"(
variable "name" { type = string }
locals { vpc_id = "vpc-${var.name}" }
resource "terraform_data" "vpc" { input = local.vpc_id }
output "vpc_id" { value = local.vpc_id }
output "vpc_uid" { value = terraform_data.vpc.id }
)";

std::string Subnet(const std::string& suffix) {
  return R"(
variable "vpc_id" { type = string }
locals { subnet_id = "${var.vpc_id}-)" + suffix + R"(" }
resource "terraform_data" "subnet" { input = local.subnet_id }
output "subnet_id" { value = local.subnet_id }
)";
}

constexpr char kStack[] = R"([components.net]
type = "terraform"
source = "net"
vars = { name = "main" }

[components.subnet]
type = "terraform"
source = "subnet"
vars = { vpc_id = "${net.vpc_id}" }

[components.app]
type = "custom"
shell = true
vars = { SUBNET = "${subnet.subnet_id}" }
commands.plan = "echo app would deploy into $SUBNET"
commands.apply = "echo app deployed into $SUBNET; echo endpoint=https://$SUBNET >> $GANTRY_OUTPUT"
)";

class TerraformPlanCliTest : public TerraformProjectTest {
 protected:
  void SetUp() override {
    TerraformProjectTest::SetUp();
    if (IsSkipped()) return;
    dir_.Write("net/main.tf", kNet);
    dir_.Write("subnet/main.tf", Subnet("a"));
    dir_.Write("gantry.toml", kStack);
  }

  std::string OutputsOf(const std::string& component) {
    return gantry::testing::ReadText(dir_ / (".gantry/state/default/" + component +
                                             "/.gantry-outputs.json"));
  }
};

TEST_F(TerraformPlanCliTest, ANeverAppliedStackIsPlannedWithPlannedValuesAndThatPlanIsApplied) {
  const auto plan = Gantry({"plan", "--detailed-exitcode", "--summary", "plan.json"});
  ASSERT_EQ(plan.exit_code, 2) << plan.out << plan.err;  // planned; things would change
  EXPECT_THAT(plan.out, HasSubstr("app would deploy into vpc-main-a"));
  EXPECT_EQ(ComponentSummary("plan.json", "subnet")["planned_inputs"], Json::array({"net.vpc_id"}));
  EXPECT_EQ(ComponentSummary("plan.json", "app")["planned_inputs"],
            Json::array({"subnet.subnet_id"}));
  EXPECT_EQ(ComponentSummary("plan.json", "subnet")["changes"]["add"], 1);
  // Nothing planned is recorded as an output.
  EXPECT_FALSE(fs::exists(dir_ / ".gantry/state/default/net/.gantry-outputs.json"));
  // The plan files are the user's alone.
  const std::string run = ComponentSummary("plan.json", "net").is_null()
                              ? ""
                              : Json::parse(gantry::testing::ReadText(dir_ / "plan.json"))["run_id"];
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / (".gantry/runs/" + run + "/plans/subnet/tfplan")).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  // terraform keeps secrets in clear in its state: its directory is the user's alone.
  ASSERT_EQ(::stat((dir_ / ".gantry/state/default/net").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);

  // A change to the sources after the plan is not applied: the plan is.
  dir_.Write("subnet/main.tf", Subnet("CHANGED"));
  const auto apply = Gantry({"apply", "--from-plan", "last", "--summary", "apply.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, AllOf(HasSubstr("applying the saved plan of run " + run),
                               HasSubstr("app deployed into vpc-main-a"),
                               Not(HasSubstr("CHANGED"))));
  EXPECT_THAT(OutputsOf("subnet"), AllOf(HasSubstr("vpc-main-a"), Not(HasSubstr("CHANGED"))));
  EXPECT_EQ(ComponentSummary("apply.json", "subnet")["changes"]["add"], 1);

  // The plan was applied once; a second time it is stale.
  const auto again = Gantry({"apply", "--from-plan", run});
  EXPECT_EQ(again.exit_code, 2) << again.out << again.err;
  EXPECT_THAT(again.err, HasSubstr("has run it since the plan"));

  // The changed source is what a new plan sees; put back, nothing would change.
  EXPECT_EQ(Gantry({"plan", "--detailed-exitcode"}).exit_code, 2);
  dir_.Write("subnet/main.tf", Subnet("a"));
  const auto none = Gantry({"plan", "--detailed-exitcode", "--summary", "none.json"});
  EXPECT_EQ(none.exit_code, 0) << none.out << none.err;
  EXPECT_THAT(none.out, HasSubstr("2 without"));
  EXPECT_EQ(ComponentSummary("none.json", "net")["changes"]["has_changes"], false);
}

TEST_F(TerraformPlanCliTest, AnOutputOnlyAnApplyKnowsBlocksItsConsumerUnlessItHasAPlaceholder) {
  std::string stack = kStack;
  stack.replace(stack.find("${net.vpc_id}"), 13, "${net.vpc_uid}");
  dir_.Write("gantry.toml", stack);
  const auto blocked = Gantry({"plan", "--summary", "blocked.json"});
  EXPECT_EQ(blocked.exit_code, 4) << blocked.out << blocked.err;
  EXPECT_THAT(blocked.out, AllOf(HasSubstr("subnet blocked"), HasSubstr("needs net applied"),
                                 HasSubstr("app blocked"), HasSubstr("needs subnet applied")));
  EXPECT_EQ(ComponentSummary("blocked.json", "net")["status"], "ok");  // the rest still plans

  stack.replace(stack.find("vars = { vpc_id"), 0,
                "plan_defaults = { \"net.vpc_uid\" = \"uid-00000000\" }\n");
  dir_.Write("gantry.toml", stack);
  const auto placeholder = Gantry({"plan", "--summary", "placeholder.json"});
  EXPECT_EQ(placeholder.exit_code, 0) << placeholder.out << placeholder.err;
  EXPECT_THAT(placeholder.out, AllOf(HasSubstr("planned with placeholders for net.vpc_uid"),
                                     HasSubstr("app would deploy into uid-00000000-a")));
  EXPECT_EQ(ComponentSummary("placeholder.json", "subnet")["placeholders"],
            Json::array({"net.vpc_uid"}));

  // A plan holding a placeholder is never applied.
  const auto apply = Gantry({"apply", "--from-plan", "last"});
  EXPECT_EQ(apply.exit_code, 2) << apply.out << apply.err;
  EXPECT_THAT(apply.err, HasSubstr("subnet: it was planned with placeholders for net.vpc_uid"));
  EXPECT_FALSE(fs::exists(dir_ / ".gantry/state/default/net/.gantry-outputs.json"));
}

TEST_F(TerraformPlanCliTest, APlanWhoseStateMovedSinceIsRefusedBeforeAnythingRuns) {
  ASSERT_EQ(Gantry({"plan"}).exit_code, 0);
  ASSERT_EQ(Gantry({"apply", "net"}).exit_code, 0);  // the state moves under the plan
  const auto apply = Gantry({"apply", "--from-plan", "last"});
  EXPECT_EQ(apply.exit_code, 2) << apply.out << apply.err;
  EXPECT_THAT(apply.err, AllOf(HasSubstr("nothing was run"), HasSubstr("net: run "),
                               HasSubstr("has run it since the plan")));
  EXPECT_FALSE(fs::exists(dir_ / ".gantry/state/default/subnet/.gantry-outputs.json"));
}

}  // namespace
}  // namespace gantry::terraform
