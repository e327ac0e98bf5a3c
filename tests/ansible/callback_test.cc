// The callback built into the plugin: valid Python, and, run by the real ansible-playbook
// (skipped, saying so, where it is not installed), the JSON the plugin reads back.
#include <cstdlib>
#include <filesystem>

#include "ansible/callback_install.h"
#include "embedded_callback.h"  // generated from callback/gantry_result.py
#include "ansible/run_result.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kit/files.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::ansible {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

bool Runs(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

TEST(CallbackTest, TheEmbeddedCallbackIsTheSourceFile) {
  EXPECT_EQ(kCallbackSource, gantry::testing::ReadText(GANTRY_ANSIBLE_CALLBACK_SOURCE));
}

TEST(CallbackTest, InstallWritesItOnceAndOnlyWhenItChanged) {
  gantry::testing::TempDir dir;
  const std::string cb_dir = CallbackDir(dir / "cache");
  ASSERT_EQ(InstallCallback(cb_dir, "v1"), "");
  const std::string file = cb_dir + "/gantry_result.py";
  EXPECT_EQ(gantry::testing::ReadText(file), "v1");
  const auto first = fs::last_write_time(file);
  fs::last_write_time(file, first - std::chrono::hours(1));
  ASSERT_EQ(InstallCallback(cb_dir, "v1"), "");
  EXPECT_EQ(fs::last_write_time(file), first - std::chrono::hours(1)) << "unchanged: not rewritten";
  ASSERT_EQ(InstallCallback(cb_dir, "v2"), "");
  EXPECT_EQ(gantry::testing::ReadText(file), "v2");
  EXPECT_EQ(std::distance(fs::directory_iterator(cb_dir), fs::directory_iterator()), 1)
      << "no temporary file left behind";
}

TEST(CallbackTest, IsValidPython) {
  if (!Runs("python3 --version")) GTEST_SKIP() << "python3 is not on PATH";
  gantry::testing::TempDir dir;
  const std::string file = dir.Write("gantry_result.py", std::string(kCallbackSource));
  EXPECT_EQ(std::system(("python3 -m py_compile " + file).c_str()), 0);
}

// One real run: set_stats data, the recap, a failed task with its message.
TEST(CallbackTest, RealAnsibleWritesWhatThePluginReads) {
  if (!Runs("ansible-playbook --version"))
    GTEST_SKIP() << "ansible-playbook is not on PATH (install ansible-core to run this test)";
  gantry::testing::TempDir dir;
  ASSERT_EQ(InstallCallback(dir / "cb", kCallbackSource), "");
  dir.Write("inventory.json", R"({"all": {"hosts": {"localhost": {"ansible_connection": "local",
      "ansible_python_interpreter": "{{ ansible_playbook_python }}",
      "ansible_remote_tmp": ")" + (dir / "remote") + R"("}}}})");
  dir.Write("play.yml", R"(- hosts: all
  gather_facts: false
  tasks:
    - name: publish
      set_stats:
        data: {url: "http://10.0.0.5", ports: [80, 443]}
    - name: change something
      copy: {dest: ")" + (dir / "written.txt") + R"(", content: "x"}
    - name: tolerated
      command: /bin/false
      ignore_errors: true
      changed_when: false
    - name: break on purpose
      fail: {msg: "the reason it broke"}
)");
  const std::string command =
      "cd " + dir.path() + " && GANTRY_ANSIBLE_RESULT=" + (dir / "result.json") +
      " ANSIBLE_CALLBACK_PLUGINS=" + (dir / "cb") +
      " ANSIBLE_CALLBACKS_ENABLED=gantry_result ANSIBLE_LOCAL_TEMP=" + (dir / "tmp") +
      " ANSIBLE_NOCOLOR=1 ansible-playbook -i inventory.json play.yml > output.txt 2>&1";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2) << gantry::testing::ReadText(dir / "output.txt");
  EXPECT_EQ(fs::status(dir / "result.json").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  const RunResult result = ParseRunResult(gantry::testing::ReadText(dir / "result.json"));
  EXPECT_TRUE(result.complete);
  ASSERT_EQ(result.recap.count("localhost"), 1u);
  EXPECT_EQ(result.recap.at("localhost").changed, 1);
  EXPECT_EQ(result.recap.at("localhost").failures, 1);
  EXPECT_EQ(result.recap.at("localhost").ignored, 1);
  ASSERT_EQ(result.failed.size(), 1u) << "ignore_errors is not a failure";
  EXPECT_EQ(result.failed[0].task, "break on purpose");
  EXPECT_EQ(result.failed[0].host, "localhost");
  EXPECT_EQ(result.failed[0].msg, "the reason it broke");
  ASSERT_EQ(result.stats.size(), 2u);
  EXPECT_EQ(result.stats[0].first, "ports");
  EXPECT_EQ(result.stats[0].second.Dump(), "[80,443]");
  EXPECT_EQ(result.stats[1].second.as_string(), "http://10.0.0.5");
  EXPECT_THAT(gantry::testing::ReadText(dir / "output.txt"), HasSubstr("PLAY RECAP"))
      << "ansible's own output is untouched";
}

}  // namespace
}  // namespace gantry::ansible
