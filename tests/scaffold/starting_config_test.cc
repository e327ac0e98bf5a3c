#include "core/scaffold/starting_config.h"

#include "core/config/config_loader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::scaffold {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

Proposal Of(const std::string& type, const std::string& source, nlohmann::json settings,
            const std::string& note) {
  Proposal proposal;
  proposal.type = type;
  proposal.source_dir = source;
  proposal.settings = std::move(settings);
  proposal.note = note;
  return proposal;
}

TEST(StartingConfigTest, IsADeploymentFileThatLoads) {
  testing::TempDir project;
  const std::string root = project.path();
  const std::vector<Proposal> proposals = {
      Of("terraform", root + "/network/vpc", nlohmann::json::object(), "terraform root"),
      Of("ansible", root + "/play",
         {{"playbook", "site.yml"}, {"tags", {"a", "b \"quoted\""}}, {"env", {{"X", "1"}}}}, ""),
      Of("packer", root, {{"template", "base.json"}}, "legacy"),
  };
  const std::vector<std::string> names = {"network/vpc", "play", "root"};
  const std::vector<std::vector<FoundDependency>> needs = {
      {}, {{"network/vpc", "terraform_remote_state.net in main.tf:3"}},
      {{"play", "a reason\nover two lines"}}};
  const std::string text = StartingConfig(proposals, names, needs, root);
  EXPECT_THAT(text, HasSubstr("# terraform root\n[components.\"network/vpc\"]\n"));
  EXPECT_THAT(text, HasSubstr("# found by discovery: depends on network/vpc "
                              "(terraform_remote_state.net in main.tf:3)\n[components.play]\n"));
  EXPECT_THAT(text, HasSubstr("# found by discovery: depends on play (a reason over two "
                              "lines)\n"));  // a line break would leave invalid TOML
  EXPECT_EQ(text, StartingConfig(proposals, names, needs, root));  // deterministic

  absl::StatusOr<config::Deployment> deployment =
      config::LoadDeployment(project.Write("gantry.toml", text), "");
  ASSERT_TRUE(deployment.ok()) << deployment.status() << "\n" << text;
  ASSERT_THAT(deployment->components, SizeIs(3));
  const config::ComponentConfig* vpc = deployment->Find("network/vpc");
  ASSERT_NE(vpc, nullptr);
  EXPECT_EQ(vpc->type, "terraform");
  EXPECT_EQ(vpc->source_dir, root + "/network/vpc");
  const config::ComponentConfig* play = deployment->Find("play");
  ASSERT_NE(play, nullptr);
  EXPECT_EQ(play->settings["playbook"], "site.yml");
  EXPECT_EQ(play->settings["tags"], nlohmann::json({"a", "b \"quoted\""}));
  EXPECT_EQ(play->settings["env"]["X"], "1");
  const config::ComponentConfig* at_root = deployment->Find("root");
  ASSERT_NE(at_root, nullptr);
  EXPECT_EQ(at_root->source_dir, root);
  EXPECT_TRUE(play->depends_on.empty());  // discovery's edges stay comments
}

TEST(StartingConfigTest, KeysAndValuesAreQuotedAsTomlNeeds) {
  EXPECT_EQ(TomlKey("vpc_id-2"), "vpc_id-2");
  EXPECT_EQ(TomlKey("network/vpc"), "\"network/vpc\"");
  EXPECT_EQ(TomlKey("a.b"), "\"a.b\"");
  EXPECT_EQ(TomlValue("line\n\"q\"\\\x01"), "\"line\\n\\\"q\\\"\\\\\\u0001\"");
  EXPECT_EQ(TomlValue(nlohmann::json({{"k", true}, {"n", 2}})), "{ k = true, n = 2 }");
  EXPECT_EQ(TomlValue(nlohmann::json::array()), "[]");
}

}  // namespace
}  // namespace gantry::scaffold
