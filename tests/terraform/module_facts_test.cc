#include "terraform/module_facts.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "terraform/state_keys.h"
#include "tests/testing/temp_dir.h"

namespace gantry::terraform {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::string kTestData = GANTRY_TERRAFORM_TESTDATA;

TEST(ModuleFactsTest, ReadsTheBackendOutputsAndVariablesOfARealModule) {
  const ModuleFacts facts = ReadModuleFacts(kTestData + "/network");
  EXPECT_THAT(facts.problems, IsEmpty());
  EXPECT_TRUE(facts.has_backend);
  EXPECT_EQ(facts.backend_type, "s3");
  EXPECT_EQ(facts.backend_config.at("bucket").text, "acme-state");
  EXPECT_EQ(facts.backend_config.at("key").text, "network/terraform.tfstate");
  ASSERT_EQ(facts.outputs.size(), 2u);
  EXPECT_EQ(facts.outputs[0].name, "vpc_id");
  EXPECT_EQ(facts.outputs[0].description, "The VPC");
  EXPECT_FALSE(facts.outputs[0].sensitive);
  EXPECT_EQ(facts.outputs[1].name, "admin_token");
  EXPECT_TRUE(facts.outputs[1].sensitive);
  EXPECT_THAT(facts.variables, ElementsAre("cidr", "zones"));
}

TEST(ModuleFactsTest, FindsEveryRemoteStateWithWhereItIs) {
  const ModuleFacts facts = ReadModuleFacts(kTestData + "/app");
  EXPECT_THAT(facts.problems, IsEmpty());
  EXPECT_FALSE(facts.has_backend);
  ASSERT_EQ(facts.remote_states.size(), 3u);
  EXPECT_EQ(facts.remote_states[0].name, "net");
  EXPECT_EQ(facts.remote_states[0].where, "main.tf:2");
  EXPECT_EQ(facts.remote_states[0].config.count("bucket"), 0u) << "a conditional is no string";
  EXPECT_EQ(facts.remote_states[1].config.at("bucket").text, "${var.bucket}");
  EXPECT_TRUE(facts.remote_states[1].config.at("bucket").templated);
  EXPECT_EQ(facts.remote_states[2].backend, "local");
}

TEST(ModuleFactsTest, TheReaderNeedsWhatTheWriterProvides) {
  const ModuleFacts network = ReadModuleFacts(kTestData + "/network");
  const ModuleFacts app = ReadModuleFacts(kTestData + "/app");
  KeyContext context{"/p", "app", "/p/.gantry/state/default/app", "default", {{"bucket", "acme-state"}}};
  const auto provided = ProvidedKey(network, KeyContext{"/p", "network", "/p/.gantry/state/default/network", "default", {}});
  ASSERT_TRUE(provided);
  std::string why;
  EXPECT_FALSE(NeededKey(app.remote_states[0], context, why));
  EXPECT_THAT(why, HasSubstr("no bucket"));
  EXPECT_EQ(NeededKey(app.remote_states[1], context, why), provided);
  EXPECT_EQ(NeededKey(app.remote_states[2], context, why),
            "terraform.state:local:/p/.gantry/state/default/base/terraform.tfstate");
  const ModuleFacts base;  // no backend block: gantry's own
  EXPECT_EQ(ProvidedKey(base, KeyContext{"/p", "base", "/p/.gantry/state/default/base", "default", {}}),
            "terraform.state:local:/p/.gantry/state/default/base/terraform.tfstate");
}

TEST(ModuleFactsTest, TfJsonModulesAndOverridesAreRead) {
  gantry::testing::TempDir dir;
  dir.Write("main.tf.json", R"({
    "terraform": {"backend": {"local": {"path": "/shared/net.tfstate"}}},
    "output": {"id": {"value": "${terraform_data.x.id}"}},
    "data": {"terraform_remote_state": {"base": {"backend": "s3",
             "config": {"bucket": "b", "key": "base.tfstate"}}}}
  })");
  dir.Write("outputs_override.tf", "output \"id\" {\n  sensitive = true\n}\n");
  const ModuleFacts facts = ReadModuleFacts(dir.path());
  EXPECT_THAT(facts.problems, IsEmpty());
  EXPECT_EQ(facts.backend_type, "local");
  EXPECT_EQ(facts.backend_config.at("path").text, "/shared/net.tfstate");
  ASSERT_EQ(facts.outputs.size(), 1u);
  EXPECT_TRUE(facts.outputs[0].sensitive) << "the override made it sensitive";
  ASSERT_EQ(facts.remote_states.size(), 1u);
  EXPECT_EQ(facts.remote_states[0].config.at("key").text, "base.tfstate");
}

TEST(ModuleFactsTest, SyntaxProblemsAreReportedWithTheirPlace) {
  gantry::testing::TempDir dir;
  dir.Write("main.tf", "output \"x\" {\n  value = \"unterminated\n}\n");
  const ModuleFacts facts = ReadModuleFacts(dir.path());
  ASSERT_FALSE(facts.problems.empty());
  EXPECT_THAT(facts.problems[0], HasSubstr("main.tf:2:"));
  EXPECT_TRUE(ReadModuleFacts(dir / "missing").files.empty());
}

}  // namespace
}  // namespace gantry::terraform
