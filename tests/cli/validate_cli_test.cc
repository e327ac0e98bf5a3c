// `gantry validate` and `gantry plugins`, driven as a user drives them.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/temp_dir.h"

namespace gantry::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using gantry::testing::RunGantry;

class ValidateCliTest : public ::testing::Test {
 protected:
  gantry::testing::TempDir dir_;
};

TEST_F(ValidateCliTest, TheExampleDeploymentIsValid) {
  auto r = RunGantry({"validate"}, GANTRY_SOURCE_DIR "/examples/deployment");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("2 components, valid"));
}

TEST_F(ValidateCliTest, FindsTheFileFromASubdirectoryOrWithDashF) {
  dir_.Write("gantry.toml", "[components.a]\ntype = \"custom\"\ncommands.apply = [\"true\"]\n");
  dir_.Write("deep/er/.keep", "");
  EXPECT_EQ(RunGantry({"validate"}, dir_ / "deep/er").exit_code, 0);
  EXPECT_EQ(RunGantry({"-f", dir_ / "gantry.toml", "validate"}, "/").exit_code, 0);
}

TEST_F(ValidateCliTest, NoFileIsExitTwoWithWhatToDo) {
  auto r = RunGantry({"validate"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no gantry.toml in"));
  r = RunGantry({"-f", "missing.toml", "validate"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("cannot read config file"));
}

TEST_F(ValidateCliTest, EveryProblemIsReportedWithItsPlaceAndExitTwo) {
  dir_.Write("gantry.toml", R"([components.app]
type = "custon"

[components.db]
type = "custom"
depends_on = ["netwrk"]
commands.apply = "make"

[components.netwerk]
type = "custom"
commands.apply = ["true"]
)");
  auto r = RunGantry({"validate"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  const std::string file = dir_ / "gantry.toml";
  EXPECT_THAT(r.err, AllOf(HasSubstr(file + ":1:1: error: component 'app': unknown type 'custon' "
                                     "(did you mean 'custom'?); the loaded plugins provide: custom"),
                           HasSubstr(file + ":6:15: error: component 'db' depends on 'netwrk', which "
                                            "is not defined (did you mean 'netwerk'?)"),
                           HasSubstr("component 'db' (custom): commands.apply is a string"),
                           HasSubstr("3 problems")));
}

TEST_F(ValidateCliTest, BadUsageIsExitTwo) {
  EXPECT_EQ(RunGantry({"frobnicate"}, dir_.path()).exit_code, 2);
  EXPECT_EQ(RunGantry({}, dir_.path()).exit_code, 2);
  EXPECT_EQ(RunGantry({"--version"}, dir_.path()).exit_code, 0);
}

TEST_F(ValidateCliTest, PluginsListAndInfoShowTheBundledCustomPlugin) {
  auto r = RunGantry({"plugins", "list"}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("NAME"), HasSubstr("custom"), HasSubstr("gantry-custom.so")));
  r = RunGantry({"plugins", "info", "custom"}, dir_.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, AllOf(HasSubstr("types:         custom"), HasSubstr("abi version:   1")));
  r = RunGantry({"plugins", "info", "nope"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no plugin named 'nope'"));
}

TEST_F(ValidateCliTest, ConfigPluginPathsComeFirstAndAreRelativeToTheFile) {
  // An empty plugin directory from the config must not hide the bundled plugins.
  dir_.Write("my-plugins/.keep", "");
  dir_.Write("gantry.toml", "[gantry]\nplugin_paths = [\"my-plugins\"]\n");
  auto r = RunGantry({"plugins", "list"}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("custom"));
  EXPECT_THAT(r.err, Not(HasSubstr("error")));
}

}  // namespace
}  // namespace gantry::cli
