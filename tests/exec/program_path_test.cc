#include "core/exec/program_path.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "core/exec/posix_process_runner.h"
#include "gtest/gtest.h"
#include "tests/exec/collecting_sink.h"
#include "tests/testing/temp_dir.h"

namespace gantry::exec {
namespace {

// Sets PATH for one test, and puts it back.
class ScopedPath {
 public:
  explicit ScopedPath(const std::string& path) {
    if (const char* old = getenv("PATH")) old_ = old;
    setenv("PATH", path.c_str(), 1);
  }
  ~ScopedPath() { setenv("PATH", old_.c_str(), 1); }

 private:
  std::string old_ = "/usr/bin:/bin";
};

std::string Script(const testing::TempDir& dir, const std::string& name, const std::string& says) {
  const std::string file = dir.Write(name, "#!/bin/sh\necho " + says + "\n");
  chmod(file.c_str(), 0755);
  return file;
}

TEST(FindProgramTest, TheFirstExecutableFileInPath) {
  testing::TempDir dir;
  dir.Write("first/tool", "not executable");
  std::filesystem::create_directories(dir / "second/tool");  // A directory: skipped.
  const std::string wanted = Script(dir, "third/tool", "third");
  ScopedPath path(dir / "first" + ":" + dir / "second" + ":" + dir / "third");
  EXPECT_EQ(FindProgram("tool"), wanted);
  EXPECT_EQ(FindProgram("no-such-tool-anywhere"), std::nullopt);
  EXPECT_EQ(FindProgram("third/tool"), std::nullopt) << "a path is not searched";
  EXPECT_EQ(FindProgram(""), std::nullopt);
}

TEST(FindProgramTest, ARelativePathEntryLeavesTheSearchToTheChild) {
  testing::TempDir dir;
  Script(dir, "bin/tool2", "x");
  ScopedPath path("bin:" + dir / "bin");
  EXPECT_EQ(FindProgram("tool2"), std::nullopt);
}

TEST(FindProgramTest, FoundOnceThenKeptUntilForgotten) {
  testing::TempDir dir;
  const std::string first = Script(dir, "b/tool3", "b");
  ScopedPath path(dir / "a" + ":" + dir / "b");
  EXPECT_EQ(FindProgram("tool3"), first);
  const std::string earlier = Script(dir, "a/tool3", "a");
  EXPECT_EQ(FindProgram("tool3"), first) << "kept";
  ForgetProgram("tool3");
  EXPECT_EQ(FindProgram("tool3"), earlier);
}

// The runner runs what it found before; when that file goes, it searches PATH again.
TEST(FindProgramTest, ARunnerFallsBackWhenTheFoundFileIsGone) {
  testing::TempDir dir;
  const std::string old_file = Script(dir, "a/tool4", "from-a");
  Script(dir, "b/tool4", "from-b");
  ScopedPath path(dir / "a" + ":" + dir / "b");
  PosixProcessRunner runner;
  CancelToken cancel;
  ProcessSpec spec;
  spec.argv = {"tool4"};
  CollectingSink first;
  auto exit = runner.Run(spec, first, cancel);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(first.out, "from-a\n");
  std::filesystem::remove(old_file);
  CollectingSink second;
  exit = runner.Run(spec, second, cancel);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(second.out, "from-b\n");
}

}  // namespace
}  // namespace gantry::exec
