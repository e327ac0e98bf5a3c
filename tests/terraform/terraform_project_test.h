// A project driven through the gantry binary with the real terraform on this machine
// (offline: the built-in terraform_data resource and the local backend). Tests skip,
// saying why, where terraform is not on PATH.
#ifndef GANTRY_TESTS_TERRAFORM_TERRAFORM_PROJECT_TEST_H_
#define GANTRY_TESTS_TERRAFORM_TERRAFORM_PROJECT_TEST_H_

#include <cstdlib>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/cli_runner.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::terraform {

class TerraformProjectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("terraform version >/dev/null 2>&1") != 0)
      GTEST_SKIP() << "terraform is not on PATH (this project's machines have terraform 1.11 "
                      "at /usr/local/bin); the terraform type's end-to-end tests need it";
  }

  /// `gantry args...` in the project, never downloading (no CLI config), one at a time.
  gantry::testing::CliResult Gantry(std::vector<std::string> args) {
    return gantry::testing::RunGantry(
        args, dir_.path(),
        {"TF_CLI_CONFIG_FILE=" + (dir_ / "missing.tfrc"), "GANTRY_MAX_CONCURRENCY=",
         "GITHUB_ACTIONS=", "GITHUB_STEP_SUMMARY=", "NO_COLOR=1"});
  }

  /// The component called `name` in the --summary file `file` (relative to the project).
  nlohmann::json ComponentSummary(const std::string& file, const std::string& name) {
    const nlohmann::json summary = nlohmann::json::parse(gantry::testing::ReadText(dir_ / file));
    for (const nlohmann::json& component : summary.at("components"))
      if (component.at("name") == name) return component;
    ADD_FAILURE() << "no component " << name << " in " << file;
    return {};
  }

  gantry::testing::TempDir dir_;  // the project
};

}  // namespace gantry::terraform

#endif  // GANTRY_TESTS_TERRAFORM_TERRAFORM_PROJECT_TEST_H_
