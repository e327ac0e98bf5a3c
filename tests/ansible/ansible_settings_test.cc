// Reading an ansible component's settings: every setting, and every problem at the
// setting it is about, in words a user can act on.
#include "ansible/ansible_settings.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::ansible {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string SettingsOf(const std::vector<SettingProblem>& problems) {
  std::string out;
  for (const SettingProblem& problem : problems) out += problem.setting + ": " + problem.message + "\n";
  return out;
}

TEST(AnsibleSettingsTest, ReadsEverySetting) {
  std::vector<SettingProblem> problems;
  const AnsibleSettings settings = ParseSettings(R"({
      "playbook": "./site.yml", "destroy_playbook": "teardown.yml",
      "hosts": ["web1", ["10.0.0.5", "10.0.0.6"]], "limit": "web*",
      "tags": ["deploy", "config"], "skip_tags": "slow", "binary": "/opt/ansible/bin/ansible-playbook",
      "env": {"ANSIBLE_FORKS": "20"}, "args": {"playbook": ["-v"], "apply": ["--diff"]},
      "stop_timeout": "2m"})", problems);
  ASSERT_THAT(problems, IsEmpty()) << SettingsOf(problems);
  EXPECT_EQ(settings.playbook, "site.yml");
  EXPECT_EQ(settings.destroy_playbook, "teardown.yml");
  EXPECT_TRUE(settings.has_hosts);
  EXPECT_THAT(settings.hosts, ElementsAre("web1", "10.0.0.5", "10.0.0.6"))
      << "a reference to a list output arrives as a list inside the list";
  EXPECT_EQ(settings.limit, "web*");
  EXPECT_THAT(settings.tags, ElementsAre("deploy", "config"));
  EXPECT_THAT(settings.skip_tags, ElementsAre("slow"));
  EXPECT_EQ(settings.binary, "/opt/ansible/bin/ansible-playbook");
  EXPECT_EQ(settings.env.at("ANSIBLE_FORKS"), "20");
  EXPECT_THAT(settings.args.at("playbook"), ElementsAre("-v"));
  EXPECT_EQ(settings.stop_timeout, std::chrono::minutes(2));
}

TEST(AnsibleSettingsTest, DefaultsAreLocalhostAndTheUsualProgram) {
  std::vector<SettingProblem> problems;
  const AnsibleSettings settings = ParseSettings(R"({"playbook": "site.yml"})", problems);
  ASSERT_THAT(problems, IsEmpty()) << SettingsOf(problems);
  EXPECT_EQ(settings.binary, "ansible-playbook");
  EXPECT_FALSE(settings.has_hosts);
  EXPECT_THAT(settings.hosts, IsEmpty());
  EXPECT_EQ(settings.inventory, "");
  EXPECT_EQ(settings.stop_timeout, std::chrono::seconds(60));
}

TEST(AnsibleSettingsTest, APlaybookIsRequiredWithAnExample) {
  std::vector<SettingProblem> problems;
  ParseSettings("{}", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].setting, "playbook");
  EXPECT_THAT(problems[0].message, HasSubstr("playbook = \"site.yml\""));
}

TEST(AnsibleSettingsTest, PathsStayInsideTheSource) {
  std::vector<SettingProblem> problems;
  ParseSettings(R"({"playbook": "../site.yml", "inventory": "/etc/ansible/hosts"})", problems);
  ASSERT_EQ(problems.size(), 2u) << SettingsOf(problems);
  EXPECT_EQ(problems[0].setting, "playbook");
  EXPECT_THAT(problems[0].message, HasSubstr("must be inside source"));
  EXPECT_EQ(problems[1].setting, "inventory");
}

TEST(AnsibleSettingsTest, InventoryAndHostsTogetherAreAnError) {
  std::vector<SettingProblem> problems;
  ParseSettings(R"({"playbook": "site.yml", "inventory": "hosts.yml", "hosts": ["web1"]})",
                problems);
  ASSERT_EQ(problems.size(), 1u) << SettingsOf(problems);
  EXPECT_EQ(problems[0].setting, "hosts");
  EXPECT_THAT(problems[0].message, HasSubstr("hosts and inventory are both set"));
}

TEST(AnsibleSettingsTest, EveryProblemNamesItsSetting) {
  std::vector<SettingProblem> problems;
  ParseSettings(R"({"playbook": "site.yml", "hosts": ["ok", 3, " "], "tags": [1],
                    "env": {"1BAD": "x"}, "args": {"aply": ["-v"]}, "stop_timeout": "soon",
                    "binary": ""})",
                problems);
  std::vector<std::string> settings;
  for (const SettingProblem& problem : problems) settings.push_back(problem.setting);
  EXPECT_THAT(settings, ElementsAre("hosts", "hosts", "tags", "binary", "env.1BAD", "args.aply",
                                    "stop_timeout"))
      << SettingsOf(problems);
  EXPECT_THAT(problems[0].message, HasSubstr("hosts[1] must be a host name (a string), found an integer"));
  EXPECT_THAT(problems[1].message, HasSubstr("hosts[2] is empty"));
  EXPECT_THAT(problems[5].message, HasSubstr("did you mean 'args.apply'?"));
}

TEST(AnsibleSettingsTest, HostsWithUnresolvedReferencesAreKeptForValidate) {
  std::vector<SettingProblem> problems;
  const AnsibleSettings settings =
      ParseSettings(R"({"playbook": "site.yml", "hosts": ["${network/vm.ip}"]})", problems);
  EXPECT_THAT(problems, IsEmpty());
  EXPECT_THAT(settings.hosts, ElementsAre("${network/vm.ip}"));
}

TEST(AnsibleSettingsTest, HostsMayHoldReferencesOtherSettingsMayNot) {
  for (const Setting& setting : DeclaredSettings())
    EXPECT_EQ((setting.flags & GANTRY_SETTING_REFERENCES) != 0, setting.name == "hosts")
        << setting.name;
}

}  // namespace
}  // namespace gantry::ansible
