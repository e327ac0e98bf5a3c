// The packer plugin's hooks, driven through the SDK's FakeHost against a stand-in packer
// (fake_packer.sh) that logs every command: what runs, with which arguments and
// environment, what is shown, and which outputs are recorded, without packer itself.
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

namespace gantry::packer {
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

std::string Template(const std::string& manifest_output) {
  return R"(
source "null" "one" { communicator = "none" }
source "null" "two" { communicator = "none" }
build {
  name    = "b"
  sources = ["source.null.one", "source.null.two"]
  post-processor "manifest" {
    output      = ")" + manifest_output + R"("
    custom_data = { greeting = "x" }
  }
}
)";
}

// A project with one template, and a fresh workspace copy of it per run, as the host makes.
class PackerExecuteTest : public gantry::testing::ToolPluginTest {
 protected:
  PackerExecuteTest() : ToolPluginTest(GANTRY_PACKER_PLUGIN, "image", "packer") {}

  void SetUp() override {
    dir_.Write("src/main.pkr.hcl", Template("packer-manifest.json"));
  }

  // The settings JSON: the fake binary, its log, and any extra FAKE_PACKER_* variables.
  std::string Settings(const std::string& extra_env = "", const std::string& more = "") const {
    return R"({"binary": ")" + std::string(GANTRY_FAKE_PACKER) +
           R"(", "env": {"FAKE_PACKER_LOG": ")" + Log() + "\"" + extra_env + "}" + more + "}";
  }
};

TEST_F(PackerExecuteTest, ApplyBuildsAndRecordsThisRunsArtifacts) {
  const CallRecord record =
      Run("apply", Settings(R"(, "FAKE_PACKER_BUILDS": "b.null.one b.null.two")"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Calls(), ElementsAre("build -machine-readable -color=false -force ."));
  // No manifest written by the fake: the ids come from the machine-readable stream.
  EXPECT_EQ(record.outputs.at("artifact_id").value, "stream-b.null.one");
  EXPECT_EQ(record.outputs.at("artifact_ids").value,
            R"({"b.null.one":"stream-b.null.one","b.null.two":"stream-b.null.two"})");
  EXPECT_EQ(record.outputs.at("artifact_ids").flags, GANTRY_OUTPUT_JSON);
  EXPECT_EQ(record.outputs.at("b_null_two_artifact_id").value, "stream-b.null.two");
  EXPECT_EQ(record.outputs.count("greeting"), 0u);
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->has_changes, 1);
  EXPECT_EQ(record.changes->add, 2);
  EXPECT_EQ(record.changes->change, -1);
  EXPECT_EQ(record.changes_summary, "2 images built") << "packer's own unit, not \"2 added\"";
  // packer's progress is shown as text; the raw stream is not.
  EXPECT_THAT(record.stdout_text, HasSubstr("==> b.null.two: Running local shell script, step 1\n"));
  EXPECT_THAT(record.stdout_text, Not(HasSubstr("ui,say")));
  EXPECT_THAT(record.stdout_text, Not(HasSubstr("artifact,0,id")));
}

TEST_F(PackerExecuteTest, VarsGoToA0600FileAndNeverOnTheCommandLine) {
  FakeComponent component = Component(Settings());
  component.WithVars(R"({"password": "pw-9f8e7d", "count": 2})");
  fs::remove(Log());
  const CallRecord record = host_.Execute(component, "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  const std::string vars_file = component.work_dir + "/gantry.pkrvars.json";
  EXPECT_EQ(Read(vars_file), R"({"password": "pw-9f8e7d", "count": 2})");
  struct stat info {};
  ASSERT_EQ(::stat(vars_file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_THAT(Calls(), ElementsAre("build -machine-readable -color=false -force -var-file=" +
                                   vars_file + " ."));
  ASSERT_EQ(record.spawns.size(), 1u);
  for (const std::string& word : record.spawns[0].argv) EXPECT_THAT(word, Not(HasSubstr("pw-9f8e7d")));
  for (const std::string& entry : record.spawns[0].env) EXPECT_THAT(entry, Not(HasSubstr("pw-9f8e7d")));
}

TEST_F(PackerExecuteTest, EveryCommandRunsInsideGantrysDirectoriesAndStopsWithSigint) {
  const FakeComponent component = Component(Settings());
  const CallRecord record = host_.Execute(component, "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  ASSERT_EQ(record.spawns.size(), 1u);
  const auto& spawn = record.spawns[0];
  EXPECT_EQ(spawn.cwd, component.work_dir);
  EXPECT_THAT(spawn.env, Contains("PACKER_CACHE_DIR=" + (dir_ / "cache")));
  EXPECT_THAT(spawn.env, Contains("PACKER_PLUGIN_PATH=" + (dir_ / "cache") + "/plugins"));
  std::string temp_dir;
  for (const std::string& entry : spawn.env)
    if (entry.rfind("TMPDIR=", 0) == 0) temp_dir = entry.substr(7);
  EXPECT_THAT(temp_dir, ::testing::StartsWith(dir_ / "cache/tmp/gantry-packer-"));
  EXPECT_FALSE(temp_dir.empty() || fs::exists(temp_dir)) << "removed after the run";
  EXPECT_THAT(spawn.env, Contains("CHECKPOINT_DISABLE=1"));
  EXPECT_EQ(spawn.stop_timeout_ms, 300000u) << "packer gets time to clean up its builders";
  EXPECT_TRUE(spawn.Has(GANTRY_SPAWN_STOP_WITH_SIGINT));
  EXPECT_TRUE(spawn.Has(GANTRY_SPAWN_CAPTURE_STDOUT)) << "the raw stream is never shown";
}

TEST_F(PackerExecuteTest, OnlyThisRunsManifestEntriesBecomeOutputs) {
  // A manifest outside the workspace, so it outlives runs and packer appends to it.
  const std::string manifest = dir_ / "build/manifest.json";
  dir_.Write("src/main.pkr.hcl", Template(manifest));
  const std::string old_entry =
      R"({"name": "one", "builder_type": "null", "artifact_id": "old-ami",
          "packer_run_uuid": "run-old", "custom_data": {"greeting": "stale", "stale_key": "s"}})";
  dir_.Write("build/manifest.json",
             R"({"builds": [)" + old_entry + R"(], "last_run_uuid": "run-old"})");

  // A build that writes no manifest entry (the file keeps only the old run): no stale output.
  CallRecord record = Run("apply", Settings());
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_EQ(record.outputs.at("artifact_id").value, "stream-b.null.one");
  EXPECT_EQ(record.outputs.count("greeting"), 0u);
  EXPECT_EQ(record.outputs.count("stale_key"), 0u);

  // A build appending its entry: that entry alone.
  record = Run("apply", Settings(R"(, "FAKE_PACKER_MANIFEST": ")" + manifest +
                                 R"(", "FAKE_PACKER_OLD_ENTRIES": ")" +
                                 std::string("{\\\"name\\\": \\\"one\\\", \\\"artifact_id\\\": "
                                             "\\\"old-ami\\\", \\\"packer_run_uuid\\\": "
                                             "\\\"run-old\\\"}") +
                                 R"(", "FAKE_PACKER_RUN": "run-2", "FAKE_PACKER_GREETING": "fresh")"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Read(manifest), HasSubstr("old-ami")) << "the old entry is still in the file";
  EXPECT_EQ(record.outputs.at("artifact_id").value, "manifest-b.null.one");
  EXPECT_EQ(record.outputs.at("b_null_one_artifact_id").value, "manifest-b.null.one");
  EXPECT_EQ(record.outputs.at("greeting").value, "fresh");
  EXPECT_EQ(record.outputs.count("stale_key"), 0u);

  // The same file again, not rewritten by this build: run-2 is now an earlier run's.
  record = Run("apply", Settings());
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  EXPECT_EQ(record.outputs.at("artifact_id").value, "stream-b.null.one");
  EXPECT_EQ(record.outputs.count("greeting"), 0u);
}

TEST_F(PackerExecuteTest, AnOutputNamedInSensitiveIsRecordedSensitive) {
  const std::string manifest = dir_ / "build/manifest.json";
  dir_.Write("src/main.pkr.hcl", Template(manifest));
  fs::create_directories(dir_ / "build");
  fs::remove(Log());
  const CallRecord record = host_.Execute(
      Component(Settings(R"(, "FAKE_PACKER_MANIFEST": ")" + manifest +
                         R"(", "FAKE_PACKER_RUN": "run-1", "FAKE_PACKER_GREETING": "s3cret")"))
          .WithSensitive(R"(["greeting"])"),
      "apply");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_EQ(record.outputs.at("greeting").value, "s3cret");
  EXPECT_EQ(record.outputs.at("greeting").flags & GANTRY_OUTPUT_SENSITIVE, GANTRY_OUTPUT_SENSITIVE);
  EXPECT_EQ(record.outputs.at("artifact_id").flags & GANTRY_OUTPUT_SENSITIVE, 0u);
}

TEST_F(PackerExecuteTest, AManifestInTheWorkspaceIsRead) {
  const CallRecord record =
      Run("apply", Settings(R"(, "FAKE_PACKER_MANIFEST": "packer-manifest.json")"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_EQ(record.outputs.at("artifact_id").value, "manifest-b.null.one");
  EXPECT_EQ(record.outputs.at("greeting").value, "new");
}

TEST_F(PackerExecuteTest, AMalformedManifestFailsClearly) {
  const std::string manifest = dir_ / "m.json";
  dir_.Write("src/main.pkr.hcl", Template(manifest));
  dir_.Write("m.json", "{\"builds\": [");
  const CallRecord record = Run("apply", Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, Contains(HasSubstr("the manifest " + manifest + " is not valid JSON")));
  EXPECT_THAT(record.outputs, IsEmpty());
}

TEST_F(PackerExecuteTest, ACancelledBuildRecordsNothingAndTheNextRunReadsNoStaleEntry) {
  const std::string manifest = dir_ / "build/manifest.json";
  dir_.Write("src/main.pkr.hcl", Template(manifest));
  dir_.Write("build/manifest.json",
             R"({"builds": [{"name": "one", "builder_type": "null", "artifact_id": "old-ami",
                 "packer_run_uuid": "run-old", "custom_data": {"greeting": "stale"}}],
                 "last_run_uuid": "run-old"})");
  const FakeComponent component = Component(Settings(R"(, "FAKE_PACKER_SLEEP": "30")"));
  fs::remove(Log());
  std::thread canceller([&] {
    for (int i = 0; i < 200 && Read(Log()).empty(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    host_.Cancel();
  });
  const auto started = std::chrono::steady_clock::now();
  CallRecord record = host_.Execute(component, "apply");
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
  EXPECT_EQ(record.status, GANTRY_STATUS_CANCELLED) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(record.outputs, IsEmpty());
  EXPECT_FALSE(record.changes.has_value());
  host_.ResetCancel();

  record = Run("apply", Settings());
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_EQ(record.outputs.at("artifact_id").value, "stream-b.null.one");
  EXPECT_EQ(record.outputs.count("greeting"), 0u) << "the old run's entry is never read";
}

TEST_F(PackerExecuteTest, AFailedBuildFailsWithPackersError) {
  const CallRecord record =
      Run("apply", Settings(R"(, "FAKE_PACKER_BUILD_ERROR": "Post-processor failed: disk full")"));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors,
              ElementsAre("packer build exited with status 1: b.null.one: 1 error(s) occurred: "
                          "* Post-processor failed: disk full"));
  EXPECT_THAT(record.outputs, IsEmpty());
  EXPECT_THAT(record.stderr_text, HasSubstr("Build 'b.null.one' errored after 1 second"))
      << "packer's error lines are shown on stderr";
}

TEST_F(PackerExecuteTest, PlanValidatesAndCountsTheBuildsItWouldMake) {
  CallRecord record = Run("plan", Settings());
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Calls(), ElementsAre("validate -machine-readable ."));
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->has_changes, 1);
  EXPECT_EQ(record.changes->add, 2);
  EXPECT_EQ(record.changes->change, -1);
  EXPECT_EQ(record.changes->destroy, -1);
  EXPECT_EQ(record.changes_summary, "2 images to build") << "packer's own unit, not \"2 to add\"";
  EXPECT_THAT(record.stdout_text, HasSubstr("packer would build 2 images: b.null.one, b.null.two"));
  EXPECT_THAT(record.outputs, IsEmpty());

  record = Run("plan", Settings("", R"(, "except": ["*.two"])"));
  EXPECT_THAT(Calls(), ElementsAre("validate -machine-readable -except=*.two ."));
  EXPECT_EQ(record.changes->add, 1);
  EXPECT_EQ(record.changes_summary, "1 image to build");
  EXPECT_THAT(record.stdout_text, HasSubstr("packer would build 1 image: b.null.one"));

  record = Run("plan", Settings("", R"(, "only": ["nothing"])"));
  EXPECT_EQ(record.changes->has_changes, 0);
  EXPECT_EQ(record.changes->add, 0);
  EXPECT_EQ(record.changes_summary, "") << "the host says \"no changes\"";
}

// A build name gantry cannot read ahead of packer: changes, but no count and no words for
// one (the host says "changes").
TEST_F(PackerExecuteTest, APlanThatCannotCountTheBuildsReportsChangesWithoutANumber) {
  dir_.Write("src/main.pkr.hcl", R"(
variable "name" { default = "b" }
source "null" "one" { communicator = "none" }
build {
  name    = var.name
  sources = ["source.null.one"]
}
)");
  const CallRecord record = Run("plan", Settings());
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->has_changes, 1);
  EXPECT_EQ(record.changes->add, -1);
  EXPECT_EQ(record.changes_summary, "");
  EXPECT_THAT(record.stdout_text, HasSubstr("gantry cannot count them"));
}

// An apply from the inputs of the last build (the source's files, settings, vars) builds
// nothing: it records that build's outputs again, and a plan says there is nothing to do.
TEST_F(PackerExecuteTest, NothingChangedSinceTheLastBuildBuildsNothing) {
  const std::string builds = R"(, "FAKE_PACKER_BUILDS": "b.null.one")";
  CallRecord record = Run("apply", Settings(builds));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  struct stat info {};
  ASSERT_EQ(::stat((dir_ / "state/packer-last-build.json").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u) << "outputs may be secrets";

  record = Run("plan", Settings(builds));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Calls(), ElementsAre("validate -machine-readable .")) << "still validated";
  ASSERT_TRUE(record.changes.has_value());
  EXPECT_EQ(record.changes->has_changes, 0);
  EXPECT_EQ(record.changes_summary, "") << "the host says \"no changes\"";
  EXPECT_THAT(record.stdout_text, HasSubstr("nothing to build"));

  record = Run("apply", Settings(builds));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Calls(), IsEmpty()) << "no packer build";
  EXPECT_EQ(record.outputs.at("artifact_id").value, "stream-b.null.one") << "recorded again";
  EXPECT_EQ(record.outputs.at("artifact_ids").flags, GANTRY_OUTPUT_JSON);
  EXPECT_EQ(record.changes->has_changes, 0);
  EXPECT_EQ(record.changes_summary, "");

  // A file beside the template changed: a build again, and a plan says so first.
  dir_.Write("src/setup.sh", "echo changed\n");
  record = Run("plan", Settings(builds));
  EXPECT_EQ(record.changes->has_changes, 1);
  EXPECT_EQ(record.changes_summary, "2 images to build") << "the template's two builds";
  record = Run("apply", Settings(builds));
  EXPECT_THAT(Calls(), ElementsAre(HasSubstr("build -machine-readable")));
  EXPECT_EQ(record.changes->add, 1);
  EXPECT_EQ(record.changes_summary, "1 image built");

  // rebuild = "always": every apply builds.
  const std::string always = Settings(builds, R"(, "rebuild": "always")");
  (void)Run("apply", always);
  record = Run("apply", always);
  EXPECT_THAT(Calls(), ElementsAre(HasSubstr("build -machine-readable")));
}

TEST_F(PackerExecuteTest, AnInvalidTemplateFailsThePlanWithPackersError) {
  const CallRecord record =
      Run("plan", Settings(R"(, "FAKE_PACKER_VALIDATE_ERROR": "Unsupported argument")"));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, ElementsAre("packer validate exited with status 1: Error: "
                                         "Unsupported argument on t.pkr.hcl line 3:"));
  EXPECT_FALSE(record.changes.has_value());
}

TEST_F(PackerExecuteTest, InitRunsOnlyForRequiredPluginsAndABinaryThatHasIt) {
  dir_.Write("src/plugins.pkr.hcl",
             "packer {\n  required_plugins {\n    docker = { source = \"github.com/hashicorp/docker\" }\n  }\n}\n");
  CallRecord record = Run("plan", Settings(R"(, "FAKE_PACKER_VERSION": "1.6.6")"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Calls(), ElementsAre("version", "validate -machine-readable ."));
  record = Run("apply", Settings(R"(, "FAKE_PACKER_VERSION": "1.9.4")",
                                 R"(, "args": {"init": ["-upgrade"]})"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  EXPECT_THAT(Calls(), ElementsAre("version", "init -upgrade .",
                                   "build -machine-readable -color=false -force ."));
  EXPECT_THAT(record.stdout_text, HasSubstr("Installed plugin")) << "init's output is shown";
}

TEST_F(PackerExecuteTest, ALegacyJsonTemplateGetsItsVarsAsStrings) {
  dir_.Write("src/images/legacy.json",
             R"({"builders": [{"type": "null", "communicator": "none"}]})");
  FakeComponent component = Component(Settings("", R"(, "template": "images/legacy.json")"));
  component.WithVars(R"({"name": "x", "count": 2, "tags": ["a"]})");
  fs::remove(Log());
  const CallRecord record = host_.Execute(component, "plan");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  const std::string vars_file = component.work_dir + "/gantry.pkrvars.json";
  EXPECT_EQ(Read(vars_file), R"({"name":"x","count":"2","tags":"[\"a\"]"})");
  EXPECT_THAT(Calls(), ElementsAre("validate -machine-readable -var-file=" + vars_file + " legacy.json"));
  ASSERT_EQ(record.spawns.size(), 1u);
  EXPECT_EQ(record.spawns[0].cwd, component.work_dir + "/images");
  EXPECT_EQ(record.changes->add, 1);
}

TEST_F(PackerExecuteTest, DestroyHasNothingToDoAndSaysSo) {
  const CallRecord record = Run("destroy", Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_OK);
  EXPECT_THAT(record.stdout_text, HasSubstr("nothing to destroy"));
  EXPECT_THAT(record.spawns, IsEmpty());
  EXPECT_THAT(record.outputs, IsEmpty());
}

TEST_F(PackerExecuteTest, AnUnknownOperationIsUnsupported) {
  const CallRecord record = Run("refresh", Settings());
  EXPECT_EQ(record.status, GANTRY_STATUS_UNSUPPORTED);
  EXPECT_THAT(record.errors, Contains(HasSubstr("the packer type has no operation 'refresh'")));
}

TEST_F(PackerExecuteTest, ValidateNamesWhatIsWrong) {
  dir_.Write("empty/readme.md", "");
  CallRecord record = host_.Validate(
      FakeComponent("image", "packer").WithSourceDir(dir_ / "empty").WithSettings("{}"));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, Contains(HasSubstr("holds no .pkr.hcl or .pkr.json file")));

  dir_.Write("nobuild/a.pkr.hcl", "source \"null\" \"x\" { communicator = \"none\" }\n");
  record = host_.Validate(
      FakeComponent("image", "packer").WithSourceDir(dir_ / "nobuild").WithSettings("{}"));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(record.errors, Contains(HasSubstr("has no build block with a source")));

  record = host_.Validate(FakeComponent("image", "packer")
                              .WithSourceDir(dir_ / "src")
                              .WithSettings(R"({"only": ["nope"], "binary": "no-such-packer-x"})"));
  EXPECT_EQ(record.status, GANTRY_STATUS_OK) << ::testing::PrintToString(record.errors);
  std::vector<std::string> warned;
  for (const auto& diagnostic : record.diagnostics) warned.push_back(diagnostic.setting);
  EXPECT_THAT(warned, ElementsAre("only", "binary"));

  record = host_.Validate(FakeComponent("image", "packer")
                              .WithSourceDir(dir_ / "src")
                              .WithSettings(R"({"template": "../x"})"));
  EXPECT_EQ(record.status, GANTRY_STATUS_FAILED);
  ASSERT_FALSE(record.diagnostics.empty());
  EXPECT_EQ(record.diagnostics[0].setting, "template");
}

TEST_F(PackerExecuteTest, DiscoverDeclaresOutputsAndFileKeys) {
  const std::string manifest = dir_ / "build/manifest.json";
  dir_.Write("src/main.pkr.hcl", Template(manifest));
  const CallRecord record = host_.Discover(FakeComponent("image", "packer")
                                               .WithSourceDir(dir_ / "src")
                                               .WithProjectDir(dir_.path())
                                               .WithSettings(R"({"only": ["*.one"]})"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  std::vector<std::string> declared;
  for (const auto& output : record.declared_outputs) declared.push_back(output.name);
  EXPECT_THAT(declared, ElementsAre("b_null_one_artifact_id", "greeting"));
  ASSERT_EQ(record.needed_keys.size(), 1u);
  EXPECT_EQ(record.needed_keys[0].key, "file:" + (dir_ / "src"));
  EXPECT_THAT(record.provided_keys, ElementsAre("file:" + manifest));
  ASSERT_EQ(record.reported_files.size(), 1u);  // for `gantry affected`
  EXPECT_EQ(record.reported_files[0].path, dir_ / "src");
  EXPECT_EQ(record.reported_files[0].reason, "the template (source)");
}

TEST_F(PackerExecuteTest, DiscoverReportsTheTemplateAndAVarFileOutsideTheSource) {
  dir_.Write("src/images/app.pkr.hcl", Template(dir_ / "build/manifest.json"));
  const CallRecord record = host_.Discover(
      FakeComponent("image", "packer")
          .WithSourceDir(dir_ / "src")
          .WithProjectDir(dir_.path())
          .WithSettings(R"({"template": "images/app.pkr.hcl",
                            "args": {"build": ["-var-file=../../vars/prod.pkrvars.hcl"]}})"));
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  std::vector<std::string> files;
  for (const auto& file : record.reported_files) files.push_back(file.path + " <- " + file.reason);
  EXPECT_THAT(files, ElementsAre(
                         (dir_ / "src/images/app.pkr.hcl") + " <- template images/app.pkr.hcl",
                         (dir_ / "vars/prod.pkrvars.hcl") +
                             " <- -var-file ../../vars/prod.pkrvars.hcl in args.build"));
  std::vector<std::string> static_outputs;
  for (const auto& output : host_.outputs()) static_outputs.push_back(output.name);
  EXPECT_THAT(static_outputs, ElementsAre("artifact_id", "artifact_ids"));
}

}  // namespace
}  // namespace gantry::packer
