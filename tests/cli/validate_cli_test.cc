// `gantry validate` and `gantry plugins`, driven as a user drives them.
#include <cstdlib>
#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/temp_dir.h"

namespace gantry::cli {
namespace {

using ::testing::AllOf;
using ::testing::ContainsRegex;
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
  EXPECT_THAT(r.out, HasSubstr("5 components, valid"));
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
                                     "(did you mean 'custom'?); the loaded plugins provide: "),
                           ContainsRegex("the loaded plugins provide: ([a-z]+, )*custom"),
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

TEST_F(ValidateCliTest, NestedNamesAndBadRetryPatternsAreRefused) {
  dir_.Write("gantry.toml", R"([components.network]
type = "custom"
commands.apply = ["true"]

[components."network/vpc"]
type = "custom"
commands.apply = ["true"]
)");
  auto r = RunGantry({"validate"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  const std::string file = dir_ / "gantry.toml";
  EXPECT_THAT(r.err, HasSubstr(file + ":5:1: error: components 'network' and 'network/vpc' "
                                      "cannot both exist"));
  dir_.Write("gantry.toml", "[components.a]\ntype = \"custom\"\ncommands.apply = [\"true\"]\n"
                            "retry_on = [\"(unclosed\"]\n");
  r = RunGantry({"validate"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(file + ":4:12: error: retry_on: '(unclosed' is not a valid "
                                      "regular expression"));
}

TEST_F(ValidateCliTest, GraphOfTheExampleInEveryFormat) {
  const std::string example = GANTRY_SOURCE_DIR "/examples/deployment";
  auto text = RunGantry({"graph"}, example);
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, AllOf(HasSubstr("network/vpc"), HasSubstr("smoke (custom)")));
  auto json = RunGantry({"graph", "--format", "json"}, example);
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_THAT(json.out, HasSubstr("\"reference\""));
  auto mermaid = RunGantry({"graph", "--format", "mermaid"}, example);
  EXPECT_THAT(mermaid.out, HasSubstr("flowchart"));
  auto dot = RunGantry({"graph", "--format", "dot"}, example);
  ASSERT_EQ(dot.exit_code, 0);
  dir_.Write("graph.dot", dot.out);
  // Graphviz must accept what we print (the README's set-up installs it).
  EXPECT_EQ(std::system(("dot -Tsvg " + dir_ / "graph.dot" + " -o " + dir_ / "graph.svg").c_str()), 0);
  EXPECT_GT(std::filesystem::file_size(dir_ / "graph.svg"), 100u);
  // --format svg draws it so itself.
  auto svg = RunGantry({"graph", "--format", "svg"}, example);
  ASSERT_EQ(svg.exit_code, 0) << svg.err;
  EXPECT_THAT(svg.out, AllOf(HasSubstr("<svg"), HasSubstr("network/vpc"), HasSubstr("</svg>")));
  // Without Graphviz it says what to do.
  auto no_dot = RunGantry({"graph", "--format", "svg"}, example, {"PATH=/nonexistent"});
  EXPECT_EQ(no_dot.exit_code, 2);
  EXPECT_THAT(no_dot.err, HasSubstr("install graphviz, or take --format dot"));
  EXPECT_EQ(RunGantry({"graph", "--format", "png"}, example).exit_code, 2);
}

TEST_F(ValidateCliTest, ATypoedSettingIsShownAtItsOwnLineWithThePluginsFindings) {
  dir_.Write("gantry.toml", R"([components.app]
type = "custom"
commands.apply = ["true"]
comands.plan = ["true"]
shell = "yes"

[components.web]
type = "custom"
commands.aply = ["true"]

[components.web.targets.dev]
commands.apply = 5
)");
  auto r = RunGantry({"validate"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  const std::string file = dir_ / "gantry.toml";
  EXPECT_THAT(r.err, AllOf(HasSubstr(file + ":4:1: error: component 'app' (custom): unknown "
                                            "setting 'comands' (did you mean 'commands'?)"),
                           HasSubstr(file + ":5:9: error: component 'app' (custom): 'shell' "
                                            "must be a boolean, not a string"),
                           HasSubstr(file + ":9:17: error: component 'web' (custom): "
                                            "commands.aply: unknown operation; did you mean "
                                            "'apply'?")))
      << r.err;
  // The target's overlay is checked at the overlay's line.
  r = RunGantry({"validate", "-t", "dev"}, dir_.path());
  EXPECT_THAT(r.err, HasSubstr(file + ":12:18: error: component 'web' (custom): "
                                      "'commands.apply' must be a string or a list, not an "
                                      "integer"))
      << r.err;
}

TEST_F(ValidateCliTest, PluginsInfoShowsTheSettingsInEveryFormat) {
  auto r = RunGantry({"plugins", "info", "custom"}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("settings:\n  SETTING   KIND"),
                           HasSubstr("  commands  table of string|list  -      -        the "
                                     "command of each operation"),
                           HasSubstr("  shell     bool                  -      false    run each")));
  r = RunGantry({"plugins", "info", "custom", "--format", "json"}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("\"name\": \"commands\""),
                           HasSubstr("\"item_kinds\": \"string|list\""),
                           HasSubstr("\"default\": false")));
  r = RunGantry({"plugins", "info", "custom", "--format", "markdown"}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("| `shell` | bool | - | `false` |"));
  EXPECT_EQ(RunGantry({"plugins", "info", "custom", "--format", "yaml"}, dir_.path()).exit_code, 2);
}

TEST_F(ValidateCliTest, AnUnknownTypeSaysWherePluginsWereSoughtAndAMissingPluginPathIsReported) {
  dir_.Write("gantry.toml", R"([gantry]
plugin_paths = ["no-such-dir"]

[components.app]
type = "pulumi"
)");
  auto r = RunGantry({"validate"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  const std::string missing = dir_ / "no-such-dir";
  EXPECT_THAT(r.err, AllOf(HasSubstr("gantry: warning: plugin path " + missing +
                                     " (plugin_paths in " + std::string(dir_ / "gantry.toml") +
                                     ") is not a directory"),
                           HasSubstr("unknown type 'pulumi'"),
                           HasSubstr("; plugins were sought in " + missing + " (missing), "),
                           HasSubstr("lib/gantry/plugins (add a directory with plugin_paths")))
      << r.err;
}

TEST_F(ValidateCliTest, ABadCommonKeyDoesNotHideThePluginsFindings) {
  dir_.Write("gantry.toml", R"([components.a]
type = "custom"
depends_on = 5
commands.apply = ["true"]

[components.b]
type = "custom"
comands.apply = ["true"]
)");
  auto r = RunGantry({"validate"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("gantry.toml:3:14: error: 'depends_on' must be an array"),
                           HasSubstr("gantry.toml:8:1: error: component 'b' (custom): unknown "
                                     "setting 'comands' (did you mean 'commands'?)"),
                           HasSubstr("problems in")));
  // Nothing runs, and commands that do not check the graph still refuse the file.
  EXPECT_EQ(RunGantry({"apply"}, dir_.path()).exit_code, 2);
  auto runs = RunGantry({"runs", "list"}, dir_.path());
  EXPECT_EQ(runs.exit_code, 2);
  EXPECT_THAT(runs.err, HasSubstr("'depends_on' must be an array"));
}

}  // namespace
}  // namespace gantry::cli
