// A plugin whose execute fails without a reason, returns CANCELLED while nothing was
// cancelled, or returns no status at all: the user is told it is the plugin's bug.
// Uses the test plugin keeper, whose `status` setting is what its execute returns.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/temp_dir.h"

namespace gantry::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

class PluginBugCliTest : public ::testing::TestWithParam<std::pair<int, const char*>> {
 protected:
  gantry::testing::CliResult Apply() {
    return gantry::testing::RunGantry(
        {"apply"}, dir_.path(),
        {"GANTRY_PLUGIN_PATH=" + GANTRY_TEST_PLUGIN_DIR, "GANTRY_MAX_CONCURRENCY=",
         "GITHUB_ACTIONS=", "GITHUB_STEP_SUMMARY="});
  }
  gantry::testing::TempDir dir_;
};

TEST_P(PluginBugCliTest, AStatusWithoutAReasonIsCalledThePluginsBug) {
  const auto [status, said] = GetParam();
  dir_.Write("gantry.toml", "[components.app]\ntype = \"keeper\"\nstatus = " +
                                std::to_string(status) + "\n");
  auto r = Apply();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("app failed"), HasSubstr(said),
                           HasSubstr("this is a bug in the keeper plugin (it should report why "
                                     "with report_error)")));
}

INSTANTIATE_TEST_SUITE_P(
    Statuses, PluginBugCliTest,
    ::testing::Values(
        std::make_pair(1, "the keeper plugin's execute failed without saying why"),
        std::make_pair(3, "the keeper plugin said its execute was cancelled, but nothing "
                          "cancelled it (no Ctrl-C, no timeout)"),
        std::make_pair(42, "the keeper plugin's execute returned 42, which is no "
                           "GANTRY_STATUS_* value")));

}  // namespace
}  // namespace gantry::cli
