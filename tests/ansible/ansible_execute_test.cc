// The ansible plugin's validate, discover and execute, driven through the SDK's FakeHost
// against a stand-in ansible-playbook (fake_ansible_playbook.sh) that logs its command
// line: what runs, with which files and environment, and what is recorded, without
// needing ansible itself.
#include <sys/stat.h>

#include <filesystem>
#include <sstream>
#include <thread>

#include "gantry/testing/fake_host.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/tool_plugin_test.h"

namespace gantry::ansible {
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

constexpr const char* kApplied = R"({"complete": true, "failed": [], "unreachable": [],
  "recap": {"localhost": {"ok": 3, "changed": 2, "failures": 0, "unreachable": 0, "skipped": 0, "rescued": 0, "ignored": 0}},
  "stats": {"url": "http://10.0.0.5", "ports": [80, 443], "token": "tok-5e3"}})";

class AnsibleExecuteTest : public gantry::testing::ToolPluginTest {
 protected:
  AnsibleExecuteTest() : ToolPluginTest(GANTRY_ANSIBLE_PLUGIN, "web", "ansible") {}

  void SetUp() override {
    dir_.Write("src/site.yml", "- hosts: all\n  tasks: []\n");
    dir_.Write("src/teardown.yml", "- hosts: all\n  tasks: []\n");
    dir_.Write("src/inventory/hosts.yml", "all: {hosts: {web1: {}}}\n");
  }

  // The settings JSON: the fake binary, its log, extra FAKE_ANSIBLE_* variables (JSON
  // members), and more settings.
  std::string Settings(const std::string& extra_env = "", const std::string& more = "") const {
    return R"({"playbook": "site.yml", "binary": ")" + std::string(GANTRY_FAKE_ANSIBLE) +
           R"(", "env": {"FAKE_ANSIBLE_LOG": ")" + Log() + "\"" + extra_env + "}" + more + "}";
  }
  static std::string Result(const std::string& json) {
    std::string escaped;
    for (char c : json) {
      if (c == '"' || c == '\\') escaped += '\\';
      escaped += c == '\n' ? ' ' : c;
    }
    return R"(, "FAKE_ANSIBLE_RESULT": ")" + escaped + "\"";
  }
};

TEST_F(AnsibleExecuteTest, ApplyRecordsSetStatsAsOutputsAndReportsWhatChanged) {
  FakeComponent component = Component(Settings(Result(kApplied)));
  component.WithSensitive(R"(["token"])");
  const CallRecord record = host_.Execute(component, "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  const std::string inventory = component.work_dir + "/.gantry-ansible/inventory.json";
  EXPECT_THAT(Calls(), ElementsAre("-i " + inventory + " site.yml"));
  ASSERT_EQ(record.outputs.size(), 3u);
  EXPECT_EQ(record.outputs.at("url").value, "http://10.0.0.5");
  EXPECT_EQ(record.outputs.at("url").flags, 0u);
  EXPECT_EQ(record.outputs.at("ports").value, "[80,443]");
  EXPECT_EQ(record.outputs.at("ports").flags, GANTRY_OUTPUT_JSON);
  EXPECT_EQ(record.outputs.at("token").flags, GANTRY_OUTPUT_SENSITIVE)
      << "a name in the component's sensitive list stays a secret";
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->has_changes, 1);
  EXPECT_EQ(record.changes->change, 2);
  EXPECT_EQ(record.changes->add, -1);
  EXPECT_EQ(record.changes->destroy, -1);
  EXPECT_EQ(record.changes_summary, "2 tasks changed") << "ansible's own unit, not \"2 changed\"";
  EXPECT_THAT(record.stdout_text, HasSubstr("ansible recap: 1 host, ok=3 changed=2 unreachable=0"));
  EXPECT_THAT(record.stdout_text, HasSubstr("PLAY RECAP (fake)")) << "ansible's output is shown";
}

TEST_F(AnsibleExecuteTest, PlanIsCheckModeAndRecordsNoOutputs) {
  const CallRecord record = Run("plan", Settings(Result(kApplied)));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  ASSERT_EQ(Calls().size(), 1u);
  EXPECT_THAT(Calls()[0], HasSubstr("--check --diff site.yml"));
  EXPECT_THAT(record.outputs, IsEmpty()) << "check-mode values are not real";
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->change, 2);
  EXPECT_EQ(record.changes_summary, "2 tasks would change");
}

TEST_F(AnsibleExecuteTest, OneChangedTaskIsSingularAndNoneLeavesTheWordsToTheHost) {
  const std::string one = R"({"complete": true,
      "recap": {"web1": {"ok": 2, "changed": 1}, "web2": {"ok": 2, "changed": 0}}})";
  CallRecord record = Run("plan", Settings(Result(one)));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_EQ(record.changes_summary, "1 task would change");
  record = Run("apply", Settings(Result(one)));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_EQ(record.changes_summary, "1 task changed");

  record = Run("apply", Settings(Result(R"({"complete": true, "recap": {"web1": {"ok": 3}}})")));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->has_changes, 0);
  EXPECT_EQ(record.changes_summary, "") << "the host says \"no changes\"";
}

TEST_F(AnsibleExecuteTest, VarsGoToAPrivateFileNeverOnTheCommandLine) {
  FakeComponent component = Component(Settings(Result(kApplied)));
  component.WithVars(R"({"db_password": "pw-9f8e7d", "port": 8080})");
  const CallRecord record = host_.Execute(component, "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  const std::string vars = component.work_dir + "/.gantry-ansible/vars.json";
  EXPECT_EQ(Read(vars), R"({"db_password": "pw-9f8e7d", "port": 8080})");
  struct stat info {};
  ASSERT_EQ(::stat(vars.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  ASSERT_EQ(record.spawns.size(), 1u);
  EXPECT_THAT(record.spawns[0].argv, Contains("@" + vars));
  for (const std::string& word : record.spawns[0].argv) EXPECT_THAT(word, Not(HasSubstr("pw-9f8e7d")));
  for (const std::string& entry : record.spawns[0].env) EXPECT_THAT(entry, Not(HasSubstr("pw-9f8e7d")));
}

TEST_F(AnsibleExecuteTest, HostsBecomeTheInventoryGantryWrites) {
  const CallRecord record =
      Run("apply", Settings(Result(kApplied), R"(, "hosts": ["10.0.0.5", ["db \"1\"", "localhost"]])"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  const std::string inventory = Read(Log() + ".inventory");
  EXPECT_THAT(inventory, HasSubstr(R"("10.0.0.5":{})"));
  EXPECT_THAT(inventory, HasSubstr(R"("db \"1\"":{})"));
  EXPECT_THAT(inventory, HasSubstr(R"("localhost":{"ansible_remote_tmp":")"));
}

TEST_F(AnsibleExecuteTest, TheUsersInventoryIsUsedFromTheWorkspace) {
  FakeComponent component = Component(Settings(Result(kApplied), R"(, "inventory": "inventory/hosts.yml")"));
  const CallRecord record = host_.Execute(component, "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Calls(), ElementsAre("-i " + component.work_dir + "/inventory/hosts.yml site.yml"));
}

TEST_F(AnsibleExecuteTest, TheEnvironmentKeepsAnsibleInsideGantrysDirectories) {
  FakeComponent component = Component(Settings(Result(kApplied)));
  const CallRecord record = host_.Execute(component, "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  const auto& spawn = record.spawns.at(0);
  EXPECT_EQ(spawn.cwd, component.work_dir);
  EXPECT_THAT(spawn.env, Contains("ANSIBLE_LOCAL_TEMP=" + component.work_dir + "/.gantry-ansible/tmp"));
  EXPECT_THAT(spawn.env, Contains("ANSIBLE_RETRY_FILES_ENABLED=0"));
  // The play's lasting place, and who it is, as the custom type's commands get them.
  EXPECT_THAT(spawn.env, Contains("GANTRY_STATE_DIR=" + component.state_dir));
  EXPECT_THAT(spawn.env, Contains("GANTRY_OPERATION=apply"));
  EXPECT_THAT(spawn.env, Contains("GANTRY_COMPONENT=" + component.name));
  EXPECT_THAT(spawn.env, Contains(HasSubstr("ANSIBLE_CALLBACK_PLUGINS=" + (dir_ / "cache/callback_plugins:"))));
  EXPECT_EQ(spawn.stop_timeout_ms, 60000u);
  EXPECT_TRUE(spawn.Has(GANTRY_SPAWN_STOP_WITH_SIGINT));
  EXPECT_TRUE(fs::exists(dir_ / "cache/callback_plugins/gantry_result.py"));
}

TEST_F(AnsibleExecuteTest, AnAnsibleCfgInTheSourceIsNamedSoItApplies) {
  dir_.Write("src/ansible.cfg", "[defaults]\ncallbacks_enabled = timer\n");
  FakeComponent component = Component(Settings(Result(kApplied)));
  const CallRecord record = host_.Execute(component, "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(record.spawns.at(0).env, Contains("ANSIBLE_CONFIG=" + component.work_dir + "/ansible.cfg"));
  EXPECT_THAT(record.spawns.at(0).env, Contains("ANSIBLE_CALLBACKS_ENABLED=timer,gantry_result"));
}

TEST_F(AnsibleExecuteTest, AFailedTaskIsNamedInTheError) {
  const CallRecord record = Run("apply", Settings(Result(R"({"complete": true,
      "failed": [{"task": "install nginx", "host": "web1", "msg": "No package matching 'ngnix'", "stderr": ""}],
      "recap": {"web1": {"ok": 1, "changed": 0, "failures": 1}}, "stats": {"url": "x"}})") +
                                              R"(, "FAKE_ANSIBLE_EXIT": "2")"));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, ElementsAre("ansible-playbook failed (exit 2): task 'install nginx' "
                                         "failed on web1 (No package matching 'ngnix')"));
  EXPECT_THAT(record.outputs, IsEmpty());
}

TEST_F(AnsibleExecuteTest, UnreachableHostsAreRetryableAParseErrorIsNot) {
  CallRecord record = Run("apply", Settings(Result(R"({"complete": true, "failed": [],
      "unreachable": [{"task": "ping", "host": "db1", "msg": "Connection timed out"}],
      "recap": {"db1": {"unreachable": 1}}})") + R"(, "FAKE_ANSIBLE_EXIT": "4")"));
  EXPECT_EQ(record.status, GANTRY_STATUS_RETRYABLE);
  EXPECT_THAT(record.errors, Contains(HasSubstr("could not reach db1 (Connection timed out)")));

  record = Run("apply", Settings(R"(, "FAKE_ANSIBLE_EXIT": "4")"));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, Contains(HasSubstr("could not parse site.yml or the inventory")));
}

TEST_F(AnsibleExecuteTest, DestroyRunsTheDestroyPlaybookOrSaysThereIsNothingToDo) {
  CallRecord record = Run("destroy", Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_OK);
  EXPECT_THAT(record.spawns, IsEmpty());
  EXPECT_THAT(record.stdout_text, HasSubstr("nothing to destroy: this component has no destroy_playbook"));

  record = Run("destroy", Settings(Result(kApplied), R"(, "destroy_playbook": "teardown.yml")"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  ASSERT_EQ(Calls().size(), 1u);
  EXPECT_THAT(Calls()[0], HasSubstr(" teardown.yml"));
  EXPECT_THAT(record.outputs, IsEmpty());
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->change, 2);
  EXPECT_EQ(record.changes_summary, "2 tasks changed");
}

TEST_F(AnsibleExecuteTest, ABadSetStatsKeyFailsNamingIt) {
  const CallRecord record = Run("apply", Settings(Result(R"({"complete": true,
      "recap": {"h": {"ok": 1}}, "stats": {"web.url": "x", "fine": "y"}})")));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, Contains(HasSubstr("set_stats key 'web.url' cannot be an output")));
  EXPECT_EQ(record.outputs.at("fine").value, "y") << "the good ones are still recorded";
}

TEST_F(AnsibleExecuteTest, SuccessWithoutARecordSaysTheCallbackDidNotRun) {
  const CallRecord record = Run("apply", Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, Contains(HasSubstr("gantry's callback recorded nothing")));
}

TEST_F(AnsibleExecuteTest, CancellingStopsItWithSigintAndRecordsNothing) {
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    host_.Cancel();
  });
  const CallRecord record =
      Run("apply", Settings(Result(kApplied) + R"(, "FAKE_ANSIBLE_SLEEP": "20")"));
  canceller.join();
  host_.ResetCancel();
  EXPECT_EQ(record.status, GANTRY_STATUS_CANCELLED);
  EXPECT_THAT(record.outputs, IsEmpty());
}

TEST_F(AnsibleExecuteTest, AMissingPlaybookIsAnErrorAtItsSetting) {
  const CallRecord record = Run("apply", R"({"playbook": "sitee.yml", "binary": "/bin/true"})");
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  ASSERT_FALSE(record.diagnostics.empty());
  EXPECT_EQ(record.diagnostics[0].setting, "playbook");
  EXPECT_THAT(record.spawns, IsEmpty());
}

TEST_F(AnsibleExecuteTest, ValidateNamesMissingFilesWithASuggestion) {
  FakeComponent component = Component(
      R"({"playbook": "sitee.yml", "inventory": "inventory/host.yml", "binary": "no-such-ansible-9"})");
  const CallRecord record = host_.Validate(component);
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  std::vector<std::string> seen;
  for (const auto& d : record.diagnostics)
    seen.push_back((d.severity == GANTRY_DIAGNOSTIC_ERROR ? "error " : "warning ") + d.setting + ": " + d.message);
  ASSERT_EQ(seen.size(), 3u) << ::testing::PrintToString(seen);
  EXPECT_THAT(seen[0], HasSubstr("error playbook: "));
  EXPECT_THAT(seen[0], HasSubstr("did you mean playbook = \"site.yml\"?"));
  EXPECT_THAT(seen[1], HasSubstr("warning inventory: "));
  EXPECT_THAT(seen[1], HasSubstr("did you mean inventory = \"inventory/hosts.yml\"?"));
  EXPECT_THAT(seen[1], HasSubstr("fine if another component writes it"));
  EXPECT_THAT(seen[2], HasSubstr("warning binary: 'no-such-ansible-9' is not found in PATH"));
}

TEST_F(AnsibleExecuteTest, DiscoverNeedsTheFilesItsSettingsName) {
  const CallRecord record = host_.Discover(Component(
      R"({"playbook": "site.yml", "inventory": "./inventory/hosts.yml", "destroy_playbook": "teardown.yml"})"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  ASSERT_EQ(record.needed_keys.size(), 3u);
  EXPECT_EQ(record.needed_keys[0].key, "file:" + (dir_ / "src/inventory/hosts.yml"));
  EXPECT_EQ(record.needed_keys[0].reason, "inventory = \"inventory/hosts.yml\"");
  EXPECT_EQ(record.needed_keys[1].key, "file:" + (dir_ / "src/site.yml"));
  EXPECT_EQ(record.needed_keys[2].key, "file:" + (dir_ / "src/teardown.yml"));
  EXPECT_THAT(record.provided_keys, IsEmpty());
  EXPECT_THAT(record.declared_outputs, IsEmpty());
  // The same files for `gantry affected`, as the settings write them.
  ASSERT_EQ(record.reported_files.size(), 3u);
  EXPECT_EQ(record.reported_files[0].path, "inventory/hosts.yml");
  EXPECT_EQ(record.reported_files[0].reason, "inventory = \"inventory/hosts.yml\"");
  EXPECT_EQ(record.reported_files[1].path, "site.yml");
  EXPECT_EQ(record.reported_files[2].path, "teardown.yml");
}

TEST_F(AnsibleExecuteTest, DiscoverReportsTheRolesAndAnInventoryOutsideTheSource) {
  dir_.Write("src/site.yml", "- hosts: all\n  roles:\n    - web\n    - ../shared/base\n"
                             "    - from.galaxy\n");
  dir_.Write("src/roles/web/tasks/main.yml", "");
  dir_.Write("shared/base/tasks/main.yml", "");
  const CallRecord record = host_.Discover(
      Component(R"({"playbook": "site.yml", "inventory": "../inventory.ini"})"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  std::vector<std::string> files;
  for (const auto& file : record.reported_files) files.push_back(file.path + " <- " + file.reason);
  EXPECT_THAT(files, ElementsAre("../inventory.ini <- inventory = \"../inventory.ini\"",
                                 "site.yml <- playbook = \"site.yml\"",
                                 (dir_ / "src/roles/web") + " <- role web (in site.yml)",
                                 (dir_ / "shared/base") + " <- role ../shared/base (in site.yml)"));
}

}  // namespace
}  // namespace gantry::ansible
