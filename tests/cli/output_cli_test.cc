// `gantry output COMPONENT [KEY]`, driven as a user drives gantry, with `custom` and
// `steps` (steps_plugin.cc) components.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/build_paths.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/temp_dir.h"

namespace gantry::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// network/vpc: plain and sensitive outputs, another value under target prod. app: JSON
// outputs (one sensitive) and a string with a line break. idle: applies, records nothing.
constexpr char kOutputDeployment[] = R"([gantry]
max_concurrency = 1

[targets.prod]

[components."network/vpc"]
type = "custom"
shell = true
sensitive = ["db_password"]
commands.apply = "echo vpc_id=vpc-$GANTRY_TARGET >> $GANTRY_OUTPUT; echo cidr=10.0.0.0/16 >> $GANTRY_OUTPUT; echo db_password=hunter2 >> $GANTRY_OUTPUT"
commands.destroy = "true"

[components.app]
type = "steps"
execute = ["output cfg json {\"a\":[1,2],\"b\":\"x y\"}", "output token sensitive+json {\"k\":\"s3cr3t\"}", "output note plain two\nlines"]

[components.idle]
type = "custom"
commands.apply = ["true"]
)";

class OutputCliTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_.Write("gantry.toml", kOutputDeployment); }
  gantry::testing::CliResult Gantry(const std::vector<std::string>& args) {
    return gantry::testing::RunGantry(
        args, dir_.path(),
        {"GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=", "GITHUB_STEP_SUMMARY=", "NO_COLOR=1",
         "GANTRY_PLUGIN_PATH=" + GANTRY_STEPS_PLUGIN_DIR + ":" + GANTRY_TEST_PLUGIN_DIR});
  }
  void Apply(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"apply"};
    args.insert(args.end(), extra.begin(), extra.end());
    const gantry::testing::CliResult r = Gantry(args);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }

  gantry::testing::TempDir dir_;
};

TEST_F(OutputCliTest, ListsEveryOutputSortedWithSensitiveOnesMasked) {
  Apply();
  auto r = Gantry({"output", "network/vpc"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cidr = 10.0.0.0/16\ndb_password = <sensitive>\nvpc_id = vpc-default\n");
  EXPECT_THAT(r.err, IsEmpty());
  r = Gantry({"output", "network/vpc", "--show-sensitive"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cidr = 10.0.0.0/16\ndb_password = hunter2\nvpc_id = vpc-default\n");
  // JSON values as compact JSON; a string with a line break quoted, to stay on its line.
  r = Gantry({"output", "app"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cfg = {\"a\":[1,2],\"b\":\"x y\"}\nnote = \"two\\nlines\"\ntoken = <sensitive>\n");
}

TEST_F(OutputCliTest, AKeyPrintsItsValueRawForScripts) {
  Apply();
  auto r = Gantry({"output", "network/vpc", "vpc_id"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "vpc-default\n");
  r = Gantry({"output", "app", "cfg"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"a\":[1,2],\"b\":\"x y\"}\n");
  r = Gantry({"output", "app", "note"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "two\nlines\n");
}

TEST_F(OutputCliTest, ASensitiveKeyIsPrintedOnlyWithShowSensitive) {
  Apply();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"output", "network/vpc", "db_password"},
        std::vector<std::string>{"output", "network/vpc", "db_password", "--json"}}) {
    auto r = Gantry(args);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.out, IsEmpty());
    EXPECT_EQ(r.err, "gantry: output 'db_password' of component 'network/vpc' is sensitive; "
                     "add --show-sensitive to print it\n");
  }
  auto r = Gantry({"output", "network/vpc", "db_password", "--show-sensitive"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "hunter2\n");
  r = Gantry({"output", "app", "token", "--show-sensitive"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"k\":\"s3cr3t\"}\n");
}

TEST_F(OutputCliTest, JsonMapsEachKeyToItsValueAndSensitivity) {
  Apply();
  auto r = Gantry({"output", "app", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out, nullptr, false),
            nlohmann::json::parse(R"({"cfg": {"value": {"a": [1, 2], "b": "x y"}, "sensitive": false},
                                      "note": {"value": "two\nlines", "sensitive": false},
                                      "token": {"value": null, "sensitive": true}})"));
  EXPECT_THAT(r.out, Not(HasSubstr("s3cr3t")));
  r = Gantry({"output", "network/vpc", "--json", "--show-sensitive"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out, nullptr, false),
            nlohmann::json::parse(R"({"cidr": {"value": "10.0.0.0/16", "sensitive": false},
                                      "db_password": {"value": "hunter2", "sensitive": true},
                                      "vpc_id": {"value": "vpc-default", "sensitive": false}})"));
  // With a key: that value alone, as JSON.
  r = Gantry({"output", "network/vpc", "vpc_id", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "\"vpc-default\"\n");
  r = Gantry({"output", "app", "cfg", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"a\":[1,2],\"b\":\"x y\"}\n");
}

TEST_F(OutputCliTest, ReadsTheTargetsOwnOutputs) {
  Apply({"-t", "prod", "network/vpc"});
  auto r = Gantry({"output", "-t", "prod", "network/vpc", "vpc_id"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "vpc-prod\n");
  r = Gantry({"output", "network/vpc", "vpc_id"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "gantry: component 'network/vpc' has no recorded outputs for target default; "
                   "apply it first (outputs are recorded by a successful apply that sets some, "
                   "and removed by destroy)\n");
  r = Gantry({"output", "--target", "nosuch", "network/vpc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown target 'nosuch'"));
}

TEST_F(OutputCliTest, AComponentWithNoRecordedOutputsIsAnError) {
  auto r = Gantry({"output", "network/vpc"});  // never applied
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("gantry: component 'network/vpc' has no recorded outputs for "
                               "target default; apply it first"));
  Apply();
  r = Gantry({"output", "idle"});  // applied, recorded nothing
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("gantry: component 'idle' has no recorded outputs"));
  ASSERT_EQ(Gantry({"destroy", "network/vpc"}).exit_code, 0);
  r = Gantry({"output", "network/vpc", "--json"});  // destroyed
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("gantry: component 'network/vpc' has no recorded outputs"));
}

TEST_F(OutputCliTest, AnUnknownComponentOrKeyGetsDidYouMeanAndTheList) {
  Apply();
  auto r = Gantry({"output", "network/vcp"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_EQ(r.err, "gantry: output: no component named 'network/vcp' (did you mean "
                   "'network/vpc'?); " + dir_ / "gantry.toml" + " defines: app, idle, network/vpc\n");
  r = Gantry({"output", "zzzzzzzz"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("no component named 'zzzzzzzz';"), Not(HasSubstr("did you mean"))));
  r = Gantry({"output", "network/vpc", "vpc_di"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_EQ(r.err, "gantry: component 'network/vpc' has no output 'vpc_di' (did you mean "
                   "'vpc_id'?) for target default; its outputs: cidr, db_password, vpc_id\n");
}

}  // namespace
}  // namespace gantry::cli
