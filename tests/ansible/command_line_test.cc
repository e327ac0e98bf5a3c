// The ansible-playbook command line and environment, decided without running it.
#include "ansible/command_line.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::ansible {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

RunPaths Paths() {
  RunPaths paths;
  paths.work_dir = "/ws";
  paths.inventory = "/ws/.gantry-ansible/inventory.json";
  paths.result_file = "/ws/.gantry-ansible/result.json";
  paths.local_tmp = "/ws/.gantry-ansible/tmp";
  paths.callback_dir = "/p/.gantry/cache/ansible/callback_plugins";
  paths.cache_dir = "/p/.gantry/cache/ansible";
  paths.ansible_home = "/p/.gantry/cache/ansible/home";
  return paths;
}

EnvLookup Nothing() {
  return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

TEST(CommandLineTest, ApplyRunsThePlaybookWithTheInventory) {
  AnsibleSettings settings;
  EXPECT_THAT(PlaybookCommand(settings, Paths(), "apply", "site.yml"),
              ElementsAre("ansible-playbook", "-i", "/ws/.gantry-ansible/inventory.json",
                          "site.yml"));
}

TEST(CommandLineTest, PlanIsCheckModeWithDiffs) {
  AnsibleSettings settings;
  settings.binary = "/opt/bin/ansible-playbook";
  EXPECT_THAT(PlaybookCommand(settings, Paths(), "plan", "site.yml"),
              ElementsAre("/opt/bin/ansible-playbook", "-i", "/ws/.gantry-ansible/inventory.json",
                          "--check", "--diff", "site.yml"));
}

TEST(CommandLineTest, EverySettingHasItsPlaceAndThePlaybookComesLast) {
  AnsibleSettings settings;
  settings.limit = "web*:!web3";
  settings.tags = {"deploy", "with,comma"};
  settings.skip_tags = {"slow"};
  settings.args = {{"playbook", {"-v"}}, {"plan", {"--forks", "5"}}, {"apply", {"--step"}}};
  RunPaths paths = Paths();
  paths.vars_file = "/ws/.gantry-ansible/vars.json";
  EXPECT_THAT(PlaybookCommand(settings, paths, "plan", "play/site.yml"),
              ElementsAre("ansible-playbook", "-i", "/ws/.gantry-ansible/inventory.json", "-e",
                          "@/ws/.gantry-ansible/vars.json", "--limit", "web*:!web3", "--tags",
                          "deploy", "--tags", "with,comma", "--skip-tags", "slow", "--check",
                          "--diff", "-v", "--forks", "5", "play/site.yml"));
}

TEST(CommandLineTest, TheEnvironmentKeepsAnsibleInTheWorkspaceAndEnablesTheCallback) {
  AnsibleSettings settings;
  const auto env = Environment(settings, Paths(), ConfigFacts{}, false, Nothing());
  EXPECT_EQ(env.at("ANSIBLE_NOCOLOR"), "1");
  EXPECT_EQ(env.count("ANSIBLE_FORCE_COLOR"), 0u);
  EXPECT_EQ(env.at("ANSIBLE_RETRY_FILES_ENABLED"), "0");
  EXPECT_EQ(env.at("ANSIBLE_LOCAL_TEMP"), "/ws/.gantry-ansible/tmp");
  EXPECT_EQ(env.at("ANSIBLE_SSH_CONTROL_PATH_DIR"), "/p/.gantry/cache/ansible/cp");
  EXPECT_EQ(env.at("GANTRY_ANSIBLE_RESULT"), "/ws/.gantry-ansible/result.json");
  EXPECT_EQ(env.at("ANSIBLE_CALLBACKS_ENABLED"), "gantry_result");
  EXPECT_EQ(env.at("ANSIBLE_CALLBACK_PLUGINS"),
            "/p/.gantry/cache/ansible/callback_plugins:~/.ansible/plugins/callback:"
            "/usr/share/ansible/plugins/callback");
  EXPECT_EQ(env.count("ANSIBLE_HOST_KEY_CHECKING"), 0u) << "left as the user has it";
  EXPECT_EQ(env.count("ANSIBLE_CONFIG"), 0u);
  EXPECT_EQ(env.at("ANSIBLE_HOME"), "/p/.gantry/cache/ansible/home")
      << "ansible creates its home on every start";
  EXPECT_EQ(env.at("ANSIBLE_COLLECTIONS_PATH"), "~/.ansible/collections:/usr/share/ansible/collections")
      << "what ansible-galaxy installed under ~ is still found";
  EXPECT_EQ(env.at("ANSIBLE_ROLES_PATH"), "~/.ansible/roles:/usr/share/ansible/roles:/etc/ansible/roles");
  EXPECT_EQ(Environment(settings, Paths(), ConfigFacts{}, true, Nothing()).at("ANSIBLE_FORCE_COLOR"),
            "1");
}

TEST(CommandLineTest, ADeepCacheKeepsAnsiblesControlSocketDirectory) {
  RunPaths paths = Paths();
  paths.cache_dir = "/home/someone/a/rather/deep/project/directory/.gantry/cache/ansible";
  const auto env = Environment(AnsibleSettings{}, paths, ConfigFacts{}, false, Nothing());
  EXPECT_EQ(env.at("ANSIBLE_SSH_CONTROL_PATH_DIR"), "~/.ansible/cp")
      << "a socket path in the cache would not fit";
}

TEST(CommandLineTest, TheUsersCallbacksStayEnabledFromEnvOrConfig) {
  AnsibleSettings settings;
  ConfigFacts config;
  config.callbacks_enabled = "profile_tasks";
  config.callback_plugins = "/src/plugins/callback";
  auto env = Environment(settings, Paths(), config, false, Nothing());
  EXPECT_EQ(env.at("ANSIBLE_CALLBACKS_ENABLED"), "profile_tasks,gantry_result");
  EXPECT_EQ(env.at("ANSIBLE_CALLBACK_PLUGINS"),
            "/p/.gantry/cache/ansible/callback_plugins:/src/plugins/callback");

  const EnvLookup invoking = [](const std::string& name) -> std::optional<std::string> {
    if (name == "ANSIBLE_CALLBACKS_ENABLED") return "timer";
    return std::nullopt;
  };
  env = Environment(settings, Paths(), config, false, invoking);
  EXPECT_EQ(env.at("ANSIBLE_CALLBACKS_ENABLED"), "timer,gantry_result")
      << "gantry's environment wins over ansible.cfg, as it would for ansible";

  settings.env = {{"ANSIBLE_CALLBACKS_ENABLED", "junit"}, {"ANSIBLE_NOCOLOR", "0"}};
  env = Environment(settings, Paths(), config, false, invoking);
  EXPECT_EQ(env.at("ANSIBLE_CALLBACKS_ENABLED"), "junit,gantry_result");
  EXPECT_EQ(env.at("ANSIBLE_NOCOLOR"), "0") << "the component's env wins";
}

TEST(CommandLineTest, PlacesTheUserNamedAreKept) {
  ConfigFacts config;
  config.sets_collections_path = true;
  const EnvLookup invoking = [](const std::string& name) -> std::optional<std::string> {
    if (name == "ANSIBLE_LOCAL_TEMP" || name == "ANSIBLE_ROLES_PATH") return "/mine";
    return std::nullopt;
  };
  auto env = Environment(AnsibleSettings{}, Paths(), config, false, invoking);
  EXPECT_EQ(env.count("ANSIBLE_LOCAL_TEMP"), 0u);
  EXPECT_EQ(env.count("ANSIBLE_ROLES_PATH"), 0u);
  EXPECT_EQ(env.count("ANSIBLE_COLLECTIONS_PATH"), 0u) << "ansible.cfg sets it";
  config.sets_home = true;
  env = Environment(AnsibleSettings{}, Paths(), config, false, invoking);
  EXPECT_EQ(env.count("ANSIBLE_HOME"), 0u);
}

TEST(CommandLineTest, TheSourcesAnsibleCfgIsNamed) {
  ConfigFacts config;
  config.path = "/ws/ansible.cfg";
  config.in_workspace = true;
  EXPECT_EQ(Environment(AnsibleSettings{}, Paths(), config, false, Nothing()).at("ANSIBLE_CONFIG"),
            "/ws/ansible.cfg");
}

TEST(AnsibleConfigTest, IniSectionReadsOnlyItsSection) {
  const auto defaults = IniSection(R"(# comment
[ssh_connection]
pipelining = True
[defaults]
callbacks_enabled = profile_tasks, timer ; the usual ones
callback_plugins: ./plugins/callback
; nothing = here
[other]
callbacks_enabled = wrong
)",
                                   "defaults");
  EXPECT_EQ(defaults.size(), 2u);
  EXPECT_EQ(defaults.at("callbacks_enabled"), "profile_tasks, timer");
  EXPECT_EQ(defaults.at("callback_plugins"), "./plugins/callback");
}

TEST(AnsibleConfigTest, TheWorkspacesConfigIsFoundAndItsPathsMadeAbsolute) {
  gantry::testing::TempDir dir;
  dir.Write("ansible.cfg", "[defaults]\ncallback_whitelist = timer\n"
                           "callback_plugins = plugins/cb:/abs/cb,~/cb\n");
  ConfigFacts facts = FindConfig(dir.path(), Nothing());
  EXPECT_EQ(facts.path, dir / "ansible.cfg");
  EXPECT_TRUE(facts.in_workspace);
  EXPECT_EQ(facts.callbacks_enabled, "timer");
  EXPECT_EQ(facts.callback_plugins, dir / "plugins/cb" + ":/abs/cb:~/cb");

  const std::string elsewhere = dir.Write("elsewhere/my.cfg", "[defaults]\ncallbacks_enabled = a\n");
  facts = FindConfig(dir.path(), [&](const std::string& name) -> std::optional<std::string> {
    if (name == "ANSIBLE_CONFIG") return elsewhere;
    return std::nullopt;
  });
  EXPECT_EQ(facts.path, elsewhere) << "ANSIBLE_CONFIG comes first, as for ansible";
  EXPECT_FALSE(facts.in_workspace);
  EXPECT_EQ(facts.callbacks_enabled, "a");
}

}  // namespace
}  // namespace gantry::ansible
