// The packer type end to end: the gantry binary driving the real packer on this machine
// (offline: the null builder, a shell-local provisioner and the manifest post-processor).
// Every test skips, saying why, where packer is not on PATH.
#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/cli_runner.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::packer {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::string Read(const std::string& path) { return gantry::testing::ReadText(path); }

bool PackerOnPath() { return std::system("packer version >/dev/null 2>&1") == 0; }

// The manifest goes three levels up from the workspace (.gantry/workspaces/<run>/image),
// to .gantry/packer-manifest.json: it outlives runs, and packer appends to it.
constexpr const char* kTemplate = R"(
variable "version" { type = string }
source "null" "img" { communicator = "none" }
build {
  sources = ["source.null.img"]
  provisioner "shell-local" {
    inline = ["echo building version ${var.version}"]
  }
  post-processor "manifest" {
    output      = "../../../packer-manifest.json"
    custom_data = { version = var.version }
  }
}
)";

class PackerCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!PackerOnPath())
      GTEST_SKIP() << "packer is not on PATH (this project's machines have packer 1.6.6 at "
                      "/usr/bin/packer); the packer type's end-to-end tests need it";
    dir_.Write("image/main.pkr.hcl", kTemplate);
    fs::create_directories(dir_ / "home");
    fs::create_directories(dir_ / "tmp");
  }

  void WriteProject(const std::string& version) {
    dir_.Write("gantry.toml", R"([components.version]
type = "custom"
shell = true
commands.plan = "echo version=)" + version + R"( > $GANTRY_OUTPUT"
commands.apply = "echo version=)" + version + R"( > $GANTRY_OUTPUT"

[components.image]
type = "packer"
source = "image"
vars = { version = "${version.version}" }

[components.app]
type = "custom"
shell = true
vars = { ARTIFACT = "${image.artifact_id}", BUILT = "${image.version}", IDS = "${image.artifact_ids}" }
commands.apply = "echo app sees artifact=$ARTIFACT version=$BUILT ids=$IDS"
)");
  }

  // HOME and TMPDIR of their own, to see that packer writes nothing outside .gantry.
  gantry::testing::CliResult Gantry(std::vector<std::string> args) {
    return gantry::testing::RunGantry(
        args, dir_.path(),
        {"HOME=" + (dir_ / "home"), "TMPDIR=" + (dir_ / "tmp"), "GANTRY_MAX_CONCURRENCY=",
         "GITHUB_ACTIONS=", "GITHUB_STEP_SUMMARY=", "NO_COLOR=1"});
  }

  nlohmann::json ComponentSummary(const std::string& file, const std::string& name) {
    const nlohmann::json summary = nlohmann::json::parse(Read(dir_ / file));
    for (const nlohmann::json& component : summary.at("components"))
      if (component.at("name") == name) return component;
    ADD_FAILURE() << "no component " << name << " in " << file;
    return {};
  }

  std::vector<std::string> FilesUnder(const std::string& dir) {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) files.push_back(entry.path());
    return files;
  }

  gantry::testing::TempDir dir_;
};

TEST_F(PackerCliTest, PlanCountsApplyBuildsAndOutputsFlowOnFromTheLatestRunOnly) {
  WriteProject("1.0");
  auto plan = Gantry({"plan", "image", "--with-deps", "--summary", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  const nlohmann::json planned = ComponentSummary("plan.json", "image");
  EXPECT_EQ(planned["changes"]["has_changes"], true);
  EXPECT_EQ(planned["changes"]["add"], 1);
  EXPECT_EQ(planned["changes"]["summary"], "1 image to build");
  // In packer's words; planned with the version the custom component's plan reported.
  EXPECT_THAT(plan.out, HasSubstr("image ok (")) << plan.out;
  EXPECT_THAT(plan.out, HasSubstr("): 1 image to build (planned with planned values of "
                                  "version.version)\n"));
  EXPECT_THAT(plan.out, HasSubstr("1 component with changes (1 to add)")) << "the total";
  EXPECT_THAT(plan.out, HasSubstr("packer would build 1 image: null.img"));
  EXPECT_FALSE(fs::exists(dir_ / ".gantry/packer-manifest.json")) << "a plan builds nothing";
  EXPECT_FALSE(fs::exists(dir_ / ".gantry/state/default/image/.gantry-outputs.json"))
      << "a plan records no outputs";

  auto apply = Gantry({"apply", "--summary", "apply.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, HasSubstr("building version 1.0")) << "packer's progress is shown";
  EXPECT_THAT(apply.out, Not(HasSubstr(",ui,say,"))) << "its raw stream is not";
  EXPECT_THAT(apply.out, HasSubstr(R"(app sees artifact=Null version=1.0 ids={"null.img":"Null"})"));
  nlohmann::json image = ComponentSummary("apply.json", "image");
  EXPECT_EQ(image["changes"]["add"], 1);
  EXPECT_EQ(image["changes"]["summary"], "1 image built");
  EXPECT_THAT(apply.out, HasSubstr(": 1 image built\n"));
  EXPECT_EQ(image["outputs"]["null_img_artifact_id"], "Null");

  // Again with another version: packer 1.6.6 appends to the manifest, gantry reads only
  // this run's entry.
  WriteProject("2.0");
  apply = Gantry({"apply", "--summary", "again.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, HasSubstr("app sees artifact=Null version=2.0"));
  EXPECT_EQ(ComponentSummary("again.json", "image")["outputs"]["version"], "2.0");
  const nlohmann::json manifest = nlohmann::json::parse(Read(dir_ / ".gantry/packer-manifest.json"));
  EXPECT_GE(manifest["builds"].size(), 1u);
  EXPECT_EQ(manifest["builds"].back()["custom_data"]["version"], "2.0");

  // Nothing changed since: a plan has nothing to build, and an apply builds nothing and
  // hands on the last build's outputs.
  plan = Gantry({"plan", "--summary", "replan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  EXPECT_EQ(ComponentSummary("replan.json", "image")["changes"]["has_changes"], false);
  apply = Gantry({"apply", "--summary", "noop.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, HasSubstr("nothing to build"));
  EXPECT_THAT(apply.out, Not(HasSubstr("building version")));
  EXPECT_THAT(apply.out, HasSubstr("app sees artifact=Null version=2.0"));

  EXPECT_THAT(FilesUnder(dir_ / "home"), IsEmpty()) << "packer wrote in HOME";
  EXPECT_THAT(FilesUnder(dir_ / "tmp"), IsEmpty()) << "packer wrote in TMPDIR";
  EXPECT_FALSE(fs::exists(dir_ / "image/packer-manifest.json")) << "nothing in the sources";

  auto destroy = Gantry({"destroy", "image"});
  ASSERT_EQ(destroy.exit_code, 0) << destroy.out << destroy.err;
  EXPECT_THAT(destroy.out, HasSubstr("nothing to destroy"));
}

TEST_F(PackerCliTest, AFailingBuildFailsTheComponentWithPackersError) {
  dir_.Write("image/main.pkr.hcl", R"(
source "null" "img" { communicator = "none" }
build {
  sources = ["source.null.img"]
  provisioner "shell-local" { inline = ["echo about to fail", "exit 3"] }
}
)");
  dir_.Write("gantry.toml", "[components.image]\ntype = \"packer\"\nsource = \"image\"\n");
  auto apply = Gantry({"apply"});
  EXPECT_EQ(apply.exit_code, 1) << apply.out << apply.err;
  EXPECT_THAT(apply.out + apply.err, HasSubstr("packer build exited with status 1: null.img:"));
  EXPECT_THAT(apply.out + apply.err, HasSubstr("about to fail"));
  EXPECT_FALSE(fs::exists(dir_ / ".gantry/state/default/image/.gantry-outputs.json"));
}

}  // namespace
}  // namespace gantry::packer
