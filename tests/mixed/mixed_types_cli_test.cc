// A custom -> packer -> ansible -> custom chain with the real packer and ansible-playbook:
// values flow from each type to the next through recorded outputs, a file one component
// writes orders the component that reads it, and a plan changes nothing on disk.
#include <signal.h>

#include <chrono>
#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/background_gantry.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

bool OnPath(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

// seed (custom) -> image (packer) -> configure (ansible) -> report (custom). seed also
// writes configure's inventory: configure needs it by file, not by a reference.
constexpr const char* kProject = R"([components.seed]
type = "custom"
shell = true
commands.apply = """
echo "greeting=hello from seed" >> "$GANTRY_OUTPUT"
echo "token=tok-7c1e5d" >> "$GANTRY_OUTPUT"
printf 'localhost ansible_connection=local\n' > "$GANTRY_PROJECT_DIR/play/inventory.ini"
"""
produces = ["play/inventory.ini"]
sensitive = ["token"]

[components.image]
type = "packer"
source = "image"
vars = { greeting = "${seed.greeting}", token = "${seed.token}" }

[components.configure]
type = "ansible"
source = "play"
playbook = "site.yml"
inventory = "inventory.ini"
vars = { image_id = "${image.artifact_id}", flavour = "${image.flavour}" }

[components.report]
type = "custom"
shell = true
vars = { CONFIGURED = "${configure.configured}", IMAGE = "${image.artifact_id}", TOKEN = "${seed.token}" }
commands.apply = "echo \"report: configured=$CONFIGURED image=$IMAGE token=$TOKEN\""
)";

constexpr const char* kTemplate = R"(variable "greeting" { type = string }
variable "token" {
  type      = string
  sensitive = true
}
source "null" "base" { communicator = "none" }
build {
  sources = ["source.null.base"]
  provisioner "shell-local" {
    inline = ["echo \"image provisioned with: ${var.greeting}\""]
  }
  post-processor "manifest" {
    output      = "manifest.json"
    custom_data = { flavour = "small-${var.greeting}" }
  }
}
)";

constexpr const char* kPlaybook = R"(- hosts: all
  gather_facts: false
  tasks:
    - name: Write the marker the plan must not write
      ansible.builtin.copy:
        dest: "{{ marker }}"
        content: "image {{ image_id }} {{ flavour }}\n"
    - name: Publish what was configured
      ansible.builtin.set_stats:
        data:
          configured: "{{ image_id }}+{{ flavour }}"
        per_host: false
)";

class MixedTypesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* tool : {"packer", "ansible-playbook"})
      if (!OnPath(tool))
        GTEST_SKIP() << tool << " is not on PATH; the README's set-up installs Debian's packer "
                     << "and ansible-core, which this end-to-end test drives";
    dir_.Write("gantry.toml", kProject);
    dir_.Write("image/image.pkr.hcl", kTemplate);
    dir_.Write("play/site.yml", kPlaybook);
    marker_ = dir_ / "marker.txt";
  }

  gantry::testing::CliResult Gantry(std::vector<std::string> args) {
    return gantry::testing::RunGantry(args, dir_.path(),
                                      {"GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=",
                                       "GITHUB_STEP_SUMMARY=", "NO_COLOR=1"});
  }

  // The project's files other than .gantry/, path -> bytes.
  std::map<std::string, std::string> ProjectFiles() {
    std::map<std::string, std::string> files;
    for (auto it = fs::recursive_directory_iterator(dir_.path());
         it != fs::recursive_directory_iterator(); ++it) {
      if (it->path().filename() == ".gantry") {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file())
        files[it->path().string()] = gantry::testing::ReadText(it->path().string());
    }
    return files;
  }

  nlohmann::json Component(const std::string& summary_file, const std::string& name) {
    const nlohmann::json summary =
        nlohmann::json::parse(gantry::testing::ReadText(reports_ / summary_file));
    for (const nlohmann::json& component : summary.at("components"))
      if (component.at("name") == name) return component;
    ADD_FAILURE() << "no component " << name << " in " << summary_file;
    return {};
  }

  gantry::testing::TempDir dir_;      // the project
  gantry::testing::TempDir reports_;  // --summary files, outside the project
  std::string marker_;
};

TEST_F(MixedTypesCliTest, ValuesFlowFromCustomThroughPackerAndAnsibleToCustom) {
  // The marker path is the play's var, so that plan can show it stays unwritten.
  dir_.Write("play/group_vars/all.yml", "marker: " + marker_ + "\n");

  const auto graph = Gantry({"graph", "--format", "json"});
  ASSERT_EQ(graph.exit_code, 0) << graph.out << graph.err;
  EXPECT_THAT(graph.out, HasSubstr("inventory.ini")) << "seed -> configure found by file";

  const auto apply = Gantry({"apply", "--summary", reports_ / "apply.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, HasSubstr("image provisioned with: hello from seed"));
  EXPECT_THAT(apply.out, HasSubstr("report: configured=Null+small-hello from seed image=Null "
                                   "token=***"));
  EXPECT_THAT(apply.out + apply.err, Not(HasSubstr("tok-7c1e5d")));
  EXPECT_EQ(gantry::testing::ReadText(marker_), "image Null small-hello from seed\n");

  const nlohmann::json image = Component("apply.json", "image");
  EXPECT_EQ(image["outputs"]["artifact_id"], "Null");
  EXPECT_EQ(image["outputs"]["flavour"], "small-hello from seed");
  EXPECT_EQ(image["changes"]["add"], 1) << "one image built";
  EXPECT_EQ(image["changes"]["summary"], "1 image built");
  const nlohmann::json configure = Component("apply.json", "configure");
  EXPECT_EQ(configure["outputs"]["configured"], "Null+small-hello from seed");
  EXPECT_EQ(configure["changes"]["change"], 1) << "the marker was written";
  EXPECT_EQ(configure["changes"]["summary"], "1 task changed");
  // Each type's changes in its own words, in place of "1 added" and "1 changed".
  EXPECT_THAT(apply.out, HasSubstr(": 1 image built\n"));
  EXPECT_THAT(apply.out, HasSubstr(": 1 task changed\n"));
  std::cout << apply.out;  // the chain's transcript, for the closing note

  // Right after the apply, nothing would change: packer has nothing to build (same
  // inputs as its last build), ansible's check mode changes nothing.
  auto plan = Gantry({"plan", "--detailed-exitcode", "--summary", reports_ / "same.json"});
  EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  EXPECT_EQ(Component("same.json", "image")["changes"]["has_changes"], false) << plan.out;
  EXPECT_EQ(Component("same.json", "configure")["changes"]["has_changes"], false) << plan.out;

  // With the marker gone, ansible would write it again; the plan says so and, like every
  // plan, changes nothing in the project.
  fs::remove(marker_);
  const auto before = ProjectFiles();
  plan = Gantry({"plan", "--detailed-exitcode", "--summary", reports_ / "plan.json"});
  EXPECT_EQ(plan.exit_code, 2) << plan.out << plan.err;
  EXPECT_EQ(ProjectFiles(), before) << plan.out;
  EXPECT_EQ(Component("plan.json", "configure")["changes"]["change"], 1) << plan.out;
  EXPECT_EQ(Component("plan.json", "configure")["changes"]["summary"], "1 task would change");
  EXPECT_THAT(plan.out, HasSubstr(": 1 task would change\n"));
  // The total still sums the counts, in the host's words.
  EXPECT_THAT(plan.out, HasSubstr("1 component with changes (0 to add, 1 to change), 1 without"));
}

TEST_F(MixedTypesCliTest, AFailingTaskFailsItsComponentByName) {
  dir_.Write("play/site.yml", R"(- hosts: all
  gather_facts: false
  tasks:
    - name: Check the image is approved
      ansible.builtin.fail:
        msg: "image {{ image_id }} is not approved"
)");
  const auto apply = Gantry({"apply", "--keep-going"});
  EXPECT_EQ(apply.exit_code, 1) << apply.out << apply.err;
  EXPECT_THAT(apply.out + apply.err, HasSubstr("Check the image is approved"));
  EXPECT_THAT(apply.out + apply.err, HasSubstr("configure"));
}

// Ctrl-C in the middle of a packer build and an ansible play running side by side: both
// get SIGINT and their stop_timeout, stop, and leave no process and no outputs behind.
TEST_F(MixedTypesCliTest, CtrlCStopsPackerAndAnsibleAndRecordsNothing) {
  dir_.Write("gantry.toml", R"([components.image]
type = "packer"
source = "image"
stop_timeout = "20s"

[components.play]
type = "ansible"
source = "play"
playbook = "site.yml"
stop_timeout = "20s"
)");
  dir_.Write("image/image.pkr.hcl", R"(source "null" "slow" { communicator = "none" }
build {
  sources = ["source.null.slow"]
  provisioner "shell-local" { inline = ["echo sleeping", "sleep 371"] }
}
)");
  dir_.Write("play/site.yml", R"(- hosts: all
  gather_facts: false
  tasks:
    - name: Sleep
      ansible.builtin.command: sleep 372
    - ansible.builtin.set_stats:
        data: { never: "set" }
)");
  const std::string log = reports_ / "run.log";
  gantry::testing::BackgroundGantry run({"apply", "-j", "2"}, dir_.path(), log,
                                        {"GANTRY_MAX_CONCURRENCY=", "NO_COLOR=1"});
  ASSERT_TRUE(gantry::testing::Eventually(
      [&] {
        const std::string text = gantry::testing::ReadText(log);
        return text.find("sleeping") != std::string::npos &&
               text.find("TASK [Sleep]") != std::string::npos;
      },
      60))
      << gantry::testing::ReadText(log);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // both sleeps started
  const auto interrupted = std::chrono::steady_clock::now();
  run.Signal(SIGINT);
  EXPECT_EQ(run.Wait(), 130) << gantry::testing::ReadText(log);
  EXPECT_LT(std::chrono::steady_clock::now() - interrupted, std::chrono::seconds(15))
      << "SIGINT stopped both long before their stop_timeout's SIGKILL would have";
  const std::string text = gantry::testing::ReadText(log);
  EXPECT_THAT(text, HasSubstr("image cancelled"));
  EXPECT_THAT(text, HasSubstr("play cancelled"));
  EXPECT_NE(std::system("pgrep -f 'sleep 37[12]' >/dev/null"), 0) << "a sleep outlived its run";
  EXPECT_FALSE(fs::exists(dir_ / ".gantry/state/default/image/.gantry-outputs.json"));
  EXPECT_FALSE(fs::exists(dir_ / ".gantry/state/default/play/.gantry-outputs.json"));
}

}  // namespace
}  // namespace gantry
