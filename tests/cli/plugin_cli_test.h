// A base for CLI tests that drive the gantry binary in a temporary project with the test
// plugins of tests/graph (finder, keeper, tf, probe) on GANTRY_PLUGIN_PATH.
#ifndef GANTRY_TESTS_CLI_PLUGIN_CLI_TEST_H_
#define GANTRY_TESTS_CLI_PLUGIN_CLI_TEST_H_

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/build_paths.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/summary_component.h"
#include "tests/testing/temp_dir.h"

namespace gantry::cli {

class PluginCliTest : public ::testing::Test {
 protected:
  /// `gantry args...` in `cwd` (empty: the project), with neither the concurrency nor the
  /// GitHub settings of the environment; `env` ("NAME=value") is added last, so it wins.
  gantry::testing::CliResult Gantry(std::vector<std::string> args,
                                    std::vector<std::string> env = {}, std::string cwd = "") {
    std::vector<std::string> all = {"GANTRY_PLUGIN_PATH=" + GANTRY_TEST_PLUGIN_DIR,
                                    "GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=",
                                    "GITHUB_STEP_SUMMARY="};
    all.insert(all.end(), env.begin(), env.end());
    return gantry::testing::RunGantry(args, cwd.empty() ? dir_.path() : cwd, all);
  }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  /// The component called `name` in a --summary document; null when there is none.
  static nlohmann::json Component(const nlohmann::json& summary, const std::string& name) {
    return gantry::testing::SummaryComponent(summary, name);
  }

  gantry::testing::TempDir dir_;  // the project
};

}  // namespace gantry::cli

#endif  // GANTRY_TESTS_CLI_PLUGIN_CLI_TEST_H_
