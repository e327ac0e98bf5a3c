// A base for tests that drive a tool-driving plugin (terraform, packer, ansible) through
// the SDK's FakeHost against a stand-in script for the tool: a project whose sources are
// under src/, a state and a cache directory, a fresh workspace copy of src/ for each run
// (as the host makes one), and the commands the stand-in logged to calls.log.
#ifndef GANTRY_TESTS_TESTING_TOOL_PLUGIN_TEST_H_
#define GANTRY_TESTS_TESTING_TOOL_PLUGIN_TEST_H_

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "gantry/testing/fake_host.hpp"
#include "gtest/gtest.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::testing {

/// `text` split at its newlines.
inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class ToolPluginTest : public ::testing::Test {
 protected:
  /// `plugin`: the built module; `name` and `type`: the component every run acts on.
  ToolPluginTest(const std::string& plugin, std::string name, std::string type)
      : host_(FakeHost::Load(plugin)), name_(std::move(name)), type_(std::move(type)) {
    std::filesystem::create_directories(dir_ / "state");
    std::filesystem::create_directories(dir_ / "cache");
  }

  /// Where the stand-in tool logs each command line it was given, one per line.
  std::string Log() const { return dir_ / "calls.log"; }
  /// The command lines the stand-in logged since the last Run.
  std::vector<std::string> Calls() const { return Lines(ReadText(Log())); }

  /// The component, with a workspace of its own copied from src/.
  FakeComponent Component(const std::string& settings, const std::string& target = "default") {
    const std::string work = dir_ / ("work" + std::to_string(++runs_));
    std::filesystem::copy(dir_ / "src", work, std::filesystem::copy_options::recursive);
    return FakeComponent(name_, type_)
        .WithTarget(target)
        .WithSourceDir(dir_ / "src")
        .WithWorkDir(work)
        .WithStateDir(dir_ / "state")
        .WithProjectDir(dir_.path())
        .WithCacheDir(dir_ / "cache")
        .WithSettings(settings);
  }

  /// `operation` on a fresh Component, with the log emptied first.
  CallRecord Run(const std::string& operation, const std::string& settings,
                 const std::string& target = "default") {
    std::filesystem::remove(Log());
    return host_.Execute(Component(settings, target), operation);
  }

  TempDir dir_;  // the project
  FakeHost host_;

 private:
  std::string name_, type_;
  int runs_ = 0;
};

}  // namespace gantry::testing

#endif  // GANTRY_TESTS_TESTING_TOOL_PLUGIN_TEST_H_
