#include "core/scaffold/directory_walk.h"

#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::scaffold {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(DirectoryWalkTest, ListsTheTreeDepthFirstInNameOrder) {
  testing::TempDir tree;
  tree.Write("b/x/f", "");
  tree.Write("a/f", "");
  tree.Write("b/f", "");
  const WalkResult walk = WalkDirectories(tree.path());
  EXPECT_THAT(walk.directories,
              ElementsAre(tree.path(), tree / "a", tree / "b", tree / "b/x"));
  EXPECT_FALSE(walk.truncated);
  EXPECT_THAT(walk.unreadable, IsEmpty());
}

TEST(DirectoryWalkTest, LeavesOutHiddenDirectoriesNodeModulesAndLinks) {
  testing::TempDir tree;
  tree.Write(".git/config", "");
  tree.Write(".gantry/runs/r", "");
  tree.Write("net/.terraform/modules/m.tf", "");
  tree.Write("web/node_modules/pkg/index.js", "");
  tree.Write("elsewhere/f", "");
  std::filesystem::create_directory_symlink(tree / "elsewhere", tree / "link");
  std::filesystem::create_directory_symlink(tree.path(), tree / "elsewhere/loop");
  EXPECT_THAT(WalkDirectories(tree.path()).directories,
              ElementsAre(tree.path(), tree / "elsewhere", tree / "net", tree / "web"));
}

TEST(DirectoryWalkTest, StopsAtItsLimitsAndSaysSo) {
  testing::TempDir tree;
  tree.Write("1/2/3/f", "");
  WalkResult walk = WalkDirectories(tree.path(), WalkLimits{.max_depth = 2});
  EXPECT_THAT(walk.directories, ElementsAre(tree.path(), tree / "1", tree / "1/2"));
  EXPECT_TRUE(walk.truncated);
  walk = WalkDirectories(tree.path(), WalkLimits{.max_directories = 2});
  EXPECT_THAT(walk.directories, ElementsAre(tree.path(), tree / "1"));
  EXPECT_TRUE(walk.truncated);
}

}  // namespace
}  // namespace gantry::scaffold
