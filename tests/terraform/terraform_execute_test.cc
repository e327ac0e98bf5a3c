// The terraform plugin's execute, driven through the SDK's FakeHost against a stand-in
// terraform (fake_terraform.sh) that logs every command: what runs, in which order, with
// which environment, and what is recorded, without needing terraform itself.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "gantry/testing/fake_host.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/tool_plugin_test.h"

namespace gantry::terraform {
namespace {

namespace fs = std::filesystem;
using gantry::testing::CallRecord;
using gantry::testing::FakeComponent;
using gantry::testing::FakeHost;
using gantry::testing::Lines;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::string Read(const std::string& path) { return gantry::testing::ReadText(path); }

// A project with one module, and a fresh workspace copy of it per run, as the host makes.
class TerraformExecuteTest : public gantry::testing::ToolPluginTest {
 protected:
  TerraformExecuteTest() : ToolPluginTest(GANTRY_TERRAFORM_PLUGIN, "network", "terraform") {}

  void SetUp() override {
    dir_.Write("src/main.tf", "resource \"terraform_data\" \"x\" {}\n");
  }

  // The settings JSON: the fake binary, its log, and any extra FAKE_TF_* variables.
  std::string Settings(const std::string& extra_env = "", const std::string& more = "") const {
    return R"({"binary": ")" + std::string(GANTRY_FAKE_TERRAFORM) +
           R"(", "env": {"FAKE_TF_LOG": ")" + Log() + "\"" + extra_env + "}" + more + "}";
  }
};

TEST_F(TerraformExecuteTest, ApplyInitsOnceThenOnlyWhenInputsChange) {
  CallRecord record = Run("apply", Settings());
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Calls(), ElementsAre("init -input=false -no-color",
                                   "apply -input=false -auto-approve -no-color", "output -json"));
  record = Run("apply", Settings());
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  EXPECT_THAT(Calls(), ElementsAre("apply -input=false -auto-approve -no-color", "output -json"))
      << "nothing changed: no init";
  dir_.Write("src/outputs.tf", "output \"x\" { value = 1 }\n");
  record = Run("apply", Settings());
  EXPECT_THAT(Calls(), Contains("init -input=false -no-color")) << "a new .tf file: init again";
  record = Run("apply", Settings(R"(, "TF_LOG": "INFO")"));
  EXPECT_THAT(Calls(), Contains("init -input=false -no-color")) << "a new environment: init again";
}

TEST_F(TerraformExecuteTest, StateAndDataDirLiveInTheStateDirectory) {
  const FakeComponent component = Component(Settings());
  const CallRecord record = host_.Execute(component, "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  const std::string backend = Read(component.work_dir + "/gantry_backend.tf.json");
  EXPECT_THAT(backend, HasSubstr("\"path\": \"" + (dir_ / "state") + "/terraform.tfstate\""));
  EXPECT_THAT(backend, HasSubstr("\"workspace_dir\": \"" + (dir_ / "state") + "/terraform.tfstate.d\""));
  ASSERT_FALSE(record.spawns.empty());
  for (const auto& spawn : record.spawns) {
    EXPECT_THAT(spawn.env, Contains("TF_DATA_DIR=" + (dir_ / "state") + "/.terraform"));
    EXPECT_THAT(spawn.env, Contains("TF_PLUGIN_CACHE_DIR=" + (dir_ / "cache")));
    EXPECT_THAT(spawn.env, Contains("TF_IN_AUTOMATION=1"));
    EXPECT_EQ(spawn.stop_timeout_ms, 60000u) << "terraform gets time to release its lock";
    EXPECT_TRUE(spawn.Has(GANTRY_SPAWN_STOP_WITH_SIGINT));
  }
  EXPECT_TRUE(fs::exists(dir_ / "state/.terraform/gantry-init"));
}

TEST_F(TerraformExecuteTest, VarsAreWrittenToAFileAndNeverPassedOnTheCommandLine) {
  FakeComponent component = Component(Settings());
  component.WithVars(R"({"password": "pw-9f8e7d", "cidr": "10.0.0.0/16", "ports": [80, 443]})");
  const CallRecord record = host_.Execute(component, "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  EXPECT_EQ(Read(component.work_dir + "/gantry.auto.tfvars.json"),
            R"({"password": "pw-9f8e7d", "cidr": "10.0.0.0/16", "ports": [80, 443]})");
  for (const auto& spawn : record.spawns)
    for (const std::string& word : spawn.argv) EXPECT_THAT(word, Not(HasSubstr("pw-9f8e7d")));
  for (const auto& spawn : record.spawns)
    for (const std::string& entry : spawn.env) EXPECT_THAT(entry, Not(HasSubstr("pw-9f8e7d")));
}

TEST_F(TerraformExecuteTest, OutputsAreRecordedWithTheirKindAndSensitivity) {
  dir_.Write("outputs.json", R"({"id": {"sensitive": false, "value": "vpc-1"},
                                  "db": {"sensitive": true, "value": {"pw": "x"}}})");
  const CallRecord record =
      Run("apply", Settings(R"(, "FAKE_TF_OUTPUTS_FILE": ")" + (dir_ / "outputs.json") + "\""));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  ASSERT_EQ(record.outputs.size(), 2u);
  EXPECT_EQ(record.outputs.at("id").value, "vpc-1");
  EXPECT_EQ(record.outputs.at("id").flags, 0u);
  EXPECT_EQ(record.outputs.at("db").value, R"({"pw":"x"})");
  EXPECT_EQ(record.outputs.at("db").flags, GANTRY_OUTPUT_SENSITIVE | GANTRY_OUTPUT_JSON);
  EXPECT_THAT(record.stdout_text, Not(HasSubstr("vpc-1"))) << "output -json is never shown";
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->add, 1);
  EXPECT_EQ(record.changes->has_changes, 1);
}

TEST_F(TerraformExecuteTest, ATargetSelectsItsWorkspaceOnce) {
  CallRecord record = Run("apply", Settings(), "dev");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Calls(), Contains("workspace select -or-create -no-color dev"));
  record = Run("apply", Settings(), "dev");
  EXPECT_THAT(Calls(), ElementsAre("apply -input=false -auto-approve -no-color", "output -json"));
}

TEST_F(TerraformExecuteTest, ABinaryWithoutOrCreateFallsBackToSelectThenNew) {
  const CallRecord record = Run("apply", Settings(R"(, "FAKE_TF_OLD": "1")"), "dev");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Calls(), ElementsAre("init -input=false -no-color",
                                   "workspace select -or-create -no-color dev",
                                   "workspace select -no-color dev", "workspace new -no-color dev",
                                   "apply -input=false -auto-approve -no-color", "output -json"));
}

TEST_F(TerraformExecuteTest, PlanWithChangesReportsTheirCounts) {
  CallRecord record = Run("plan", Settings());
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << "exit 2 means changes, not failure";
  EXPECT_THAT(Calls(), Contains("show -json gantry.tfplan"));
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->has_changes, 1);
  EXPECT_EQ(record.changes->add, 2);
  EXPECT_EQ(record.changes->change, 0);
  EXPECT_EQ(record.changes->destroy, 1);

  record = Run("plan", Settings(R"(, "FAKE_TF_PLAN_EXIT": "0")"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  EXPECT_THAT(Calls(), Not(Contains("show -json gantry.tfplan"))) << "no changes: nothing to show";
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->has_changes, 0);

  record = Run("plan", Settings(R"(, "FAKE_TF_PLAN_EXIT": "1")"));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, Contains(HasSubstr("terraform plan exited with status 1")));
}

// What `show -json` says of a plan's outputs (as terraform 1.11 writes it, trimmed): a
// string and an object it knows, a secret, and one unknown until the apply.
constexpr const char* kPlanWithOutputs = R"({"format_version": "1.2",
  "resource_changes": [{"change": {"actions": ["create"]}}],
  "planned_values": {"outputs": {
    "name": {"sensitive": false, "type": "string", "value": "net-a"},
    "settings": {"sensitive": false, "value": {"zones": ["a", "b"], "cidr": {"v4": "10.0.0.0/16"}}},
    "token": {"sensitive": true, "type": "string", "value": "tok-5e1f"},
    "vpc_id": {"sensitive": false}
  }},
  "output_changes": {
    "name": {"actions": ["create"], "after": "net-a", "after_unknown": false},
    "settings": {"actions": ["create"], "after_unknown": false},
    "token": {"actions": ["create"], "after_unknown": false, "after_sensitive": true},
    "vpc_id": {"actions": ["create"], "after_unknown": true}
  }})";

TEST_F(TerraformExecuteTest, APlanReportsTheOutputsItKnowsAsPlannedOutputs) {
  dir_.Write("show.json", kPlanWithOutputs);
  const std::string show = R"(, "FAKE_TF_SHOW_FILE": ")" + (dir_ / "show.json") + "\"";
  CallRecord record = Run("plan", Settings(show));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  ASSERT_EQ(record.outputs.size(), 3u) << "vpc_id is unknown until applied";
  EXPECT_EQ(record.outputs.at("name").value, "net-a");
  EXPECT_EQ(record.outputs.at("name").flags, 0u);
  EXPECT_EQ(record.outputs.at("settings").value,
            R"({"zones":["a","b"],"cidr":{"v4":"10.0.0.0/16"}})");
  EXPECT_EQ(record.outputs.at("settings").flags, GANTRY_OUTPUT_JSON);
  EXPECT_EQ(record.outputs.at("token").value, "tok-5e1f");
  EXPECT_EQ(record.outputs.at("token").flags, GANTRY_OUTPUT_SENSITIVE);
  EXPECT_THAT(record.stdout_text, Not(HasSubstr("tok-5e1f"))) << "show -json is never shown";
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->add, 1);

  record = Run("plan", Settings(show + R"(, "FAKE_TF_PLAN_EXIT": "0")"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  EXPECT_THAT(record.outputs, IsEmpty()) << "no changes: the recorded outputs stay right";
}

// Plans saved in the host's plan directory, and applied from it.
class TerraformSavedPlanTest : public TerraformExecuteTest {
 protected:
  void SetUp() override {
    TerraformExecuteTest::SetUp();
    fs::create_directories(PlanDir());
    fs::permissions(PlanDir(), fs::perms::owner_all);
  }

  std::string PlanDir() const { return dir_ / "run/plans/network"; }

  // The local state of `workspace` at lineage and serial, as terraform writes it.
  void WriteState(const std::string& lineage, int serial,
                  const std::string& workspace = "default") const {
    const std::string path = workspace == "default"
                                 ? "state/terraform.tfstate"
                                 : "state/terraform.tfstate.d/" + workspace + "/terraform.tfstate";
    dir_.Write(path, R"({"version": 4, "terraform_version": "1.11.4", "serial": )" +
                         std::to_string(serial) + R"(, "lineage": ")" + lineage +
                         R"(", "outputs": {}, "resources": []})");
  }

  CallRecord Plan(const std::string& settings, const std::string& target = "default") {
    fs::remove(Log());
    return host_.Execute(Component(settings, target).WithPlanDir(PlanDir()), "plan");
  }

  // As the host calls the hook: no workspace, nothing run.
  CallRecord Check(const std::string& settings, const std::string& target = "default") {
    FakeComponent component = Component(settings, target).WithPlanDir(PlanDir());
    return host_.CheckSavedPlan(component.WithWorkDir(""));
  }
};

TEST_F(TerraformSavedPlanTest, APlanIsSavedInThePlanDirectoryWithTheStateItWasMadeFrom) {
  WriteState("lin-1", 3);
  const FakeComponent component = Component(Settings()).WithPlanDir(PlanDir());
  const CallRecord record = host_.Execute(component, "plan");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Calls(), Contains("plan -input=false -out=" + PlanDir() +
                                "/tfplan -detailed-exitcode -no-color"));
  EXPECT_THAT(Calls(), Contains("show -json " + PlanDir() + "/tfplan"));
  EXPECT_EQ(Read(PlanDir() + "/tfplan"), "fake plan\n");
  EXPECT_FALSE(fs::exists(component.work_dir + "/gantry.tfplan")) << "not in the workspace";
  EXPECT_EQ(Read(PlanDir() + "/basis.json"),
            R"({"backend":"local","workspace":"default","lineage":"lin-1","serial":3})" "\n");
  EXPECT_EQ(fs::status(PlanDir() + "/basis.json").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->add, 2);
}

TEST_F(TerraformSavedPlanTest, TheBasisOfAFirstPlanIsNoStateAndOfATargetItsWorkspaces) {
  CallRecord record = Plan(Settings(R"(, "FAKE_TF_PLAN_EXIT": "0")"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_EQ(Read(PlanDir() + "/basis.json"),
            R"({"backend":"local","workspace":"default","lineage":"","serial":-1})" "\n")
      << "a plan without changes is saved too";

  WriteState("lin-default", 9);
  WriteState("lin-dev", 2, "dev");
  record = Plan(Settings(), "dev");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_EQ(Read(PlanDir() + "/basis.json"),
            R"({"backend":"local","workspace":"dev","lineage":"lin-dev","serial":2})" "\n");
}

TEST_F(TerraformSavedPlanTest, AFailedPlanSavesNoBasis) {
  const CallRecord record = Plan(Settings(R"(, "FAKE_TF_PLAN_EXIT": "1")"));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_FALSE(fs::exists(PlanDir() + "/basis.json"));
}

TEST_F(TerraformSavedPlanTest, ApplyingASavedPlanAppliesThatFileAndPlansNothing) {
  dir_.Write("outputs.json", R"({"id": {"sensitive": false, "value": "vpc-1"}})");
  const std::string settings =
      Settings(R"(, "FAKE_TF_OUTPUTS_FILE": ")" + (dir_ / "outputs.json") + "\"");
  ASSERT_EQ(Plan(settings).status, GANTRY_STATUS_OK);
  fs::remove(Log());
  const CallRecord record = host_.Execute(Component(settings).WithPlanDir(PlanDir()), "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Calls(), ElementsAre("apply -input=false -no-color " + PlanDir() + "/tfplan",
                                   "output -json"));
  EXPECT_EQ(record.outputs.at("id").value, "vpc-1");
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->add, 1);
}

TEST_F(TerraformSavedPlanTest, ApplyingAMissingSavedPlanRunsNothing) {
  const CallRecord record =
      host_.Execute(Component(Settings()).WithPlanDir(PlanDir()), "apply");
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, ElementsAre("the saved plan file " + PlanDir() +
                                         "/tfplan is missing; plan again"));
  EXPECT_FALSE(fs::exists(Log())) << "terraform never ran";
}

TEST_F(TerraformSavedPlanTest, ASavedPlanOnAnUnchangedStateCanBeApplied) {
  WriteState("lin-1", 3);
  ASSERT_EQ(Plan(Settings()).status, GANTRY_STATUS_OK);
  const CallRecord record = Check(Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(record.spawns, IsEmpty());
}

TEST_F(TerraformSavedPlanTest, ASavedPlanWhoseStateMovedOnIsRefused) {
  WriteState("lin-1", 3);
  ASSERT_EQ(Plan(Settings()).status, GANTRY_STATUS_OK);
  WriteState("lin-1", 4);
  const CallRecord record = Check(Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, ElementsAre("the state changed since the plan (serial 3 then, 4 now)"
                                         ": plan again, then apply that plan"));
}

TEST_F(TerraformSavedPlanTest, ASavedPlanWhoseStateWasReplacedIsRefused) {
  WriteState("lin-1", 3);
  ASSERT_EQ(Plan(Settings()).status, GANTRY_STATUS_OK);
  WriteState("lin-2", 3);
  CallRecord record = Check(Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, ElementsAre("the state was replaced since the plan (lineage lin-1 "
                                         "then, lin-2 now): plan again, then apply that plan"));
  fs::remove(dir_ / "state/terraform.tfstate");
  record = Check(Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, ElementsAre(HasSubstr("(serial 3 then, no state now)")));
}

TEST_F(TerraformSavedPlanTest, AFirstPlanIsStaleOnceAStateExists) {
  ASSERT_EQ(Plan(Settings(), "dev").status, GANTRY_STATUS_OK);
  EXPECT_EQ(Check(Settings(), "dev").status, GANTRY_STATUS_OK);
  WriteState("lin-1", 1, "dev");
  const CallRecord record = Check(Settings(), "dev");
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, ElementsAre(HasSubstr("(no state then, serial 1 now)")));
}

TEST_F(TerraformSavedPlanTest, ASavedPlanWithoutItsFileOrBasisIsRefused) {
  WriteState("lin-1", 3);
  ASSERT_EQ(Plan(Settings()).status, GANTRY_STATUS_OK);
  fs::remove(PlanDir() + "/basis.json");
  CallRecord record = Check(Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, ElementsAre(HasSubstr(PlanDir() + "/basis.json is missing")));
  dir_.Write("run/plans/network/basis.json", R"({"backend":)");
  record = Check(Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, ElementsAre(HasSubstr("basis.json cannot be read")));
  fs::remove(PlanDir() + "/tfplan");
  record = Check(Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, ElementsAre("the saved plan file " + PlanDir() +
                                         "/tfplan is missing; plan again"));
}

TEST_F(TerraformSavedPlanTest, UnderTheModulesOwnBackendTerraformChecksAtApply) {
  dir_.Write("src/backend.tf", "terraform {\n  backend \"s3\" {}\n}\n");
  WriteState("lin-1", 3);
  ASSERT_EQ(Plan(Settings()).status, GANTRY_STATUS_OK);
  EXPECT_EQ(Read(PlanDir() + "/basis.json"), R"({"backend":"remote"})" "\n");
  WriteState("lin-1", 4);  // not this module's state: nothing gantry reads
  const CallRecord record = Check(Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(record.logs, Contains(::testing::Field(&gantry::testing::LogLine::text,
                                                     HasSubstr("terraform refuses the plan at apply"))));
}

// The real terraform where it is installed (offline: the built-in terraform_data and the
// local backend need no provider), driven through the plugin module as the host drives it.
class RealTerraformSavedPlanTest : public TerraformSavedPlanTest {
 protected:
  static constexpr const char* kTerraform = "/usr/local/bin/terraform";

  void SetUp() override {
    if (!fs::exists(kTerraform))
      GTEST_SKIP() << "terraform not found at " << kTerraform
                   << " (this project's machines have terraform 1.11 there)";
    TerraformSavedPlanTest::SetUp();
  }

  // A CLI config that does not exist: terraform reads no user settings and, with no
  // provider to install, never goes online.
  std::string RealSettings() const {
    return R"({"binary": ")" + std::string(kTerraform) + R"(", "env": {"TF_CLI_CONFIG_FILE": ")" +
           (dir_ / "missing.tfrc") + R"("}})";
  }

  FakeComponent Real(const std::string& name) {
    return Component(RealSettings(), "dev").WithVars(R"({"name": ")" + name + R"("})");
  }

  // A module with one resource and two outputs, one known at plan time, one not; the
  // words before "-${var.name}" tell which version of the sources was applied.
  void WriteModule(const std::string& input, const std::string& greeting) const {
    dir_.Write("src/main.tf", "variable \"name\" { type = string }\n"
                              "resource \"terraform_data\" \"x\" { input = \"" + input +
                                  "-${var.name}\" }\n"
                              "output \"greeting\" { value = \"" + greeting + "-${var.name}\" }\n"
                              "output \"input\" { value = terraform_data.x.output }\n");
  }
};

TEST_F(RealTerraformSavedPlanTest, ThePlanNotTheChangedSourceIsAppliedAndOnlyOnce) {
  WriteModule("v", "hello");
  CallRecord record = host_.Execute(Real("a"), "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors)
                                             << record.stderr_text;
  const std::string state = dir_ / "state/terraform.tfstate.d/dev/terraform.tfstate";
  ASSERT_TRUE(fs::exists(state)) << "the dev target's state, in its workspace";

  record = host_.Execute(Real("b").WithPlanDir(PlanDir()), "plan");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors)
                                             << record.stderr_text;
  EXPECT_EQ(record.outputs.at("greeting").value, "hello-b") << "a planned output";
  EXPECT_EQ(record.outputs.count("input"), 0u) << "known only once applied";
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->change, 1);
  EXPECT_TRUE(fs::exists(PlanDir() + "/tfplan"));
  EXPECT_THAT(Read(PlanDir() + "/basis.json"), HasSubstr(R"("workspace":"dev")"));
  record = host_.CheckSavedPlan(Real("b").WithPlanDir(PlanDir()).WithWorkDir(""));
  EXPECT_EQ(record.status, GANTRY_STATUS_OK)
      << "the plan itself leaves the state as it was: " << ::testing::PrintToString(record.errors);

  // The sources change after the plan; the plan, not them, is applied.
  WriteModule("changed", "changed");
  record = host_.Execute(Real("b").WithPlanDir(PlanDir()), "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors)
                                             << record.stderr_text;
  EXPECT_EQ(record.outputs.at("greeting").value, "hello-b");
  EXPECT_EQ(record.outputs.at("input").value, "v-b");
  for (const auto& spawn : record.spawns) EXPECT_NE(spawn.argv.at(1), "plan");

  // Applied once: the state moved on, and the plan is refused before anything runs.
  record = host_.CheckSavedPlan(Real("b").WithPlanDir(PlanDir()).WithWorkDir(""));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, ElementsAre(HasSubstr("the state changed since the plan (serial ")));
  // And by terraform itself, should it be applied anyway.
  record = host_.Execute(Real("b").WithPlanDir(PlanDir()), "apply");
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.stderr_text, HasSubstr("Saved plan is stale"));
}

TEST_F(TerraformExecuteTest, AStateLockHeldElsewhereIsBusyNotAFailure) {
  const CallRecord record = Run("apply", Settings(
      R"(, "FAKE_TF_APPLY_ERROR": "Error acquiring the state lock\nLock Info:\n  Who:       ci@runner-7\n")"));
  EXPECT_EQ(record.status, GANTRY_STATUS_BUSY);
  ASSERT_TRUE(record.busy.has_value());
  EXPECT_EQ(record.busy->first, "") << "the component's own state";
  EXPECT_EQ(record.busy->second, "the state is locked by ci@runner-7");
}

TEST_F(TerraformExecuteTest, TransientFailuresAreRetryableOthersFail) {
  CallRecord record = Run("apply", Settings(R"(, "FAKE_TF_APPLY_ERROR": "connection reset by peer")"));
  EXPECT_EQ(record.status, GANTRY_STATUS_RETRYABLE);
  EXPECT_THAT(record.errors, Contains(HasSubstr("transient error")));
  record = Run("apply", Settings(R"(, "FAKE_TF_APPLY_ERROR": "Unsupported argument")"));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, Contains(HasSubstr("terraform apply exited with status 1")));
}

TEST_F(TerraformExecuteTest, DestroyReportsWhatItDestroyedAndRecordsNoOutputs) {
  const CallRecord record = Run("destroy", Settings());
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  EXPECT_THAT(Calls(), ElementsAre("init -input=false -no-color",
                                   "destroy -input=false -auto-approve -no-color"));
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->destroy, 1);
  EXPECT_THAT(record.outputs, IsEmpty());
}

TEST_F(TerraformExecuteTest, TheLockFileInitWritesIsCopiedBesideTheSources) {
  CallRecord record = Run("apply", Settings(R"(, "FAKE_TF_LOCK": "# lock v1")"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  EXPECT_EQ(Read(dir_ / "src/.terraform.lock.hcl"), "# lock v1\n");
  EXPECT_THAT(record.stderr_text, HasSubstr("commit it with your sources"));
  record = Run("apply", Settings(R"(, "FAKE_TF_LOCK": "# lock v1")"));
  EXPECT_THAT(Calls(), Not(Contains("init -input=false -no-color")))
      << "the copied lock file is what init produced: nothing to init";
}

TEST_F(TerraformExecuteTest, WithoutCopyingTheLockFileItIsKeptInTheStateDirectory) {
  const std::string settings = Settings(R"(, "FAKE_TF_LOCK": "# lock v1")", R"(, "copy_lock_file": false)");
  CallRecord record = Run("apply", settings);
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  EXPECT_FALSE(fs::exists(dir_ / "src/.terraform.lock.hcl"));
  const FakeComponent component = Component(settings);
  fs::remove(Log());
  record = host_.Execute(component, "apply");
  EXPECT_EQ(Read(component.work_dir + "/.terraform.lock.hcl"), "# lock v1\n");
  EXPECT_THAT(Calls(), Not(Contains("init -input=false -no-color")));
}

TEST_F(TerraformExecuteTest, AStateFileInTheSourcesIsNeverSilentlyIgnored) {
  dir_.Write("src/terraform.tfstate", "{\"version\": 4}");
  const CallRecord record = Run("apply", Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, Contains(HasSubstr("mv " + (dir_ / "src") + "/terraform.tfstate " +
                                                (dir_ / "state") + "/terraform.tfstate")));
  EXPECT_FALSE(fs::exists(Log())) << "terraform never ran";
}

TEST_F(TerraformExecuteTest, ConcurrentInitsTakeTurnsOnTheSharedCache) {
  constexpr int kComponents = 8;
  std::vector<FakeComponent> components;
  for (int i = 0; i < kComponents; ++i) {
    FakeComponent component = Component(Settings(R"(, "FAKE_TF_INIT_SLEEP": "0.05")"));
    const std::string state = dir_ / ("state" + std::to_string(i));
    fs::create_directories(state);
    components.push_back(component.WithStateDir(state));
  }
  std::vector<std::thread> threads;
  std::vector<gantry_status> statuses(kComponents);
  for (int i = 0; i < kComponents; ++i)
    threads.emplace_back([&, i] { statuses[i] = host_.Execute(components[i], "plan").status; });
  for (std::thread& thread : threads) thread.join();
  for (gantry_status status : statuses) EXPECT_EQ(status, GANTRY_STATUS_OK);
  const std::vector<std::string> calls = Calls();
  EXPECT_THAT(calls, Not(Contains("RACE")));
  EXPECT_EQ(std::count(calls.begin(), calls.end(), "init -input=false -no-color"), kComponents);
}

TEST_F(TerraformExecuteTest, AnUnknownOperationIsUnsupported) {
  const CallRecord record = Run("refresh", Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_UNSUPPORTED);
  EXPECT_THAT(record.errors, Contains(HasSubstr("it runs plan, apply and destroy")));
}

TEST_F(TerraformExecuteTest, DiscoverReportsLocalModulesForAffected) {
  const auto module = [](const std::string& name, const std::string& source) {
    return "module \"" + name + "\" {\n  source = \"" + source + "\"\n}\n";
  };
  dir_.Write("src/main.tf", module("vpc", "../modules/vpc") +
                                module("remote", "hashicorp/consul/aws") +
                                module("here", "./inner"));
  dir_.Write("src/inner/main.tf", "");
  dir_.Write("modules/vpc/main.tf", module("subnet", "./subnet") + module("again", "../vpc"));
  dir_.Write("modules/vpc/subnet/main.tf", "");
  const CallRecord record = host_.Discover(Component(Settings()));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  std::vector<std::string> files;
  for (const auto& file : record.reported_files) files.push_back(file.path + " <- " + file.reason);
  EXPECT_THAT(files, ElementsAre(dir_ / "modules/vpc <- module ../modules/vpc",
                                 dir_ / "src/inner <- module ./inner",
                                 dir_ / "modules/vpc/subnet <- module ./subnet (in ../modules/vpc)"));
}

}  // namespace
}  // namespace gantry::terraform
