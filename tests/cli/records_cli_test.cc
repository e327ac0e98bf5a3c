// What reaches the terminal and the disk when output is hostile or the disk is full.
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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
using ::testing::Not;

// The log of `component` in the only run under `dir`/.gantry/runs.
std::string OnlyRunLog(const std::string& dir, const std::string& component) {
  for (const auto& entry : fs::directory_iterator(dir + "/.gantry/runs"))
    return ReadText((entry.path() / "logs" / (component + ".log")).string());
  return "";
}

class RecordsCliTest : public ::testing::Test {
 protected:
  gantry::testing::CliResult Gantry(std::vector<std::string> args) {
    return gantry::testing::RunGantry(
        args, dir_.path(), {"GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=", "GITHUB_STEP_SUMMARY="});
  }
  gantry::testing::TempDir dir_;
};

TEST_F(RecordsCliTest, ControlSequencesReachTheLogButNotTheConsole) {
  dir_.Write("gantry.toml",
             "[components.evil]\ntype = \"custom\"\nshell = true\n"
             "commands.apply = \"printf '\\\\033[2Jcleared\\\\n\\\\033]52;c;Zm9v\\\\007"
             "fake\\\\rgantry: ok\\\\n'\"\n");
  for (const char* output : {"prefixed", "grouped"}) {
    const auto r = Gantry({"apply", "--output", output});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(r.out, Not(HasSubstr("\x1b"))) << output;
    EXPECT_THAT(r.out, Not(HasSubstr("\r"))) << output;
    EXPECT_THAT(r.out, HasSubstr("^[[2Jcleared\n")) << output;
    EXPECT_THAT(r.out, HasSubstr("^[]52;c;Zm9v^Gfake^Mgantry: ok\n")) << output;
  }
  const auto r = Gantry({"apply", "--output", "prefixed"});
  EXPECT_THAT(r.out, HasSubstr("[evil] ^[]52;c;Zm9v^Gfake^Mgantry: ok\n"));
  fs::remove_all(dir_ / ".gantry/runs");
  ASSERT_EQ(Gantry({"apply"}).exit_code, 0);
  EXPECT_EQ(OnlyRunLog(dir_.path(), "evil"),
            "\x1b[2Jcleared\n\x1b]52;c;Zm9v\x07" "fake\rgantry: ok\n");
}

// A 2 MiB tmpfs mounted on the deployment's .gantry: a disk that fills for real.
class FullDiskCliTest : public RecordsCliTest {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to mount a tmpfs (not root)";
    fs::create_directories(records_);
    if (::mount("tmpfs", records_.c_str(), "tmpfs", 0, "size=2m,mode=0755") != 0) {
      GTEST_SKIP() << "needs root to mount a tmpfs: mount: " << std::strerror(errno);
    }
    mounted_ = true;
  }
  void TearDown() override {
    if (mounted_) ::umount2(records_.c_str(), MNT_DETACH);
  }
  /// Fills what is left of the tmpfs but `spare` bytes with one file.
  void Fill(size_t spare = 0) {
    struct statvfs fs {};
    ASSERT_EQ(::statvfs(records_.c_str(), &fs), 0);
    const size_t free = static_cast<size_t>(fs.f_bavail) * fs.f_frsize;
    std::ofstream filler(records_ + "/filler", std::ios::binary);
    const std::string bytes(free > spare ? free - spare : 0, 'x');
    filler.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

  const std::string records_ = dir_ / ".gantry";
  bool mounted_ = false;
};

TEST_F(FullDiskCliTest, AFullDiskFailsTheRunLoudlyAndLeavesReadableRecords) {
  dir_.Write("gantry.toml",
             "[components.big]\ntype = \"custom\"\nshell = true\n"
             "commands.apply = \"yes " + std::string(99, 'x') + " | head -c 3000000\"\n"
             "[components.small]\ntype = \"custom\"\nshell = true\ndepends_on = [\"big\"]\n"
             "commands.apply = \"echo small ran\"\n");
  const auto r = Gantry({"apply"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("gantry: big: cannot write the log "),
                           HasSubstr("big.log: No space left on device; output from here on is "
                                     "not logged\n")));
  EXPECT_THAT(r.out, HasSubstr("not written (the run fails for it):"));

  // Room again: every record reads, and the run resumes.
  for (const auto& entry : fs::recursive_directory_iterator(records_ + "/runs")) {
    if (entry.path().filename() == "big.log") fs::remove(entry.path());
  }
  const auto list = Gantry({"runs", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, Not(HasSubstr("unreadable")));
  const auto show = Gantry({"runs", "show", "last"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  const auto resumed = Gantry({"apply", "--resume", "last"});
  EXPECT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err << "\nfirst run:\n" << r.err;
  EXPECT_EQ(Gantry({"runs", "list"}).exit_code, 0);
}

TEST_F(FullDiskCliTest, ARunThatCannotStartItsRecordsFailsAtOnceAndLeavesNothingBehind) {
  dir_.Write("gantry.toml",
             "[components.a]\ntype = \"custom\"\nshell = true\ncommands.apply = \"echo a\"\n");
  ASSERT_EQ(Gantry({"apply"}).exit_code, 0);  // One good run to list.
  Fill();
  const auto r = Gantry({"apply"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out + r.err, HasSubstr("No space left on device"));
  EXPECT_THAT(r.out, Not(HasSubstr("a ok")));
  const auto list = Gantry({"runs", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, Not(HasSubstr("unreadable")));
  EXPECT_THAT(list.out, HasSubstr("exit 0"));
  fs::remove(records_ + "/filler");
  EXPECT_EQ(Gantry({"apply", "--resume", "last"}).exit_code, 0);
}

TEST_F(FullDiskCliTest, AJournalThatCannotStartStopsTheRunBeforeAnythingRuns) {
  dir_.Write("gantry.toml", "[components.a]\ntype = \"custom\"\nshell = true\n"
                            "commands.apply = \"echo ran > " + dir_ / "ran" + "\"\n");
  ASSERT_EQ(Gantry({"apply"}).exit_code, 0);
  fs::remove(dir_ / "ran");
  Fill(4096);  // One page: the run's .live takes it, its journal finds none.
  const auto r = Gantry({"apply"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out + r.err, HasSubstr("No space left on device"));
  EXPECT_FALSE(fs::exists(dir_ / "ran"));
  size_t runs = 0;
  for (const auto& entry : fs::directory_iterator(records_ + "/runs")) runs += entry.is_directory();
  EXPECT_EQ(runs, 1u) << r.out << r.err;  // The failed run left nothing behind.
  const auto list = Gantry({"runs", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, Not(HasSubstr("unreadable")));
}

}  // namespace
}  // namespace gantry::cli
