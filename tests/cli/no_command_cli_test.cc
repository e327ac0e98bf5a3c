// A misspelt operation fails validate; a component with nothing to run for the
// operation is shown as such everywhere, apart from ok.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/cli_runner.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Read(const std::string& path) { return gantry::testing::ReadText(path); }

class NoCommandCliTest : public ::testing::Test {
 protected:
  gantry::testing::CliResult Gantry(std::vector<std::string> args,
                                    std::vector<std::string> env = {}) {
    env.insert(env.end(), {"GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=", "NO_COLOR=1",
                           "ORDER=" + dir_ / "order.txt"});
    return gantry::testing::RunGantry(args, dir_.path(), env);
  }

  gantry::testing::TempDir dir_;
};

TEST_F(NoCommandCliTest, AMisspeltOperationIsAValidateErrorWithDidYouMean) {
  dir_.Write("gantry.toml", R"([components.seed]
type = "custom"
commands.aply = ["./seed.sh"]
commands.destory = ["./unseed.sh"]
commands.lint = ["./lint.sh"]

[components.app]
type = "custom"
depends_on = ["seed"]
shell = true
commands.apply = "echo app >> $ORDER"
)");
  auto r = Gantry({"validate"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  const std::string file = dir_ / "gantry.toml";
  // Each at its own line: the plugin names the setting (call.Error(setting, message)).
  EXPECT_THAT(r.err, AllOf(HasSubstr(file + ":3:17: error: component 'seed' (custom): "
                                            "commands.aply: unknown operation; did you mean "
                                            "'apply'?"),
                           HasSubstr("commands.destory: unknown operation; did you mean "
                                     "'destroy'?"),
                           Not(HasSubstr("commands.lint"))));
  r = Gantry({"apply"});
  EXPECT_EQ(r.exit_code, 2) << "apply validates first: " << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "order.txt")) << "app must not have run";
}

TEST_F(NoCommandCliTest, AComponentWithoutTheCommandIsShownAsSuchAndItsDependentsRun) {
  dir_.Write("gantry.toml", R"([components.seed]
type = "custom"
shell = true
commands.destroy = "echo unseed >> $ORDER"

[components.app]
type = "custom"
depends_on = ["seed"]
shell = true
commands.apply = "echo app >> $ORDER"
)");
  auto r = Gantry({"apply", "--summary", "s.json"},
                  {"GITHUB_STEP_SUMMARY=" + dir_ / "step.md"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Read(dir_ / "order.txt"), "app\n") << "the dependent still runs";
  // Status line, summary table and totals.
  EXPECT_THAT(r.out, AllOf(HasSubstr("gantry: seed no apply command\n"),
                           HasSubstr("seed       custom  no apply command"),
                           HasSubstr("2 ok (1 no apply command), 0 failed"),
                           Not(HasSubstr("nothing to do"))));
  // summary.json: still a success, with its own marker and count.
  const nlohmann::json s = nlohmann::json::parse(Read(dir_ / "s.json"), nullptr, false);
  ASSERT_TRUE(s.is_object());
  EXPECT_EQ(s["counts"]["nothing_to_do"], 1);
  for (const nlohmann::json& c : s["components"]) {
    EXPECT_EQ(c["status"], "ok");
    EXPECT_EQ(c["nothing_to_do"], c["name"] == "seed") << c["name"];
  }
  EXPECT_THAT(Read(dir_ / "step.md"), HasSubstr("| seed | custom | no apply command |"));
  auto show = Gantry({"runs", "show", "last"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("no apply command"));
  EXPECT_THAT(show.out, Not(HasSubstr("nothing to do")));
}

}  // namespace
}  // namespace gantry::cli
