// gantry init through the binary, with the built-in plugins: on the example's tree, on
// terraform roots that read each other's state, and where it must refuse.
#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class InitCliTest : public ::testing::Test {
 protected:
  gantry::testing::CliResult Gantry(std::vector<std::string> args) {
    return gantry::testing::RunGantry(args, dir_.path(), {"NO_COLOR=1"});
  }
  std::string File() { return gantry::testing::ReadText(dir_ / "gantry.toml"); }

  gantry::testing::TempDir dir_;
};

TEST_F(InitCliTest, WritesAComponentForEachTerraformPackerAndAnsibleThingOfTheExample) {
  fs::copy(GANTRY_SOURCE_DIR "/examples/deployment", dir_.path(), fs::copy_options::recursive);
  fs::remove(dir_ / "gantry.toml");

  const auto init = Gantry({"init"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_THAT(init.out, HasSubstr("wrote " + dir_ / "gantry.toml" +
                                  ": 4 components (1 ansible, 1 packer, 2 terraform)"));
  const std::string file = File();
  EXPECT_THAT(file, HasSubstr("[components.network]\ntype = \"terraform\"\nsource = \"network\"\n"));
  EXPECT_THAT(file, HasSubstr("[components.database]\ntype = \"terraform\"\n"));
  EXPECT_THAT(file, HasSubstr("outputs: endpoint, password (sensitive)"));
  EXPECT_THAT(file, HasSubstr("[components.image]\ntype = \"packer\"\nsource = \"image\"\n"));
  EXPECT_THAT(file, HasSubstr("[components.configure]\ntype = \"ansible\"\nsource = "
                              "\"configure\"\nplaybook = \"site.yml\"\n"));
  EXPECT_THAT(file, Not(HasSubstr("smoke")));  // the custom type recognises nothing

  // What it wrote is a deployment gantry reads.
  const auto graph = Gantry({"graph", "--format", "json"});
  EXPECT_EQ(graph.exit_code, 0) << graph.err;

  // And it is never replaced.
  const auto again = Gantry({"init"});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_THAT(again.err, HasSubstr("already exists: gantry init never replaces it"));
  EXPECT_EQ(File(), file);
  const auto printed = Gantry({"init", "--print"});
  EXPECT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_EQ(printed.out, file);
}

TEST_F(InitCliTest, KeepsWhatDiscoveryFindsAsComments) {
  dir_.Write("network/main.tf", "output \"vpc_id\" { value = \"vpc-1\" }\n");
  dir_.Write("app/main.tf", R"(data "terraform_remote_state" "net" {
  backend = "local"
  config = {
    path = "../../../state/default/network/terraform.tfstate"
  }
}
)");
  dir_.Write("modules/vpc/main.tf", "variable \"cidr\" {}\n");  // a child module: not a root
  const auto init = Gantry({"init", "--print"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_THAT(init.out, HasSubstr("# found by discovery: depends on network "
                                  "(terraform_remote_state.net in "));
  EXPECT_THAT(init.out, HasSubstr("[components.app]"));
  EXPECT_THAT(init.out, Not(HasSubstr("modules")));
  EXPECT_FALSE(fs::exists(dir_ / "gantry.toml"));  // --print writes nothing

  ASSERT_EQ(Gantry({"init"}).exit_code, 0);
  const auto graph = Gantry({"graph"});
  EXPECT_THAT(graph.out, HasSubstr("network"));
  EXPECT_THAT(graph.out, HasSubstr("discovered"));
}

TEST_F(InitCliTest, SaysWhenItFindsNothingOrHasNoDirectory) {
  dir_.Write("README.md", "nothing to deploy\n");
  auto init = Gantry({"init"});
  EXPECT_EQ(init.exit_code, 2);
  EXPECT_THAT(init.err, HasSubstr("no plugin recognised a component in " + dir_.path()));
  EXPECT_THAT(init.err, HasSubstr("shown to plugins ansible, custom, packer, terraform"));
  EXPECT_FALSE(fs::exists(dir_ / "gantry.toml"));

  init = Gantry({"init", "no/such/dir"});
  EXPECT_EQ(init.exit_code, 2);
  EXPECT_THAT(init.err, HasSubstr("no/such/dir is not a directory"));
}

}  // namespace
}  // namespace gantry
