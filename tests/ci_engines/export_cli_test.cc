// `gantry export` as a user runs it: only what changed since a git revision (producers
// whose outputs are read pulled in), nothing changed, and -o never replacing a file
// gantry did not write.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/git_repo.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry {
namespace {

namespace fs = std::filesystem;
using ::gantry::testing::CliResult;
using ::gantry::testing::ReadText;
using ::testing::HasSubstr;
using ::testing::Not;

// net (its own source) <- app reads net's outputs; docs stands alone.
constexpr char kExportProject[] = R"([components.net]
type = "custom"
source = "net"
commands.apply = ["sh", "-c", "echo id=n-1 >> \"$GANTRY_OUTPUT\""]
[components.app]
type = "custom"
source = "app"
vars = { NET = "${net.id}" }
commands.apply = ["true"]
[components.docs]
type = "custom"
source = "docs"
commands.apply = ["true"]
)";

class ExportCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "gantry.toml") << kExportProject;
    for (const char* source : {"net", "app", "docs"}) {
      fs::create_directories(dir_ / source);
      std::ofstream(dir_ / source + "/main.sh") << "true\n";
    }
    Commit();
  }
  void Commit() { ASSERT_NO_FATAL_FAILURE(gantry::testing::CommitAll(dir_.path())); }
  CliResult Gantry(std::vector<std::string> args) {
    return gantry::testing::RunGantry(args, dir_.path(), {"GANTRY_MAX_CONCURRENCY="});
  }
  gantry::testing::TempDir dir_;
};

TEST_F(ExportCliTest, OnlyWhatChangedAndTheProducersItReads) {
  std::ofstream(dir_ / "app/main.sh", std::ios::app) << "echo changed\n";
  CliResult r = Gantry({"export", "gitlab", "--changed-since", "HEAD"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"apply app\":"));
  EXPECT_THAT(r.out, HasSubstr("\"apply net\":")) << "app reads net's outputs";
  EXPECT_THAT(r.out, Not(HasSubstr("\"apply docs\":")));
  EXPECT_THAT(r.err, HasSubstr("net is in the pipeline because a selected component reads "
                               "its outputs"));

  Commit();
  std::ofstream(dir_ / "net/main.sh", std::ios::app) << "echo changed\n";
  r = Gantry({"export", "github", "--changed-since", "HEAD"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("  apply_net:\n"));
  EXPECT_THAT(r.out, HasSubstr("  apply_app:\n")) << "a dependent of what changed";
  EXPECT_THAT(r.out, Not(HasSubstr("apply_docs")));
}

TEST_F(ExportCliTest, NothingChangedIsAPipelineWhoseOneJobSaysSo) {
  CliResult r = Gantry({"export", "gitlab", "--changed-since", "HEAD", "-o", ".gitlab-ci.yml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("nothing changed since HEAD"));
  const std::string yaml = ReadText(dir_ / ".gitlab-ci.yml");
  EXPECT_THAT(yaml, HasSubstr("\"nothing to apply\":\n  stage: gantry\n  script:\n"
                              "    - \"echo 'nothing changed since HEAD'\"\n"));
  r = Gantry({"export", "gitlab", "--changed-since", "no-such-revision"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no-such-revision"));
}

TEST_F(ExportCliTest, OutputFileReplacesOnlyAnEarlierExport) {
  std::ofstream(dir_ / ".gitlab-ci.yml") << "build:\n  script: [make]\n";
  CliResult r = Gantry({"export", "gitlab", "-o", ".gitlab-ci.yml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("the file exists and was not written by gantry export"));
  EXPECT_EQ(ReadText(dir_ / ".gitlab-ci.yml"), "build:\n  script: [make]\n");
  fs::remove(dir_ / ".gitlab-ci.yml");
  ASSERT_EQ(Gantry({"export", "gitlab", "-o", ".gitlab-ci.yml"}).exit_code, 0);
  r = Gantry({"export", "gitlab", "docs", "-o", ".gitlab-ci.yml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(ReadText(dir_ / ".gitlab-ci.yml"), Not(HasSubstr("\"apply net\"")));
}

}  // namespace
}  // namespace gantry
