// docs/getting-started.md, run as written: its ```sh blocks in order, in one shell, in an
// empty directory, with the built gantry first on PATH. Each ```text block after a
// command must appear in what that command printed, and the page must stay ten commands.
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr char kGuide[] = GANTRY_SOURCE_DIR "/docs/getting-started.md";

struct Block {
  std::string commands;  // a ```sh block
  std::string expected;  // the ```text block after it, before the next command; may be ""
};

std::vector<Block> Blocks(const std::string& page) {
  std::vector<Block> blocks;
  const std::regex fence("```(sh|text)\n([\\s\\S]*?)```");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), fence);
       it != std::sregex_iterator(); ++it) {
    if ((*it)[1] == "sh") {
      blocks.push_back({(*it)[2], ""});
    } else if (!blocks.empty()) {
      blocks.back().expected += (*it)[2];
    }
  }
  return blocks;
}

// Commands as a person counts them: a heredoc's body and blank lines are not commands.
int CountCommands(const std::vector<Block>& blocks) {
  int commands = 0;
  for (const Block& block : blocks) {
    std::string terminator;
    std::istringstream lines(block.commands);
    for (std::string line; std::getline(lines, line);) {
      if (!terminator.empty()) {
        if (line == terminator) terminator.clear();
        continue;
      }
      if (line.empty() || line[0] == '#') continue;
      ++commands;
      std::smatch heredoc;
      if (std::regex_search(line, heredoc, std::regex("<<'?([A-Z]+)'?"))) terminator = heredoc[1];
    }
  }
  return commands;
}

TEST(GettingStartedTest, TheGuideIsTenCommandsThatDoWhatItSays) {
  if (std::system("terraform version >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "terraform is not on PATH (this project's machines have terraform 1.11 at "
                    "/usr/local/bin); the getting-started guide drives it";
  const std::vector<Block> blocks = Blocks(gantry::testing::ReadText(kGuide));
  ASSERT_EQ(CountCommands(blocks), 10) << "the guide promises ten commands";

  gantry::testing::TempDir dir, outputs;
  std::string script = "set -euo pipefail\n";
  for (size_t i = 0; i < blocks.size(); ++i)
    script += "{\n" + blocks[i].commands + "} > '" + outputs / std::to_string(i) + "' 2>&1\n";
  const std::string script_path = outputs.Write("guide.sh", script);
  const std::string bin_dir = fs::path(GANTRY_BINARY).parent_path().string();
  gantry::testing::CliResult run;
  {
    // RunGantry runs the binary; the guide runs a shell: put gantry first on PATH.
    exec::ProcessSpec spec;
    spec.argv = {"/bin/bash", script_path};
    spec.cwd = dir.path();
    spec.env_overrides = {"PATH=" + bin_dir + ":" + std::getenv("PATH"),
                          "TF_CLI_CONFIG_FILE=" + (dir / "missing.tfrc"), "NO_COLOR=1",
                          "GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=", "GITHUB_STEP_SUMMARY="};
    spec.timeout = absl::Seconds(240);
    struct Sink : exec::OutputSink {
      std::string text;
      void OnOutput(int, std::string_view chunk) override { text.append(chunk); }
    } sink;
    exec::PosixProcessRunner runner;
    exec::CancelToken cancel;
    absl::StatusOr<exec::ProcessExit> exit = runner.Run(spec, sink, cancel);
    ASSERT_TRUE(exit.ok()) << exit.status();
    run.exit_code = exit->exit_code;
    run.err = sink.text;
  }
  std::string failed_output;
  for (size_t i = 0; i < blocks.size(); ++i)
    if (fs::exists(outputs / std::to_string(i)))
      failed_output = gantry::testing::ReadText(outputs / std::to_string(i));
  ASSERT_EQ(run.exit_code, 0) << run.err << "\nlast command's output:\n" << failed_output;

  const std::string demo = dir / "demo";
  for (size_t i = 0; i < blocks.size(); ++i) {
    std::string expected = std::regex_replace(blocks[i].expected, std::regex("/home/you/demo"), demo);
    const std::string printed = gantry::testing::ReadText(outputs / std::to_string(i));
    EXPECT_THAT(printed, HasSubstr(expected)) << "after:\n" << blocks[i].commands;
  }
  const std::string report = gantry::testing::ReadText(dir / "demo/report.html");
  EXPECT_THAT(report, HasSubstr("data-component=\"app\""));
  EXPECT_THAT(report, HasSubstr("data-component=\"network\""));
}

}  // namespace
}  // namespace gantry
