// What gantry writes stays inside .gantry/ or the files named on the command line, and
// a record file never replaces a file it must not: driven as a user drives gantry.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::cli {
namespace {

namespace fs = std::filesystem;
using ::gantry::testing::ReadText;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr char kPathsDeployment[] = R"([components.a]
type = "custom"
shell = true
commands.apply = "echo a >> $ORDER"
)";

class PathsCliTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_.Write("gantry.toml", kPathsDeployment); }

  gantry::testing::CliResult Gantry(std::vector<std::string> args) {
    return gantry::testing::RunGantry(
        args, dir_.path(),
        {"GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=", "GITHUB_STEP_SUMMARY=",
         "ORDER=" + dir_ / "order.txt"});
  }

  /// How many runs .gantry/runs holds (0 when it does not exist).
  int Runs() {
    std::error_code ec;
    int n = 0;
    for (auto it = fs::directory_iterator(dir_ / ".gantry/runs", ec);
         !ec && it != fs::directory_iterator(); ++it)
      ++n;
    return n;
  }

  /// Expects `args` refused before anything ran: exit 2, `why` on stderr, no run made,
  /// and gantry.toml as it was.
  void ExpectRefusedBeforeTheRun(const std::vector<std::string>& args, const std::string& why) {
    const int runs = Runs();
    auto r = Gantry(args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr(why));
    EXPECT_EQ(Runs(), runs) << "a refused run must leave no run directory";
    EXPECT_FALSE(fs::exists(dir_ / "order.txt")) << "nothing may have run";
    EXPECT_EQ(ReadText(dir_ / "gantry.toml"), kPathsDeployment);
  }

  gantry::testing::TempDir dir_;
};

TEST_F(PathsCliTest, ValidateRefusesTargetNamesThatAreNotSafeDirectoryNames) {
  dir_.Write("gantry.toml", std::string(kPathsDeployment) + R"(
[targets."../../x"]
vars = { A = "1" }

[targets."/tmp/x"]

[components.b]
type = "custom"
commands.apply = ["true"]
targets."../y".vars = { B = "2" }
)");
  auto r = Gantry({"validate"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  const std::string file = dir_ / "gantry.toml";
  EXPECT_THAT(r.err,
              AllOf(HasSubstr(file + ":6:10: error: target name '../../x' must not contain '.' "
                                     "or '..' segments"),
                    HasSubstr(file + ":9:10: error: target name '/tmp/x' must not start with '/'"),
                    HasSubstr(file + ":14:9: error: target name '../y' must not contain")));
}

TEST_F(PathsCliTest, AHostileTargetFlagIsRefusedAndNothingIsWrittenOutside) {
  const std::string outside = dir_ / "outside";
  for (const std::string& target : {outside, std::string("../../outside"), std::string("a//b")}) {
    SCOPED_TRACE(target);
    ExpectRefusedBeforeTheRun({"apply", "-t", target}, "gantry: --target: target name '" + target);
    ExpectRefusedBeforeTheRun({"apply", "--target", target}, "a target name is letters, digits, '.', '_' and '-'");
    EXPECT_EQ(Gantry({"validate", "-t", target}).exit_code, 2);
  }
  EXPECT_FALSE(fs::exists(outside));
  EXPECT_FALSE(fs::exists(dir_ / ".gantry")) << "refused before anything was created";
}

TEST_F(PathsCliTest, ARecordFileNeverReplacesTheDeploymentFile) {
  for (const char* flag : {"--summary", "--events", "--trace"}) {
    SCOPED_TRACE(flag);
    ExpectRefusedBeforeTheRun({"apply", flag, "gantry.toml"},
                              std::string(flag) + ": 'gantry.toml' is the deployment file; it "
                                                  "would be replaced. Name another file");
    ExpectRefusedBeforeTheRun({"apply", flag, dir_ / "gantry.toml"},
                              "is the deployment file; it would be replaced");
  }
  // Nor through a symlink or a hard link to it.
  fs::create_symlink(dir_ / "gantry.toml", dir_ / "link.json");
  ExpectRefusedBeforeTheRun({"apply", "--summary", "link.json"},
                            "--summary: 'link.json' is the deployment file " + dir_ / "gantry.toml" +
                                " (through a link)");
  ASSERT_EQ(::link((dir_ / "gantry.toml").c_str(), (dir_ / "hard.jsonl").c_str()), 0);
  ExpectRefusedBeforeTheRun({"apply", "--events", "hard.jsonl"},
                            "--events: 'hard.jsonl' is the deployment file");
}

TEST_F(PathsCliTest, ARecordFileNeverReplacesAnIncludedFile) {
  const std::string part = "[components.b]\ntype = \"custom\"\ncommands.apply = [\"true\"]\n";
  dir_.Write("parts/b.toml", part);
  dir_.Write("gantry.toml", std::string("include = [\"parts/b.toml\"]\n") + kPathsDeployment);
  auto r = Gantry({"apply", "--trace", "parts/b.toml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--trace: 'parts/b.toml' is a file the deployment includes; it "
                               "would be replaced"));
  EXPECT_EQ(ReadText(dir_ / "parts/b.toml"), part);
  EXPECT_EQ(Runs(), 0);
}

TEST_F(PathsCliTest, AnExistingFileThatIsNotARecordOfTheSameKindIsRefused) {
  dir_.Write("notes.txt", "my notes\n");
  for (const char* flag : {"--summary", "--events", "--trace"}) {
    SCOPED_TRACE(flag);
    ExpectRefusedBeforeTheRun({"apply", flag, "notes.txt"},
                              std::string(flag) + ": 'notes.txt' exists and is not a gantry");
    EXPECT_EQ(ReadText(dir_ / "notes.txt"), "my notes\n");
  }
  // Each record of one kind, written by a first run, is not taken for another kind.
  auto first = Gantry({"apply", "--summary", "s.json", "--events", "e.jsonl", "--trace", "t.json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  fs::remove(dir_ / "order.txt");
  ExpectRefusedBeforeTheRun({"apply", "--summary", "e.jsonl"}, "is not a gantry summary");
  ExpectRefusedBeforeTheRun({"apply", "--events", "t.json"}, "is not a gantry events file");
  ExpectRefusedBeforeTheRun({"apply", "--trace", "s.json"}, "is not a gantry trace");
  // Two flags naming one file would overwrite each other.
  ExpectRefusedBeforeTheRun({"apply", "--summary", "new.json", "--trace", "./new.json"},
                            "--trace: './new.json' is also the file of --summary");
}

TEST_F(PathsCliTest, ARecordOfTheSameKindIsReplacedAsBefore) {
  dir_.Write("empty.json", "");
  for (int run = 0; run < 2; ++run) {
    auto r = Gantry({"apply", "--summary", "s.json", "--events", "e.jsonl", "--trace", "t.json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_EQ(ReadText(dir_ / "order.txt"), "a\na\n");
  auto r = Gantry({"apply", "--summary", "empty.json"});
  EXPECT_EQ(r.exit_code, 0) << "an empty file holds nothing to lose: " << r.err;
  EXPECT_THAT(ReadText(dir_ / "empty.json"), HasSubstr("\"run_id\""));
}

TEST_F(PathsCliTest, ABadRecordPathIsFoundBeforeTheRunExists) {
  ASSERT_EQ(Gantry({"apply"}).exit_code, 0);  // .gantry/runs now exists, with one run
  fs::remove(dir_ / "order.txt");
  ExpectRefusedBeforeTheRun({"apply", "--events", "/nonexistent/dir/e.jsonl"},
                            "--events: '/nonexistent/dir/e.jsonl' cannot be created: directory "
                            "'/nonexistent/dir' does not exist");
  ExpectRefusedBeforeTheRun({"apply", "--summary", "missing/s.json"},
                            "--summary: 'missing/s.json' cannot be created");
  dir_.Write("a-file", "x");
  ExpectRefusedBeforeTheRun({"apply", "--trace", "a-file/t.json"}, "--trace: 'a-file/t.json'");
  fs::create_directory(dir_ / "a-dir");
  ExpectRefusedBeforeTheRun({"apply", "--events", "a-dir"}, "--events: 'a-dir' is a directory");
  // .gantry/ is gantry's own: a past run's journal must not be emptied.
  ExpectRefusedBeforeTheRun({"apply", "--summary", ".gantry/s.json"}, "is inside");
  EXPECT_EQ(Runs(), 1);
}

TEST_F(PathsCliTest, AnUnwritableRecordDirectoryIsFoundBeforeTheRunExists) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes anywhere";
  fs::create_directory(dir_ / "locked");
  fs::permissions(dir_ / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  ExpectRefusedBeforeTheRun({"apply", "--events", "locked/e.jsonl"},
                            "--events: 'locked/e.jsonl' cannot be written");
  fs::permissions(dir_ / "locked", fs::perms::owner_all);
}

}  // namespace
}  // namespace gantry::cli
