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

TEST_F(TerraformExecuteTest, TransientFailuresAreRetryableOthersFail) {
  CallRecord record = Run("apply", Settings(R"(, "FAKE_TF_APPLY_ERROR": "Error acquiring the state lock")"));
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

}  // namespace
}  // namespace gantry::terraform
