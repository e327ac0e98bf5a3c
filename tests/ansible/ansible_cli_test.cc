// The ansible type end to end: the gantry binary driving the real ansible-playbook on
// this machine (offline: localhost with the local connection, no facts gathered). Every
// test skips, saying why, where ansible-playbook is not on PATH. Each real run costs a
// second or two: keep them few.
#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/cli_runner.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::ansible {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Read(const std::string& path) { return gantry::testing::ReadText(path); }

bool AnsibleOnPath() { return std::system("ansible-playbook --version >/dev/null 2>&1") == 0; }

// seed (custom) -> play (ansible: uses seed's value, writes a file under the project,
// publishes with set_stats) -> reader (custom: reads play's outputs).
constexpr const char* kProject = R"([components.seed]
type = "custom"
commands.apply = ["sh", "-c", "echo greeting=hello >> \"$GANTRY_OUTPUT\"; echo host=127.0.0.1 >> \"$GANTRY_OUTPUT\""]

[components.play]
type = "ansible"
source = "play"
playbook = "site.yml"
hosts = ["${seed.host}"]
vars = { greeting = "${seed.greeting}", out_dir = "OUT_DIR" }

[components.reader]
type = "custom"
vars = { MESSAGE = "${play.message}", PORTS = "${play.ports}" }
commands.apply = ["sh", "-c", "echo \"reader sees $MESSAGE and $PORTS\""]
)";

constexpr const char* kPlaybook = R"(- hosts: all
  connection: local
  gather_facts: false
  tasks:
    - name: write the greeting
      copy:
        dest: "{{ out_dir }}/written.txt"
        content: "{{ greeting }}\n"
    - name: publish
      set_stats:
        data:
          message: "{{ greeting }} from ansible"
          ports: [80, 443]
    - name: break when asked
      fail:
        msg: "asked to break"
      when: break_it | default(false) | bool
)";

class AnsibleCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!AnsibleOnPath())
      GTEST_SKIP() << "ansible-playbook is not on PATH (install ansible-core: apt-get install "
                      "ansible-core); the ansible type's end-to-end tests need it";
    std::string project = kProject;
    project.replace(project.find("OUT_DIR"), 7, dir_ / "out");
    dir_.Write("gantry.toml", project);
    dir_.Write("play/site.yml", kPlaybook);
    fs::create_directories(dir_ / "out");
    fs::create_directories(dir_ / "home");
  }

  // HOME is a directory of the test's: anything ansible writes under ~ shows there.
  gantry::testing::CliResult Gantry(std::vector<std::string> args) {
    return gantry::testing::RunGantry(
        args, dir_.path(),
        {"HOME=" + (dir_ / "home"), "GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=",
         "GITHUB_STEP_SUMMARY=", "NO_COLOR=1", "ANSIBLE_CONFIG=", "ANSIBLE_CALLBACKS_ENABLED="});
  }

  nlohmann::json ComponentSummary(const std::string& file, const std::string& name) {
    const nlohmann::json summary = nlohmann::json::parse(Read(dir_ / file));
    for (const nlohmann::json& component : summary.at("components"))
      if (component.at("name") == name) return component;
    ADD_FAILURE() << "no component " << name << " in " << file;
    return {};
  }

  gantry::testing::TempDir dir_;
};

TEST_F(AnsibleCliTest, OutputsFlowThroughAPlaybookAndAPlanChangesNothing) {
  auto apply = Gantry({"apply", "--summary", "apply.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_EQ(Read(dir_ / "out/written.txt"), "hello\n");
  EXPECT_THAT(apply.out, HasSubstr("reader sees hello from ansible and [80,443]"));
  EXPECT_THAT(apply.out, HasSubstr("ansible recap: 1 host, ok=2 changed=1"));
  EXPECT_THAT(apply.out, HasSubstr("changed: [127.0.0.1]")) << "the host seed named, from hosts";
  nlohmann::json play = ComponentSummary("apply.json", "play");
  EXPECT_EQ(play["changes"]["change"], 1);
  EXPECT_EQ(play["outputs"]["message"], "hello from ansible");
  EXPECT_EQ(play["changes"]["summary"], "1 task changed");
  EXPECT_THAT(apply.out, HasSubstr(": 1 task changed\n")) << "the component, in ansible's words";
  EXPECT_THAT(apply.out, HasSubstr("1 component with changes (1 changed)")) << "the total";

  // Check mode: the play would write the file again; it says so and writes nothing.
  fs::remove(dir_ / "out/written.txt");
  auto plan = Gantry({"plan", "play", "--summary", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  EXPECT_FALSE(fs::exists(dir_ / "out/written.txt")) << "a plan must not change anything";
  EXPECT_THAT(plan.out, HasSubstr(": 1 task would change\n"));
  EXPECT_THAT(plan.out, HasSubstr("1 component with changes (1 to change)"));
  EXPECT_THAT(plan.out, HasSubstr("+hello")) << "--diff shows what would change: " << plan.out;
  play = ComponentSummary("plan.json", "play");
  EXPECT_EQ(play["changes"]["has_changes"], true);

  EXPECT_THAT(fs::directory_iterator(dir_ / "home") == fs::directory_iterator(), true)
      << "ansible wrote under HOME (" << dir_ / "home" << "): it must keep to .gantry/";
  EXPECT_TRUE(fs::exists(dir_ / ".gantry/cache/ansible/callback_plugins/gantry_result.py"));
}

TEST_F(AnsibleCliTest, AFailingTaskFailsTheComponentNamingTheTask) {
  std::string project = Read(dir_ / "gantry.toml");
  project.replace(project.find("out_dir ="), 0, "break_it = true, ");
  dir_.Write("gantry.toml", project);
  auto apply = Gantry({"apply"});
  EXPECT_NE(apply.exit_code, 0);
  EXPECT_THAT(apply.out + apply.err,
              HasSubstr("ansible-playbook failed (exit 2): task 'break when asked' failed on "
                        "127.0.0.1 (asked to break)"));
  EXPECT_THAT(apply.out + apply.err, Not(HasSubstr("reader sees")));
}

}  // namespace
}  // namespace gantry::ansible
