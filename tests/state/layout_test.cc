#include "core/state/layout.h"
#include "core/state/made_dirs.h"

#include <sys/stat.h>

#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::state {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr char kRun[] = "0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b";

TEST(LayoutTest, PathsFollowTheDesign) {
  const Layout layout = Layout::ForDeployment("/deploy");
  const fs::path g = "/deploy/.gantry";
  EXPECT_EQ(layout.root(), g);
  EXPECT_EQ(layout.RunDir(kRun), g / "runs" / kRun);
  EXPECT_EQ(layout.LogPath(kRun, "network/vpc"), g / "runs" / kRun / "logs/network/vpc.log");
  EXPECT_EQ(layout.JournalPath(kRun), g / "runs" / kRun / "journal.jsonl");
  EXPECT_EQ(layout.SummaryPath(kRun), g / "runs" / kRun / "summary.json");
  EXPECT_EQ(layout.LivePath(kRun), g / "runs" / kRun / ".live");
  EXPECT_EQ(layout.RunWorkspacesDir(kRun), g / "workspaces" / kRun);
  EXPECT_EQ(layout.WorkspaceDir(kRun, "network/vpc"), g / "workspaces" / kRun / "network/vpc");
  EXPECT_EQ(layout.StateDir("dev", "network/vpc"), g / "state/dev/network/vpc");
  EXPECT_EQ(layout.DurationsPath("dev"), g / "durations/dev.json");
  EXPECT_EQ(layout.OutputsPath("dev", "network/vpc"),
            g / "state/dev/network/vpc/.gantry-outputs.json");
  EXPECT_EQ(layout.TargetLockPath("dev"), g / "locks/dev.lock");
  EXPECT_EQ(layout.CacheDir("terraform"), g / "cache/terraform");
}

TEST(LayoutTest, LocksAndOutputsNeverLandInAWorkspace) {
  const Layout layout(fs::path("/x/.gantry"));
  const fs::path workspaces = layout.WorkspacesDir();
  for (const fs::path& p : {layout.StateDir("t", "c"), layout.OutputsPath("t", "c"),
                            layout.TargetLockPath("t"), layout.LivePath(kRun)}) {
    EXPECT_NE(p.string().rfind(workspaces.string(), 0), 0u) << p;
  }
}

// True when `path`, taken lexically, is `root` or below it.
bool IsInside(const fs::path& path, const fs::path& root) {
  const fs::path normal = path.lexically_normal();
  const fs::path relative = normal.lexically_relative(root);
  return !relative.empty() && *relative.begin() != ".." && normal.is_absolute();
}

TEST(LayoutTest, HostileNamesNeverLeaveTheRoot) {
  const fs::path root = "/deploy/.gantry";
  const Layout layout(root);
  const std::string hostile[] = {"../../../../tmp/x", "/tmp/x", "..", ".", "", "a/../../b",
                                 "a//b", "a/", "/", "../", "x/..", std::string("a\0b", 3),
                                 "%2E%2E", "\\..\\x", "a/./b", "~/x"};
  for (const std::string& name : hostile) {
    for (const fs::path& p :
         {layout.RunDir(name), layout.LogPath(name, name), layout.JournalPath(name),
          layout.SummaryPath(name), layout.LivePath(name), layout.RunWorkspacesDir(name),
          layout.WorkspaceDir(name, name), layout.StateDir(name, name),
          layout.OutputsPath(name, name), layout.TargetLockPath(name),
          layout.DurationsPath(name), layout.CacheDir(name)}) {
      EXPECT_TRUE(IsInside(p, root)) << "name '" << name << "' gave " << p;
      for (const fs::path& part : p) {
        EXPECT_NE(part, "..") << p;
        EXPECT_NE(part, ".") << p;
      }
    }
    // Each name is one directory below its parent, not the parent itself.
    EXPECT_NE(layout.StateDir(name, "c").lexically_normal(), layout.StateRootDir()) << name;
    EXPECT_NE(layout.RunDir(name).lexically_normal(), layout.RunsDir()) << name;
  }
}

TEST(LayoutTest, ContainedNameKeepsValidNamesAndSeparatesOthers) {
  for (const char* valid : {"network/vpc", "a.b-c_d", "x", "0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b",
                            "a..b", ".hidden"}) {
    EXPECT_EQ(ContainedName(valid), valid);
  }
  EXPECT_EQ(ContainedName("../x"), "%2E%2E/x");
  EXPECT_EQ(ContainedName("/tmp/x"), "%/tmp/x");
  EXPECT_EQ(ContainedName("a b"), "a%20b");
  // Distinct names stay distinct: no two hostile names share a directory.
  EXPECT_NE(ContainedName("%2E%2E"), ContainedName(".."));
  EXPECT_NE(ContainedName("%"), ContainedName(""));
  EXPECT_NE(ContainedName("a/"), ContainedName("a/%"));
}

TEST(LayoutTest, EnsureDirCreatesParentsAndAcceptsExisting) {
  testing::TempDir tmp;
  const fs::path dir = fs::path(tmp.path()) / "a/b/c";
  ASSERT_TRUE(EnsureDir(dir).ok());
  EXPECT_TRUE(fs::is_directory(dir));
  EXPECT_TRUE(EnsureDir(dir).ok());
  fs::create_directory_symlink(dir, fs::path(tmp.path()) / "link");
  EXPECT_TRUE(EnsureDir(fs::path(tmp.path()) / "link").ok());
}

TEST(LayoutTest, EnsureDirAppliesMode) {
  testing::TempDir tmp;
  const fs::path dir = fs::path(tmp.path()) / "private/deeper";
  ASSERT_TRUE(EnsureDir(dir, 0700).ok());
  struct stat st;
  ASSERT_EQ(stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u);
}

TEST(LayoutTest, EnsureDirNamesTheFileInTheWay) {
  testing::TempDir tmp;
  tmp.Write("file", "x");
  absl::Status s = EnsureDir(fs::path(tmp.path()) / "file");
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(tmp / "file"));
  s = EnsureDir(fs::path(tmp.path()) / "file/below");
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("file"));
}

mode_t ModeOf(const fs::path& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? st.st_mode & 07777 : 0;
}

TEST(LayoutTest, EnsurePrivateDirMakesOnlyTheLastDirectoryPrivate) {
  testing::TempDir tmp;
  const fs::path dir = fs::path(tmp.path()) / "state/default/app";
  ASSERT_TRUE(EnsurePrivateDir(dir).ok());
  EXPECT_EQ(ModeOf(dir), 0700u);
  EXPECT_NE(ModeOf(dir.parent_path()) & 0055, 0u) << "parents are made as usual";
  ASSERT_TRUE(EnsurePrivateDir(dir).ok());
  EXPECT_EQ(ModeOf(dir), 0700u);
}

TEST(LayoutTest, EnsurePrivateDirClosesAnOpenOne) {
  testing::TempDir tmp;
  const fs::path dir = fs::path(tmp.path()) / "made-before";
  ASSERT_TRUE(EnsureDir(dir, 0755).ok());
  ASSERT_EQ(chmod(dir.c_str(), 0755), 0);
  ASSERT_TRUE(EnsurePrivateDir(dir).ok());
  EXPECT_EQ(ModeOf(dir), 0700u);
}

TEST(LayoutTest, EnsurePrivateDirNamesTheFileInTheWay) {
  testing::TempDir tmp;
  tmp.Write("file", "x");
  const absl::Status s = EnsurePrivateDir(fs::path(tmp.path()) / "file");
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(tmp / "file"));
}

TEST(MadeDirsTest, MakesADirectoryOnceAndRetriesAFailure) {
  testing::TempDir tmp;
  MadeDirs dirs;
  const std::string dir = tmp / "cache/custom";
  ASSERT_TRUE(dirs.Ensure(dir).ok());
  EXPECT_TRUE(fs::is_directory(dir));
  // Once made, not looked at again in the run: a second call makes no system call.
  fs::remove(dir);
  EXPECT_TRUE(dirs.Ensure(dir).ok());
  EXPECT_FALSE(fs::exists(dir));
  // A failure is not remembered.
  tmp.Write("blocked", "x");
  const std::string blocked = tmp / "blocked/dir";
  EXPECT_FALSE(dirs.Ensure(blocked).ok());
  fs::remove(tmp / "blocked");
  EXPECT_TRUE(dirs.Ensure(blocked).ok());
  EXPECT_TRUE(fs::is_directory(blocked));
}

TEST(LayoutTest, NestedComponentNamesAreRefused) {
  EXPECT_TRUE(CheckNoNestedComponentNames({}).ok());
  EXPECT_TRUE(CheckNoNestedComponentNames({"a", "ab", "a-b", "a.b", "b/c", "b/d", "a"}).ok());
  absl::Status s = CheckNoNestedComponentNames({"z", "network/vpc", "network", "app"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("'network' and 'network/vpc'"));
  EXPECT_FALSE(CheckNoNestedComponentNames({"a/b/c", "a-x", "a/b"}).ok());
  EXPECT_FALSE(CheckNoNestedComponentNames({"a", "a-x", "a/b/c"}).ok());
}

}  // namespace
}  // namespace gantry::state
