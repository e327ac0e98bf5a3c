#include "terraform/terraform_settings.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "terraform/command_line.h"

namespace gantry::terraform {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TerraformSettings Parse(std::string_view json, std::vector<SettingProblem>& problems,
                        std::string_view target = "default") {
  return ParseSettings(json, target, problems);
}

TEST(TerraformSettingsTest, DefaultsFollowTheTarget) {
  std::vector<SettingProblem> problems;
  TerraformSettings settings = Parse("{}", problems);
  EXPECT_THAT(problems, IsEmpty());
  EXPECT_EQ(settings.binary, "terraform");
  EXPECT_EQ(settings.workspace, "default");
  EXPECT_EQ(settings.stop_timeout, std::chrono::seconds(60));
  EXPECT_TRUE(settings.copy_lock_file);
  settings = Parse("{}", problems, "staging");
  EXPECT_EQ(settings.workspace, "staging");
}

TEST(TerraformSettingsTest, ReadsEverySetting) {
  std::vector<SettingProblem> problems;
  const TerraformSettings settings = Parse(
      R"({"binary": "tofu", "workspace": "blue", "env": {"TF_LOG": "INFO"},
          "args": {"plan": ["-parallelism=4"], "init": "-upgrade"},
          "stop_timeout": "2m30s", "copy_lock_file": false})",
      problems);
  EXPECT_THAT(problems, IsEmpty());
  EXPECT_EQ(settings.binary, "tofu");
  EXPECT_EQ(settings.workspace, "blue");
  EXPECT_EQ(settings.env.at("TF_LOG"), "INFO");
  EXPECT_THAT(settings.args.at("plan"), ElementsAre("-parallelism=4"));
  EXPECT_THAT(settings.args.at("init"), ElementsAre("-upgrade"));
  EXPECT_EQ(settings.stop_timeout, std::chrono::seconds(150));
  EXPECT_FALSE(settings.copy_lock_file);
}

TEST(TerraformSettingsTest, EveryProblemIsReportedAtItsSetting) {
  std::vector<SettingProblem> problems;
  Parse(R"({"binary": "", "workspace": "a/b", "env": {"1X": "v"},
            "args": {"aply": ["-x"], "plan": [1]}, "stop_timeout": "soon"})",
        problems);
  std::vector<std::string> settings;
  for (const SettingProblem& problem : problems) settings.push_back(problem.setting);
  EXPECT_THAT(settings, ElementsAre("binary", "workspace", "env.1X", "args.aply", "args.plan",
                                    "stop_timeout"));
  EXPECT_THAT(problems[3].message, HasSubstr("did you mean 'args.apply'?"));
  EXPECT_THAT(problems[5].message, HasSubstr("\"90s\""));
}

TEST(TerraformSettingsTest, ATargetThatIsNoWorkspaceNameAsksForOne) {
  std::vector<SettingProblem> problems;
  Parse("{}", problems, "eu/prod");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].setting, "");
  EXPECT_THAT(problems[0].message, HasSubstr("set workspace = \"...\""));
  problems.clear();
  Parse(R"({"workspace": "eu-prod"})", problems, "eu/prod");
  EXPECT_THAT(problems, IsEmpty());
}

TEST(TerraformSettingsTest, TheRootModuleStaysInsideTheSource) {
  std::vector<SettingProblem> problems;
  EXPECT_EQ(Parse(R"({"root": "envs/prod/"})", problems).root, "envs/prod");
  EXPECT_EQ(Parse(R"({"root": "."})", problems).root, "");
  EXPECT_THAT(problems, IsEmpty());
  for (const char* bad : {"/abs", "..", "../x", "a/../../b", "a/.."}) {
    problems.clear();
    Parse(std::string(R"({"root": ")") + bad + "\"}", problems);
    ASSERT_EQ(problems.size(), 1u) << bad;
    EXPECT_EQ(problems[0].setting, "root");
  }
}

TEST(TerraformSettingsTest, DeclaresEverySettingItReads) {
  std::vector<std::string> names;
  for (const Setting& setting : DeclaredSettings()) names.push_back(setting.name);
  EXPECT_THAT(names, ElementsAre("binary", "workspace", "env", "args", "stop_timeout",
                                 "copy_lock_file", "root"));
}

TEST(CommandLineTest, RunsAsAutomationWithStateOutsideTheWorkspace) {
  std::vector<SettingProblem> problems;
  const TerraformSettings settings =
      Parse(R"({"env": {"TF_LOG": "WARN", "TF_INPUT": "1"}})", problems, "dev");
  const CommandLine commands(settings, {"/p/.gantry/state/dev/net/.terraform", "/p/.gantry/cache/terraform"},
                             false);
  EXPECT_THAT(commands.Init(), ElementsAre("terraform", "init", "-input=false", "-no-color"));
  EXPECT_THAT(commands.Plan(), ElementsAre("terraform", "plan", "-input=false", "-out=gantry.tfplan",
                                           "-detailed-exitcode", "-no-color"));
  EXPECT_THAT(commands.Apply(),
              ElementsAre("terraform", "apply", "-input=false", "-auto-approve", "-no-color"));
  EXPECT_THAT(commands.ApplySavedPlan("/p/.gantry/runs/r1/plans/net/tfplan"),
              ElementsAre("terraform", "apply", "-input=false", "-no-color",
                          "/p/.gantry/runs/r1/plans/net/tfplan"));
  EXPECT_THAT(commands.Destroy(),
              ElementsAre("terraform", "destroy", "-input=false", "-auto-approve", "-no-color"));
  EXPECT_THAT(commands.OutputJson(), ElementsAre("terraform", "output", "-json"));
  EXPECT_THAT(commands.ShowPlanJson(), ElementsAre("terraform", "show", "-json", "gantry.tfplan"));
  EXPECT_THAT(commands.Plan("/plans/net/tfplan"),
              ElementsAre("terraform", "plan", "-input=false", "-out=/plans/net/tfplan",
                          "-detailed-exitcode", "-no-color"));
  EXPECT_THAT(commands.ShowPlanJson("/plans/net/tfplan"),
              ElementsAre("terraform", "show", "-json", "/plans/net/tfplan"));
  EXPECT_THAT(commands.WorkspaceSelectOrCreate(),
              ElementsAre("terraform", "workspace", "select", "-or-create", "-no-color", "dev"));
  const auto env = commands.Environment();
  EXPECT_EQ(env.at("TF_IN_AUTOMATION"), "1");
  EXPECT_EQ(env.at("TF_DATA_DIR"), "/p/.gantry/state/dev/net/.terraform");
  EXPECT_EQ(env.at("TF_PLUGIN_CACHE_DIR"), "/p/.gantry/cache/terraform");
  EXPECT_EQ(env.at("TF_LOG"), "WARN");
  EXPECT_EQ(env.at("TF_INPUT"), "1") << "the user's env wins";
}

TEST(CommandLineTest, ExtraArgumentsComeBeforePositionalOnes) {
  std::vector<SettingProblem> problems;
  const TerraformSettings settings = Parse(
      R"({"binary": "tofu", "workspace": "w", "args": {"plan": ["-parallelism=2"], "apply": ["-parallelism=3"],
          "workspace": ["-lock-timeout=5s"], "show": ["-no-color"]}})",
      problems);
  const CommandLine commands(settings, {"/d", ""}, true);
  EXPECT_THAT(commands.Plan(), ElementsAre("tofu", "plan", "-input=false", "-out=gantry.tfplan",
                                           "-detailed-exitcode", "-parallelism=2"));
  EXPECT_THAT(commands.WorkspaceNew(),
              ElementsAre("tofu", "workspace", "new", "-lock-timeout=5s", "w"));
  EXPECT_THAT(commands.ShowPlanJson(),
              ElementsAre("tofu", "show", "-json", "-no-color", "gantry.tfplan"));
  EXPECT_THAT(commands.ApplySavedPlan("/plans/net/tfplan"),
              ElementsAre("tofu", "apply", "-input=false", "-parallelism=3", "/plans/net/tfplan"))
      << "args.apply, then the plan file last";
  EXPECT_EQ(commands.Environment().count("TF_PLUGIN_CACHE_DIR"), 0u);
}

}  // namespace
}  // namespace gantry::terraform
