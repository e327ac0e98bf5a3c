// The terraform type end to end: the gantry binary driving the real terraform on this
// machine (offline: only the built-in terraform_data resource and the local backend).
// Every test skips, saying why, where terraform is not on PATH.
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/background_gantry.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"
#include "tests/terraform/terraform_project_test.h"

namespace gantry::terraform {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Read(const std::string& path) { return gantry::testing::ReadText(path); }

// Everything under `dir` as one string, for "is this secret anywhere?" checks, skipping
// what the user wrote (gantry.toml) and terraform's own state and data (terraform keeps
// secrets in clear there by design), and gantry's outputs file (mode 0600, the value
// itself, which later runs read).
std::string EverythingUnder(const std::string& dir) {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string path = entry.path().string();
    if (!entry.is_regular_file() || path.find("tfstate") != std::string::npos ||
        path.find("/.terraform/") != std::string::npos ||
        path.find("/.gantry-outputs.json") != std::string::npos ||
        entry.path().filename() == "gantry.toml")
      continue;
    all += Read(path);
  }
  return all;
}

constexpr const char* kNetwork = R"(
variable "name" { type = string }
variable "db_password" {
  type      = string
  sensitive = true
}
resource "terraform_data" "vpc" {
  input = "vpc-${var.name}"
}
output "vpc_id" { value = terraform_data.vpc.output }
output "settings" { value = { name = var.name, zones = ["a", "b"] } }
output "db_password" {
  value     = var.db_password
  sensitive = true
}
output "db" {
  value     = { user = "admin", token = "tok-${terraform_data.vpc.id}" }
  sensitive = true
}
)";

class TerraformCliTest : public TerraformProjectTest {
 protected:
  void SetUp() override {
    TerraformProjectTest::SetUp();
    if (IsSkipped()) return;
    dir_.Write("network/main.tf", kNetwork);
    dir_.Write("app/show.sh", R"sh(#!/bin/sh
echo "app sees vpc=$VPC zones=$ZONES"
echo "token alone: $(echo "$DB" | tr ',' '\n' | grep tok- | cut -d'"' -f4)"
)sh");
    fs::permissions(dir_ / "app/show.sh", fs::perms::owner_exec, fs::perm_options::add);
  }

  void WriteProject(const std::string& extra = "") {
    dir_.Write("gantry.toml", R"([components.network]
type = "terraform"
source = "network"
vars = { name = "main", db_password = "hunter2-4f9a" }
sensitive = ["db_password"]

[components.app]
type = "custom"
source = "app"
vars = { VPC = "${network.vpc_id}", ZONES = "${network.settings}", DB = "${network.db}" }
commands.apply = ["./show.sh"]

[targets.dev]
vars = { name = "dev" }
[targets.prod]
vars = { name = "prod" }
)" + extra);
  }

};

TEST_F(TerraformCliTest, ApplyFlowsOutputsIntoCustomThenPlansNothingAndDestroys) {
  WriteProject();
  auto apply = Gantry({"apply", "--summary", "apply.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, HasSubstr(R"(app sees vpc=vpc-main zones={"name":"main","zones":["a","b"]})"));
  nlohmann::json network = ComponentSummary("apply.json", "network");
  EXPECT_EQ(network["changes"]["add"], 1);
  EXPECT_EQ(network["outputs"]["vpc_id"], "vpc-main");

  // Second apply: nothing to do, said so.
  apply = Gantry({"apply", "network", "--summary", "again.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  network = ComponentSummary("again.json", "network");
  EXPECT_EQ(network["changes"]["has_changes"], false);
  EXPECT_THAT(apply.out, HasSubstr("no changes"));

  // Workspaces are disposable; the state is not.
  auto clean = Gantry({"workspaces", "clean"});
  ASSERT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  auto plan = Gantry({"plan", "--summary", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  EXPECT_EQ(ComponentSummary("plan.json", "network")["changes"]["has_changes"], false)
      << "the state survived the cleaning: " << plan.out;

  // A changed var: the plan counts what it would change.
  dir_.Write("network/extra.tf", "resource \"terraform_data\" \"extra\" { input = 1 }\n");
  plan = Gantry({"plan", "network", "--summary", "plan2.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  network = ComponentSummary("plan2.json", "network");
  EXPECT_EQ(network["changes"]["has_changes"], true);
  EXPECT_EQ(network["changes"]["add"], 1);
  EXPECT_EQ(network["changes"]["destroy"], 0);
  EXPECT_THAT(plan.out, HasSubstr("1 to add, 0 to change, 0 to destroy"));

  auto destroy = Gantry({"destroy", "--summary", "destroy.json"});
  ASSERT_EQ(destroy.exit_code, 0) << destroy.out << destroy.err;
  EXPECT_EQ(ComponentSummary("destroy.json", "network")["changes"]["destroy"], 1);
  EXPECT_THAT(Read(dir_ / ".gantry/state/default/network/terraform.tfstate"),
              Not(HasSubstr("vpc-main")));
}

TEST_F(TerraformCliTest, TwoTargetsKeepSeparateStates) {
  WriteProject();
  auto dev = Gantry({"apply", "network", "--target", "dev"});
  ASSERT_EQ(dev.exit_code, 0) << dev.out << dev.err;
  auto prod = Gantry({"apply", "network", "--target", "prod"});
  ASSERT_EQ(prod.exit_code, 0) << prod.out << prod.err;
  const std::string dev_state =
      Read(dir_ / ".gantry/state/dev/network/terraform.tfstate.d/dev/terraform.tfstate");
  const std::string prod_state =
      Read(dir_ / ".gantry/state/prod/network/terraform.tfstate.d/prod/terraform.tfstate");
  EXPECT_THAT(dev_state, HasSubstr("vpc-dev"));
  EXPECT_THAT(dev_state, Not(HasSubstr("vpc-prod")));
  EXPECT_THAT(prod_state, HasSubstr("vpc-prod"));
  EXPECT_FALSE(fs::exists(dir_ / "network/terraform.tfstate")) << "nothing in the sources";
  EXPECT_FALSE(fs::exists(dir_ / "network/.terraform")) << "nothing in the sources";
  auto again = Gantry({"plan", "network", "--target", "dev", "--summary", "dev.json"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(ComponentSummary("dev.json", "network")["changes"]["has_changes"], false);
}

TEST_F(TerraformCliTest, SensitiveValuesAreMaskedEverywhereGantryWrites) {
  WriteProject();
  auto apply = Gantry({"apply", "--summary", "s.json", "--events", "e.jsonl"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  const std::string everything = apply.out + apply.err + EverythingUnder(dir_.path());
  // The sensitive var, and a string leaf of the sensitive map output, which app prints
  // on its own line (terraform's state holds it: that is where it is read from here).
  const nlohmann::json state =
      nlohmann::json::parse(Read(dir_ / ".gantry/state/default/network/terraform.tfstate"));
  const std::string token = state["outputs"]["db"]["value"]["token"];
  ASSERT_THAT(token, HasSubstr("tok-"));
  EXPECT_THAT(everything, Not(HasSubstr("hunter2-4f9a")));
  EXPECT_THAT(everything, Not(HasSubstr(token)));
  EXPECT_THAT(apply.out, HasSubstr("token alone: ***"));
  EXPECT_THAT(Read(dir_ / "s.json"), HasSubstr("vpc-main")) << "plain outputs are not masked";
}

TEST_F(TerraformCliTest, EightComponentsInitAtOnceAgainstOneCache) {
  std::string toml = "[gantry]\nmax_concurrency = 8\n";
  for (int i = 0; i < 8; ++i) {
    const std::string name = "c" + std::to_string(i);
    dir_.Write(name + "/main.tf", "resource \"terraform_data\" \"x\" { input = \"" + name +
                                      "\" }\noutput \"id\" { value = terraform_data.x.output }\n");
    toml += "[components." + name + "]\ntype = \"terraform\"\nsource = \"" + name + "\"\n";
  }
  dir_.Write("gantry.toml", toml);
  constexpr int kRepeats = 3;
  for (int repeat = 0; repeat < kRepeats; ++repeat) {
    fs::remove_all(dir_ / ".gantry/state");  // every component inits again
    auto apply = Gantry({"apply", "-j", "8"});
    ASSERT_EQ(apply.exit_code, 0) << "repeat " << repeat << ":\n" << apply.out << apply.err;
    for (int i = 0; i < 8; ++i)
      EXPECT_TRUE(fs::exists(dir_ / (".gantry/state/default/c" + std::to_string(i) +
                                     "/terraform.tfstate")));
  }
  EXPECT_TRUE(fs::exists(dir_ / ".gantry/cache/terraform/.gantry-init.lock"));
}

TEST_F(TerraformCliTest, AnInterruptedApplyLeavesNoStateLockBehind) {
  dir_.Write("slow/main.tf", R"(
resource "terraform_data" "slow" {
  provisioner "local-exec" { command = "sleep 30" }
}
)");
  dir_.Write("gantry.toml", "[components.slow]\ntype = \"terraform\"\nsource = \"slow\"\n");
  const std::string log = dir_ / "run.log";
  gantry::testing::BackgroundGantry run({"apply"}, dir_.path(), log,
                                        {"TF_CLI_CONFIG_FILE=" + (dir_ / "missing.tfrc")});
  ASSERT_TRUE(gantry::testing::Eventually(
      [&] { return Read(log).find("Provisioning with 'local-exec'") != std::string::npos; }, 60))
      << Read(log);
  const std::string lock = dir_ / ".gantry/state/default/slow/.terraform.tfstate.lock.info";
  EXPECT_TRUE(fs::exists(lock)) << "terraform holds its state lock mid-apply";
  run.Signal(SIGINT);
  EXPECT_EQ(run.Wait(), 130) << Read(log);
  EXPECT_FALSE(fs::exists(lock)) << "terraform was given time to release its lock:\n" << Read(log);
  auto plan = Gantry({"plan"});
  EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  EXPECT_THAT(plan.out + plan.err, Not(HasSubstr("Error acquiring the state lock")));
}

TEST_F(TerraformCliTest, ATimedOutApplyIsInterruptedAndReleasesItsLock) {
  dir_.Write("slow/main.tf", R"(
resource "terraform_data" "slow" {
  provisioner "local-exec" { command = "sleep 30" }
}
)");
  dir_.Write("gantry.toml",
             "[components.slow]\ntype = \"terraform\"\nsource = \"slow\"\ntimeout = \"4s\"\n");
  auto apply = Gantry({"apply"});
  EXPECT_EQ(apply.exit_code, 1) << apply.out << apply.err;
  // SIGINT, not SIGTERM: terraform says it was interrupted and stops gracefully.
  EXPECT_THAT(apply.out + apply.err, HasSubstr("Interrupt received"));
  EXPECT_FALSE(fs::exists(dir_ / ".gantry/state/default/slow/.terraform.tfstate.lock.info"));
  auto plan = Gantry({"plan"});
  EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
}

TEST_F(TerraformCliTest, AComponentReadingAnothersStateDependsOnItAndReadsIt) {
  dir_.Write("base/main.tf", R"(
resource "terraform_data" "b" { input = "base-value" }
output "id" { value = terraform_data.b.output }
)");
  // From the workspace (.gantry/workspaces/<run>/reader), three levels up is .gantry.
  dir_.Write("reader/main.tf", R"(
data "terraform_remote_state" "base" {
  backend = "local"
  config = {
    path = "../../../state/${terraform.workspace}/base/terraform.tfstate"
  }
}
output "seen" { value = data.terraform_remote_state.base.outputs.id }
)");
  dir_.Write("gantry.toml", R"([components.reader]
type = "terraform"
source = "reader"

[components.base]
type = "terraform"
source = "base"
)");
  auto graph = Gantry({"graph"});
  ASSERT_EQ(graph.exit_code, 0) << graph.out << graph.err;
  EXPECT_THAT(graph.out, HasSubstr("reader (terraform)\n  <- base [discovered]"));
  auto json = Gantry({"graph", "--format", "json"});
  EXPECT_THAT(json.out, HasSubstr("terraform_remote_state.base in main.tf:2"));
  auto apply = Gantry({"apply", "--summary", "s.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_EQ(ComponentSummary("s.json", "reader")["outputs"]["seen"], "base-value");
}

TEST_F(TerraformCliTest, ValidateFindsAVarTheModuleDoesNotDeclare) {
  dir_.Write("gantry.toml", R"([components.network]
type = "terraform"
source = "network"
vars = { nmae = "x", db_password = "y" }
worksapce = "blue"
)");
  auto validate = Gantry({"validate"});
  EXPECT_EQ(validate.exit_code, 2) << validate.out << validate.err;
  EXPECT_THAT(validate.err, HasSubstr("gantry.toml:4:"));
  EXPECT_THAT(validate.err, HasSubstr("declares no variable 'nmae'; did you mean 'name'?"));
  EXPECT_THAT(validate.err, HasSubstr("did you mean 'workspace'?"));
}

}  // namespace
}  // namespace gantry::terraform
