// The packer component's settings, and the command lines and environment built from them.
#include "packer/packer_settings.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "packer/command_line.h"

namespace gantry::packer {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(PackerSettingsTest, Defaults) {
  std::vector<SettingProblem> problems;
  const PackerSettings settings = ParseSettings("{}", problems);
  EXPECT_THAT(problems, IsEmpty());
  EXPECT_EQ(settings.binary, "packer");
  EXPECT_EQ(settings.template_path, "");
  EXPECT_THAT(settings.only, IsEmpty());
  EXPECT_EQ(settings.stop_timeout, std::chrono::minutes(5));
}

TEST(PackerSettingsTest, ReadsEverySetting) {
  std::vector<SettingProblem> problems;
  const PackerSettings settings = ParseSettings(
      R"({"binary": "/opt/packer", "template": "./images/ubuntu.pkr.hcl", "only": ["a.b", "c.*"],
          "env": {"PACKER_LOG": "1"}, "args": {"build": ["-parallel-builds=1"], "init": "-upgrade"},
          "stop_timeout": "90s"})",
      problems);
  EXPECT_THAT(problems, IsEmpty());
  EXPECT_EQ(settings.binary, "/opt/packer");
  EXPECT_EQ(settings.template_path, "images/ubuntu.pkr.hcl");
  EXPECT_THAT(settings.only, ElementsAre("a.b", "c.*"));
  EXPECT_EQ(settings.env.at("PACKER_LOG"), "1");
  EXPECT_THAT(settings.args.at("build"), ElementsAre("-parallel-builds=1"));
  EXPECT_THAT(settings.args.at("init"), ElementsAre("-upgrade"));
  EXPECT_EQ(settings.stop_timeout, std::chrono::seconds(90));
  EXPECT_THAT(ParseSettings(R"({"except": "x"})", problems).except, ElementsAre("x"));
}

TEST(PackerSettingsTest, EveryProblemIsReportedAtItsSetting) {
  std::vector<SettingProblem> problems;
  ParseSettings(R"({"binary": "", "template": "../other", "only": ["a,b"], "env": {"1X": "v"},
                    "args": {"biuld": ["-x"], "validate": [1]}, "stop_timeout": "soon"})",
                problems);
  std::vector<std::string> settings;
  for (const SettingProblem& problem : problems) settings.push_back(problem.setting);
  ASSERT_THAT(settings, ElementsAre("binary", "template", "only", "env.1X", "args.biuld",
                                    "args.validate", "stop_timeout"));
  EXPECT_THAT(problems[0].message, HasSubstr("binary is empty"));
  EXPECT_THAT(problems[1].message, HasSubstr("must be inside source"));
  EXPECT_THAT(problems[2].message, HasSubstr("'a,b' is not a build name"));
  EXPECT_THAT(problems[3].message, HasSubstr("not an environment variable name"));
  EXPECT_THAT(problems[4].message, HasSubstr("did you mean 'args.build'?"));
  EXPECT_THAT(problems[5].message, HasSubstr("args.validate"));
  EXPECT_THAT(problems[6].message, HasSubstr("\"90s\""));
}

TEST(PackerSettingsTest, RebuildIsOnChangeOrAlways) {
  std::vector<SettingProblem> problems;
  EXPECT_FALSE(ParseSettings("{}", problems).rebuild_always);
  EXPECT_TRUE(ParseSettings(R"({"rebuild": "always"})", problems).rebuild_always);
  EXPECT_THAT(problems, IsEmpty());
  ParseSettings(R"({"rebuild": "sometimes"})", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].setting, "rebuild");
  EXPECT_THAT(problems[0].message, HasSubstr("'sometimes' is not one of"));
}

TEST(PackerSettingsTest, OnlyAndExceptTogetherAreRefused) {
  std::vector<SettingProblem> problems;
  ParseSettings(R"({"only": ["a"], "except": ["b"]})", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].setting, "except");
  EXPECT_THAT(problems[0].message, HasSubstr("only and except are both set"));
}

TEST(PackerSettingsTest, AWrongKindNamesTheSetting) {
  std::vector<SettingProblem> problems;
  ParseSettings(R"({"only": 3, "template": true})", problems);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].setting, "template");
  EXPECT_EQ(problems[1].setting, "only");
  EXPECT_THAT(problems[1].message, HasSubstr("a string or a list of strings"));
  problems.clear();
  ParseSettings("[1]", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].message, HasSubstr("settings are not valid"));
}

TEST(PackerSettingsTest, DeclaresEverySettingItReads) {
  std::vector<std::string> names;
  for (const Setting& setting : DeclaredSettings()) {
    names.push_back(setting.name);
    EXPECT_FALSE(setting.description.empty()) << setting.name;
  }
  EXPECT_THAT(names, ElementsAre("binary", "template", "only", "except", "env", "args",
                                 "stop_timeout", "rebuild"));
}

PackerSettings Parse(std::string_view json) {
  std::vector<SettingProblem> problems;
  PackerSettings settings = ParseSettings(json, problems);
  EXPECT_THAT(problems, IsEmpty());
  return settings;
}

TEST(CommandLineTest, BuildsAreSelectedAndVarsComeOnlyAsAFile) {
  const PackerSettings settings =
      Parse(R"({"only": ["b.null.one", "b.null.t*"], "args": {"build": ["-parallel-builds=1"],
                "validate": ["-syntax-only"], "init": ["-upgrade"]}})");
  const CommandLine commands(settings, ".", {"/p/.gantry/cache/packer", "/w/.tmp", "/w/gantry.pkrvars.json"});
  EXPECT_THAT(commands.Build(),
              ElementsAre("packer", "build", "-machine-readable", "-color=false", "-force",
                          "-only=b.null.one,b.null.t*", "-var-file=/w/gantry.pkrvars.json",
                          "-parallel-builds=1", "."));
  EXPECT_THAT(commands.Validate(),
              ElementsAre("packer", "validate", "-machine-readable", "-only=b.null.one,b.null.t*",
                          "-var-file=/w/gantry.pkrvars.json", "-syntax-only", "."));
  EXPECT_THAT(commands.Init(), ElementsAre("packer", "init", "-upgrade", "."));
  EXPECT_THAT(commands.Version(), ElementsAre("packer", "version"));
  for (const auto& argv : {commands.Build(), commands.Validate()})
    for (const std::string& word : argv) EXPECT_THAT(word, Not(HasSubstr("-var=")));
}

TEST(CommandLineTest, ExceptAndNoVars) {
  const PackerSettings settings = Parse(R"({"binary": "/opt/packer", "except": ["x"]})");
  const CommandLine commands(settings, "ubuntu.json", {"", "/w/.tmp", ""});
  EXPECT_THAT(commands.Build(), ElementsAre("/opt/packer", "build", "-machine-readable",
                                            "-color=false", "-force", "-except=x", "ubuntu.json"));
}

TEST(CommandLineTest, EnvironmentKeepsPackerInsideGantrysDirectories) {
  const PackerSettings settings = Parse(R"({"env": {"PACKER_LOG": "1", "TMPDIR": "/big/tmp"}})");
  const auto env =
      CommandLine(settings, ".", {"/p/.gantry/cache/packer", "/w/.tmp", ""}).Environment();
  EXPECT_EQ(env.at("CHECKPOINT_DISABLE"), "1");
  EXPECT_EQ(env.at("PACKER_NO_COLOR"), "1");
  EXPECT_EQ(env.at("PACKER_CACHE_DIR"), "/p/.gantry/cache/packer");
  EXPECT_EQ(env.at("PACKER_PLUGIN_PATH"), "/p/.gantry/cache/packer/plugins");
  EXPECT_EQ(env.at("PACKER_CONFIG_DIR"), "/p/.gantry/cache/packer/config");
  EXPECT_EQ(env.at("PACKER_LOG"), "1");
  EXPECT_EQ(env.at("TMPDIR"), "/big/tmp") << "the user's env wins";
  const auto bare = CommandLine(settings, ".", {"", "", ""}).Environment();
  EXPECT_EQ(bare.count("PACKER_CACHE_DIR"), 0u) << "an older host gives no cache dir";
}

TEST(CommandLineTest, VersionDecidesWhetherInitExists) {
  EXPECT_EQ(ParseVersion("Packer v1.6.6\n"), std::make_pair(1, 6));
  EXPECT_EQ(ParseVersion("Packer v1.11.2\n\nYour version of Packer is out of date!"),
            std::make_pair(1, 11));
  EXPECT_EQ(ParseVersion("packer 1.7"), std::nullopt);
  EXPECT_EQ(ParseVersion("Packer v1"), std::nullopt);
  EXPECT_FALSE(HasInit({1, 6}));
  EXPECT_TRUE(HasInit({1, 7}));
  EXPECT_TRUE(HasInit({1, 10}));
  EXPECT_TRUE(HasInit({2, 0}));
}

}  // namespace
}  // namespace gantry::packer
