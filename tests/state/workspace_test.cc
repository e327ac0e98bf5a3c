#include "core/state/workspace.h"
#include "core/state/workspace_remover.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <chrono>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::state {
namespace {

namespace fs = std::filesystem;
using ::gantry::testing::ReadText;
using ::testing::HasSubstr;

constexpr char kWorkspaceRun[] = "0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b";
constexpr char kOtherRun[] = "9d1c5e2f-3a4b-4c6d-8e7f-0a1b2c3d4e5f";

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

struct stat Lstat(const fs::path& path) {
  struct stat st = {};
  EXPECT_EQ(lstat(path.c_str(), &st), 0) << path;
  return st;
}

void SetMtime(const fs::path& path, time_t seconds, long nanos = 0) {
  struct timespec times[2];
  times[0].tv_sec = seconds;
  times[0].tv_nsec = nanos;
  times[1].tv_sec = seconds;
  times[1].tv_nsec = nanos;
  ASSERT_EQ(utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW), 0) << path;
}

class WorkspaceTest : public ::testing::Test {
 protected:
  WorkspaceTest()
      : root_(tmp_.path()), source_(root_ / "src"), layout_(Layout::ForDeployment(root_)) {
    WriteFile(source_ / "main.tf", "resource {}\n");
    WriteFile(source_ / "deploy.sh", "#!/bin/sh\necho hi\n");
    chmod((source_ / "deploy.sh").c_str(), 0755);
    WriteFile(source_ / "secret.txt", "s3cret");
    chmod((source_ / "secret.txt").c_str(), 0640);
    WriteFile(source_ / "modules/net/vars.tf", "variable {}\n");
    fs::create_directories(source_ / "empty-dir");
    fs::create_symlink("main.tf", source_ / "link-to-main");
    fs::create_symlink("../nowhere/at/all", source_ / "modules/dangling");
    fs::create_directory_symlink("modules", source_ / "dir-link");
    WriteFile(source_ / ".git/HEAD", "ref: refs/heads/main\n");
    WriteFile(source_ / "modules/.git", "gitdir: ../../.git/modules/x\n");
    WriteFile(source_ / "modules/net/.gantry/state", "not to be copied");
    WriteFile(source_ / ".gitignore", "*.tfstate\n");
  }

  testing::TempDir tmp_;
  const fs::path root_;
  const fs::path source_;
  const Layout layout_;
};

TEST_F(WorkspaceTest, CopiesContentModesSymlinksAndTimes) {
  SetMtime(source_ / "deploy.sh", 1'000'000'000, 123'456'789);
  fs::permissions(source_ / "modules/net", fs::perms(0750));
  SetMtime(source_ / "modules/net", 1'100'000'000);
  SetMtime(source_ / "link-to-main", 1'200'000'000);

  CopyStats stats;
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "app", source_, &stats);
  ASSERT_TRUE(ws.ok()) << ws.status();
  EXPECT_EQ(*ws, layout_.WorkspaceDir(kWorkspaceRun, "app"));

  EXPECT_EQ(ReadText(*ws / "main.tf"), "resource {}\n");
  EXPECT_EQ(ReadText(*ws / "modules/net/vars.tf"), "variable {}\n");
  EXPECT_EQ(ReadText(*ws / ".gitignore"), "*.tfstate\n");
  EXPECT_TRUE(fs::is_directory(*ws / "empty-dir"));
  EXPECT_TRUE(fs::is_empty(*ws / "empty-dir"));

  EXPECT_EQ(Lstat(*ws / "deploy.sh").st_mode & 07777, 0755u);
  EXPECT_EQ(access((*ws / "deploy.sh").c_str(), X_OK), 0);
  EXPECT_EQ(Lstat(*ws / "secret.txt").st_mode & 07777, 0640u);
  EXPECT_EQ(Lstat(*ws / "modules/net").st_mode & 07777, 0750u);

  const struct stat script = Lstat(*ws / "deploy.sh");
  EXPECT_EQ(script.st_mtim.tv_sec, 1'000'000'000);
  EXPECT_EQ(script.st_mtim.tv_nsec, 123'456'789);
  EXPECT_EQ(Lstat(*ws / "modules/net").st_mtim.tv_sec, 1'100'000'000);
  EXPECT_EQ(Lstat(*ws / "link-to-main").st_mtim.tv_sec, 1'200'000'000);

  EXPECT_TRUE(fs::is_symlink(*ws / "link-to-main"));
  EXPECT_EQ(fs::read_symlink(*ws / "link-to-main"), "main.tf");
  EXPECT_TRUE(fs::is_symlink(*ws / "modules/dangling"));
  EXPECT_EQ(fs::read_symlink(*ws / "modules/dangling"), "../nowhere/at/all");
  EXPECT_TRUE(fs::is_symlink(*ws / "dir-link"));  // not followed into a second copy

  EXPECT_EQ(stats.files, 5u);  // main.tf deploy.sh secret.txt vars.tf .gitignore
  EXPECT_EQ(stats.symlinks, 3u);
  EXPECT_EQ(stats.directories, 3u);  // modules modules/net empty-dir
  EXPECT_EQ(stats.skipped, 3u);      // .git .gantry modules/.git
  EXPECT_LE(stats.reflinked, stats.files);
}

TEST_F(WorkspaceTest, SkipsGitAndGantryAnywhere) {
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "app", source_);
  ASSERT_TRUE(ws.ok()) << ws.status();
  EXPECT_FALSE(fs::exists(*ws / ".git"));
  EXPECT_FALSE(fs::exists(fs::symlink_status(*ws / "modules/.git")));
  EXPECT_FALSE(fs::exists(*ws / "modules/net/.gantry"));
  EXPECT_TRUE(fs::exists(*ws / "modules/net/vars.tf"));
}

TEST_F(WorkspaceTest, DeploymentRootAsSourceDoesNotCopyItsGantryDirectory) {
  WriteFile(root_ / "gantry.toml", "[components.x]\n");
  WriteFile(layout_.StateDir("dev", "x") / "terraform.tfstate", "{}");
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "x", root_);
  ASSERT_TRUE(ws.ok()) << ws.status();
  EXPECT_EQ(ReadText(*ws / "gantry.toml"), "[components.x]\n");
  EXPECT_EQ(ReadText(*ws / "src/main.tf"), "resource {}\n");
  EXPECT_FALSE(fs::exists(*ws / ".gantry"));
}

TEST_F(WorkspaceTest, WorkspaceInsideItsSourceIsNotCopiedIntoItself) {
  // A .gantry root not named .gantry, inside the source: the copier must still not
  // descend into the workspace it is filling.
  const Layout inside(source_ / "work");
  absl::StatusOr<fs::path> ws = CreateWorkspace(inside, kWorkspaceRun, "c", source_);
  ASSERT_TRUE(ws.ok()) << ws.status();
  EXPECT_EQ(ReadText(*ws / "main.tf"), "resource {}\n");
  EXPECT_FALSE(fs::exists(*ws / "work/workspaces" / kWorkspaceRun / "c"));
}

TEST_F(WorkspaceTest, TwoWorkspacesOfOneSourceShareNothing) {
  absl::StatusOr<fs::path> a = CreateWorkspace(layout_, kWorkspaceRun, "net/a", source_);
  absl::StatusOr<fs::path> b = CreateWorkspace(layout_, kWorkspaceRun, "net/b", source_);
  absl::StatusOr<fs::path> c = CreateWorkspace(layout_, kOtherRun, "net/a", source_);
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_NE(*a, *b);
  EXPECT_NE(*a, *c);

  // Distinct files (no hard links to each other or to the source).
  const struct stat src = Lstat(source_ / "main.tf");
  const struct stat in_a = Lstat(*a / "main.tf");
  const struct stat in_b = Lstat(*b / "main.tf");
  EXPECT_NE(src.st_ino, in_a.st_ino);
  EXPECT_NE(in_a.st_ino, in_b.st_ino);
  EXPECT_EQ(in_a.st_nlink, 1u);

  // In-place edits, new files and deletions in one reach neither the other nor the source.
  {
    std::fstream f(*a / "main.tf", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(0);
    f << "EDITED";
  }
  WriteFile(*a / "modules/net/new.tf", "new");
  fs::remove(*a / "secret.txt");
  fs::permissions(*a / "deploy.sh", fs::perms(0600));

  EXPECT_EQ(ReadText(*a / "main.tf"), "EDITEDce {}\n");
  for (const fs::path& other : {source_, *b, *c}) {
    EXPECT_EQ(ReadText(other / "main.tf"), "resource {}\n") << other;
    EXPECT_FALSE(fs::exists(other / "modules/net/new.tf")) << other;
    EXPECT_TRUE(fs::exists(other / "secret.txt")) << other;
    EXPECT_EQ(Lstat(other / "deploy.sh").st_mode & 0777, 0755u) << other;
  }
}

TEST_F(WorkspaceTest, LargeFilesArriveWhole) {
  std::string big(3 * 1024 * 1024 + 17, '\0');
  std::mt19937 rng(42);
  for (char& c : big) c = static_cast<char>(rng());
  WriteFile(source_ / "blob.bin", big);
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "app", source_);
  ASSERT_TRUE(ws.ok()) << ws.status();
  EXPECT_TRUE(ReadText(*ws / "blob.bin") == big);
}

// Between two file systems copy_file_range(2) and FICLONE refuse (EXDEV): every file is
// copied by the read/write loop, whose first read takes 4 KiB and the others 128 KiB.
TEST_F(WorkspaceTest, FilesFromAnotherFileSystemArriveWholeThroughReadAndWrite) {
  testing::TempDir other("/dev/shm");
  struct stat here = {};
  struct stat there = {};
  if (other.path().empty() || stat(root_.c_str(), &here) != 0 ||
      stat(other.path().c_str(), &there) != 0 || here.st_dev == there.st_dev) {
    GTEST_SKIP() << "needs /dev/shm, on another file system than " << root_;
  }
  const fs::path source = other.path();
  std::mt19937 rng(7);
  std::vector<std::pair<std::string, std::string>> files;
  uint64_t bytes = 0;
  for (size_t size : {0, 1, 4096, 4097, (128 << 10) + 4097, (300 << 10) + 7}) {
    std::string content(size, '\0');
    for (char& c : content) c = static_cast<char>(rng());
    files.emplace_back(absl::StrCat("f", size), content);
    WriteFile(source / files.back().first, content);
    bytes += size;
  }
  absl::StatusOr<CopyStats> stats = CopyTree(source, root_ / "copy");
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->files, files.size());
  EXPECT_EQ(stats->reflinked, 0u);
  EXPECT_EQ(stats->bytes, bytes);
  for (const auto& [name, content] : files)
    EXPECT_TRUE(ReadText(root_ / "copy" / name) == content) << name;
}

TEST_F(WorkspaceTest, NoSourceGivesAnEmptyWorkspace) {
  CopyStats stats;
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "nothing", fs::path(), &stats);
  ASSERT_TRUE(ws.ok()) << ws.status();
  EXPECT_TRUE(fs::is_directory(*ws));
  EXPECT_TRUE(fs::is_empty(*ws));
  EXPECT_EQ(stats.files, 0u);

  fs::create_directories(root_ / "empty");
  ws = CreateWorkspace(layout_, kWorkspaceRun, "empty", root_ / "empty");
  ASSERT_TRUE(ws.ok()) << ws.status();
  EXPECT_TRUE(fs::is_empty(*ws));
}

TEST_F(WorkspaceTest, MissingSourceIsAnErrorNotAnEmptyWorkspace) {
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "app", root_ / "typo");
  ASSERT_FALSE(ws.ok());
  EXPECT_EQ(ws.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(ws.status().message(), HasSubstr((root_ / "typo").string()));
  EXPECT_FALSE(fs::exists(layout_.WorkspaceDir(kWorkspaceRun, "app")));
}

TEST_F(WorkspaceTest, SourceThatIsAFileIsAnError) {
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "app", source_ / "main.tf");
  ASSERT_FALSE(ws.ok());
  EXPECT_EQ(ws.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ws.status().message(), HasSubstr("main.tf"));
}

TEST_F(WorkspaceTest, SymlinkedSourceRootIsFollowed) {
  fs::create_directory_symlink(source_, root_ / "src-link");
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "app", root_ / "src-link");
  ASSERT_TRUE(ws.ok()) << ws.status();
  EXPECT_FALSE(fs::is_symlink(*ws));
  EXPECT_EQ(ReadText(*ws / "main.tf"), "resource {}\n");
}

// A link out of the source would lead elsewhere from the workspace (a relative one: into
// .gantry) and let a tool write outside it (any one): followed instead. A file is copied,
// a directory linked by where it really is (by a relative link when back in the source),
// a link to nothing left out. Links that stay inside are kept as they are (above).
TEST_F(WorkspaceTest, LinksOutOfTheSourceAreFollowed) {
  WriteFile(root_ / "outside/precious", "original");
  WriteFile(root_ / "outside/shared/mod.tf", "module {}\n");
  fs::create_symlink(root_ / "outside/precious", source_ / "abs-file");
  fs::create_symlink("../outside/precious", source_ / "rel-file");
  fs::create_symlink("../../outside/precious", source_ / "modules/up-file");
  fs::create_directory_symlink("../outside/shared", source_ / "rel-dir");
  fs::create_directory_symlink(source_ / "modules", source_ / "modules/net/abs-into-source");
  fs::create_symlink("../outside/missing", source_ / "gone");

  CopyStats stats;
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "app", source_, &stats);
  ASSERT_TRUE(ws.ok()) << ws.status();

  for (const char* file : {"abs-file", "rel-file", "modules/up-file"}) {
    SCOPED_TRACE(file);
    EXPECT_FALSE(fs::is_symlink(*ws / file));
    EXPECT_EQ(ReadText(*ws / file), "original");
  }
  WriteFile(*ws / "abs-file", "written by a tool");
  EXPECT_EQ(ReadText(root_ / "outside/precious"), "original") << "the workspace is a copy";

  ASSERT_TRUE(fs::is_symlink(*ws / "rel-dir"));
  EXPECT_EQ(fs::read_symlink(*ws / "rel-dir"), fs::canonical(root_ / "outside/shared"));
  EXPECT_EQ(ReadText(*ws / "rel-dir/mod.tf"), "module {}\n");

  ASSERT_TRUE(fs::is_symlink(*ws / "modules/net/abs-into-source"));
  EXPECT_EQ(fs::read_symlink(*ws / "modules/net/abs-into-source"), "..")
      << "the copy's own modules/, not the source's";

  EXPECT_FALSE(fs::exists(fs::symlink_status(*ws / "gone")));
  EXPECT_EQ(stats.files, 5u + 3u);
  EXPECT_EQ(stats.symlinks, 3u + 2u);
  EXPECT_EQ(stats.skipped, 3u + 1u);
}

TEST_F(WorkspaceTest, ExistingWorkspaceIsNeverReused) {
  ASSERT_TRUE(CreateWorkspace(layout_, kWorkspaceRun, "app", source_).ok());
  absl::StatusOr<fs::path> again = CreateWorkspace(layout_, kWorkspaceRun, "app", source_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(again.status().message(), HasSubstr(layout_.WorkspaceDir(kWorkspaceRun, "app").string()));
}

TEST_F(WorkspaceTest, InvalidRunIdIsRefused) {
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, "../../etc", "app", source_);
  ASSERT_FALSE(ws.ok());
  EXPECT_EQ(ws.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(WorkspaceTest, UnreadableFileFailsNamingItAndLeavesNothing) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads any file";
  chmod((source_ / "secret.txt").c_str(), 0);
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "app", source_);
  ASSERT_FALSE(ws.ok());
  EXPECT_THAT(ws.status().message(), HasSubstr((source_ / "secret.txt").string()));
  EXPECT_FALSE(fs::exists(layout_.WorkspaceDir(kWorkspaceRun, "app")));
}

TEST_F(WorkspaceTest, SpecialFilesAreLeftOut) {
  ASSERT_EQ(mkfifo((source_ / "fifo").c_str(), 0600), 0);
  CopyStats stats;
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "app", source_, &stats);
  ASSERT_TRUE(ws.ok()) << ws.status();
  EXPECT_FALSE(fs::exists(fs::symlink_status(*ws / "fifo")));
  EXPECT_EQ(stats.skipped, 4u);
}

TEST_F(WorkspaceTest, ReadOnlySourceDirectoriesCopyAndRemove) {
  WriteFile(source_ / "frozen/file", "ice");
  chmod((source_ / "frozen/file").c_str(), 0444);
  chmod((source_ / "frozen").c_str(), 0555);
  chmod(source_.c_str(), 0555);
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "app", source_);
  chmod(source_.c_str(), 0755);
  ASSERT_TRUE(ws.ok()) << ws.status();
  EXPECT_EQ(ReadText(*ws / "frozen/file"), "ice");
  EXPECT_EQ(Lstat(*ws / "frozen").st_mode & 07777, 0555u);
  EXPECT_EQ(Lstat(*ws / "frozen/file").st_mode & 07777, 0444u);
  // The workspace root is the component's to work in, whatever the source root's mode.
  EXPECT_EQ(Lstat(*ws).st_mode & 07777, 0755u);
  ASSERT_TRUE(RemoveWorkspace(layout_, kWorkspaceRun, "app").ok());
  EXPECT_FALSE(fs::exists(*ws));
  chmod((source_ / "frozen").c_str(), 0755);
}

TEST_F(WorkspaceTest, RemoveHandlesReadOnlyDirectoriesAndPrunesEmptyParents) {
  absl::StatusOr<fs::path> a = CreateWorkspace(layout_, kWorkspaceRun, "net/a", source_);
  absl::StatusOr<fs::path> b = CreateWorkspace(layout_, kWorkspaceRun, "net/b", source_);
  ASSERT_TRUE(a.ok() && b.ok());
  fs::create_directories(*a / "ro/inner");
  WriteFile(*a / "ro/inner/file", "x");
  chmod((*a / "ro/inner/file").c_str(), 0444);
  chmod((*a / "ro/inner").c_str(), 0555);
  chmod((*a / "ro").c_str(), 0500);

  ASSERT_TRUE(RemoveWorkspace(layout_, kWorkspaceRun, "net/a").ok());
  EXPECT_FALSE(fs::exists(*a));
  EXPECT_TRUE(fs::exists(*b / "main.tf"));  // the sibling is untouched

  ASSERT_TRUE(RemoveWorkspace(layout_, kWorkspaceRun, "net/b").ok());
  EXPECT_FALSE(fs::exists(layout_.WorkspaceDir(kWorkspaceRun, "net")));
  // The run's directory stays for the run's other components, until the run ends.
  EXPECT_TRUE(fs::exists(layout_.RunWorkspacesDir(kWorkspaceRun)));
  ASSERT_TRUE(RemoveRunWorkspaces(layout_, kWorkspaceRun).ok());
  EXPECT_FALSE(fs::exists(layout_.RunWorkspacesDir(kWorkspaceRun)));
  EXPECT_TRUE(fs::exists(layout_.WorkspacesDir()));
  EXPECT_TRUE(fs::exists(source_ / "main.tf"));

  EXPECT_TRUE(RemoveWorkspace(layout_, kWorkspaceRun, "net/b").ok());  // already gone: fine
}

TEST_F(WorkspaceTest, RemoveKeepsTheRunDirectoryWhileOtherWorkspacesRemain) {
  ASSERT_TRUE(CreateWorkspace(layout_, kWorkspaceRun, "a", source_).ok());
  ASSERT_TRUE(CreateWorkspace(layout_, kWorkspaceRun, "b", source_).ok());
  ASSERT_TRUE(RemoveWorkspace(layout_, kWorkspaceRun, "a").ok());
  EXPECT_TRUE(fs::exists(layout_.WorkspaceDir(kWorkspaceRun, "b") / "main.tf"));
}

TEST_F(WorkspaceTest, RemoveTreeNeverFollowsSymlinks) {
  WriteFile(root_ / "outside/precious", "keep me");
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "app", source_);
  ASSERT_TRUE(ws.ok());
  fs::create_directory_symlink(root_ / "outside", *ws / "to-outside");
  fs::create_symlink(root_ / "outside/precious", *ws / "file-link");
  ASSERT_TRUE(RemoveWorkspace(layout_, kWorkspaceRun, "app").ok());
  EXPECT_EQ(ReadText(root_ / "outside/precious"), "keep me");

  // The tree root itself being a symlink: the link goes, the target stays.
  fs::create_directory_symlink(root_ / "outside", root_ / "root-link");
  ASSERT_TRUE(RemoveTree(root_ / "root-link").ok());
  EXPECT_FALSE(fs::exists(fs::symlink_status(root_ / "root-link")));
  EXPECT_EQ(ReadText(root_ / "outside/precious"), "keep me");
}

TEST_F(WorkspaceTest, RemoveTreeCountsBytesAndAcceptsAbsentPaths) {
  WriteFile(root_ / "t/a", std::string(1000, 'a'));
  WriteFile(root_ / "t/d/b", std::string(24, 'b'));
  absl::StatusOr<uint64_t> bytes = RemoveTree(root_ / "t");
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(*bytes, 1024u);
  EXPECT_FALSE(fs::exists(root_ / "t"));

  bytes = RemoveTree(root_ / "never/was");
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(*bytes, 0u);
}

TEST_F(WorkspaceTest, CopyTreeRefusesAnExistingDestination) {
  fs::create_directories(root_ / "dest");
  absl::StatusOr<CopyStats> stats = CopyTree(source_, root_ / "dest");
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(fs::is_empty(root_ / "dest"));
}

TEST_F(WorkspaceTest, ConcurrentCreateAndRemoveOfOneRun) {
  // Components of one run share parents (workspaces/<run>/grp) that removal prunes when
  // empty; creation racing with that pruning must always succeed.
  std::vector<std::thread> threads;
  std::vector<absl::Status> results(8);
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      const std::string component = absl::StrCat(t % 2 == 0 ? "grp/c" : "c", t);
      for (int i = 0; i < 150; ++i) {
        absl::StatusOr<fs::path> ws =
            CreateWorkspace(layout_, kWorkspaceRun, component, i % 2 == 0 ? source_ : fs::path());
        if (!ws.ok()) {
          results[t] = ws.status();
          return;
        }
        if (absl::Status s = RemoveWorkspace(layout_, kWorkspaceRun, component); !s.ok()) {
          results[t] = s;
          return;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const absl::Status& s : results) EXPECT_TRUE(s.ok()) << s;
  ASSERT_TRUE(RemoveRunWorkspaces(layout_, kWorkspaceRun).ok());
  EXPECT_FALSE(fs::exists(layout_.RunWorkspacesDir(kWorkspaceRun)));
}

TEST_F(WorkspaceTest, RemoveRunWorkspacesKeepsKeptWorkspaces) {
  absl::StatusOr<fs::path> kept = CreateWorkspace(layout_, kWorkspaceRun, "kept", source_);
  ASSERT_TRUE(kept.ok()) << kept.status();
  ASSERT_TRUE(RemoveRunWorkspaces(layout_, kWorkspaceRun).ok());
  EXPECT_TRUE(fs::exists(*kept / "main.tf"));
  ASSERT_TRUE(RemoveWorkspace(layout_, kWorkspaceRun, "kept").ok());
  ASSERT_TRUE(RemoveRunWorkspaces(layout_, kWorkspaceRun).ok());
  EXPECT_FALSE(fs::exists(layout_.RunWorkspacesDir(kWorkspaceRun)));
  EXPECT_TRUE(RemoveRunWorkspaces(layout_, kWorkspaceRun).ok());  // already gone
  EXPECT_FALSE(RemoveRunWorkspaces(layout_, "not-a-run").ok());
}

TEST_F(WorkspaceTest, TheRemoverRemovesEverythingQueuedBeforeDrainReturns) {
  std::vector<fs::path> made;
  {
    WorkspaceRemover remover(layout_, kWorkspaceRun);
    for (int i = 0; i < 20; ++i) {
      const std::string component = absl::StrCat(i % 2 == 0 ? "grp/c" : "c", i);
      absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, component, source_);
      ASSERT_TRUE(ws.ok()) << ws.status();
      made.push_back(*ws);
      remover.Remove(component);
    }
    EXPECT_TRUE(remover.Drain().empty());
    for (const fs::path& ws : made) EXPECT_FALSE(fs::exists(ws)) << ws;
    EXPECT_FALSE(fs::exists(layout_.WorkspaceDir(kWorkspaceRun, "grp")));

    absl::StatusOr<fs::path> last = CreateWorkspace(layout_, kWorkspaceRun, "last", source_);
    ASSERT_TRUE(last.ok()) << last.status();
    remover.Remove("last");
  }  // the destructor drains
  EXPECT_FALSE(fs::exists(layout_.WorkspaceDir(kWorkspaceRun, "last")));

  WorkspaceRemover bad(layout_, "not-a-run-id");
  bad.Remove("x");
  const std::vector<WorkspaceRemover::Failure> failures = bad.Drain();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].first, "x");
  EXPECT_THAT(failures[0].second.message(), HasSubstr("not-a-run-id"));
  EXPECT_TRUE(bad.Drain().empty()) << "reported once";
}

TEST_F(WorkspaceTest, AnEmptyWorkspaceIsRecycledAsASpareWithAFreshMode) {
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "grp/a", "");
  ASSERT_TRUE(ws.ok()) << ws.status();
  const mode_t fresh = Lstat(*ws).st_mode & 07777;
  const ino_t inode = Lstat(*ws).st_ino;
  ASSERT_EQ(chmod(ws->c_str(), 0500), 0);  // What a component might do to its directory.
  const fs::path spare = layout_.RunWorkspacesDir(kWorkspaceRun) / "@spare-1";
  absl::StatusOr<bool> kept = RecycleWorkspace(layout_, kWorkspaceRun, "grp/a", spare);
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_TRUE(*kept);
  EXPECT_FALSE(fs::exists(*ws));
  EXPECT_FALSE(fs::exists(layout_.WorkspaceDir(kWorkspaceRun, "grp"))) << "emptied parent pruned";
  EXPECT_EQ(Lstat(spare).st_ino, inode);
  EXPECT_EQ(Lstat(spare).st_mode & 07777, fresh);

  // The spare becomes the next workspace: same directory, filled from the source.
  absl::StatusOr<fs::path> next = CreateWorkspace(layout_, kWorkspaceRun, "b", source_, nullptr, &spare);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(Lstat(*next).st_ino, inode);
  EXPECT_EQ(ReadText(*next / "main.tf"), ReadText(source_ / "main.tf"));
  EXPECT_FALSE(fs::exists(spare));
}

TEST_F(WorkspaceTest, AWorkspaceWithFilesIsRemovedNotRecycled) {
  absl::StatusOr<fs::path> ws = CreateWorkspace(layout_, kWorkspaceRun, "a", source_);
  ASSERT_TRUE(ws.ok()) << ws.status();
  const fs::path spare = layout_.RunWorkspacesDir(kWorkspaceRun) / "@spare-1";
  absl::StatusOr<bool> kept = RecycleWorkspace(layout_, kWorkspaceRun, "a", spare);
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_FALSE(*kept);
  EXPECT_FALSE(fs::exists(*ws));
  EXPECT_FALSE(fs::exists(spare));
  kept = RecycleWorkspace(layout_, kWorkspaceRun, "a", spare);  // Gone already: nothing to do.
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_FALSE(*kept);
}

TEST_F(WorkspaceTest, ASpareIsNeverLostAndNeverReplacesAWorkspace) {
  ASSERT_TRUE(CreateWorkspace(layout_, kWorkspaceRun, "a", "").ok());
  ASSERT_TRUE(CreateWorkspace(layout_, kWorkspaceRun, "taken", source_).ok());
  const fs::path spare = layout_.RunWorkspacesDir(kWorkspaceRun) / "@spare-1";
  ASSERT_TRUE(RecycleWorkspace(layout_, kWorkspaceRun, "a", spare).ok());
  ASSERT_TRUE(fs::exists(spare));
  absl::StatusOr<fs::path> clash = CreateWorkspace(layout_, kWorkspaceRun, "taken", "", nullptr, &spare);
  EXPECT_TRUE(absl::IsAlreadyExists(clash.status())) << clash.status();
  EXPECT_FALSE(fs::exists(spare)) << "consumed either way";
  EXPECT_TRUE(fs::exists(layout_.WorkspaceDir(kWorkspaceRun, "taken") / "main.tf"));
  // A spare that vanished: the workspace is made afresh.
  absl::StatusOr<fs::path> fresh = CreateWorkspace(layout_, kWorkspaceRun, "n/b", "", nullptr, &spare);
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_TRUE(fs::is_directory(*fresh));
}

TEST_F(WorkspaceTest, TheRemoverHandsOutSparesAndRemovesTheRestAtDrain) {
  WorkspaceRemover remover(layout_, kWorkspaceRun);
  EXPECT_FALSE(remover.TakeSpare().has_value());
  for (int i = 0; i < 20; ++i) {
    const std::string component = absl::StrCat("c", i);
    ASSERT_TRUE(CreateWorkspace(layout_, kWorkspaceRun, component, "").ok());
    remover.Remove(component);
  }
  // Removals run after a gather window: wait for the first spare (bounded).
  std::optional<fs::path> spare;
  for (int i = 0; i < 500 && !spare; ++i) {
    spare = remover.TakeSpare();
    if (!spare) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(spare.has_value());
  EXPECT_EQ(spare->parent_path(), layout_.RunWorkspacesDir(kWorkspaceRun));
  EXPECT_EQ(spare->filename().string().front(), '@');
  absl::StatusOr<fs::path> reused = CreateWorkspace(layout_, kWorkspaceRun, "next", "", nullptr, &*spare);
  ASSERT_TRUE(reused.ok()) << reused.status();
  remover.Remove("next");
  EXPECT_TRUE(remover.Drain().empty());
  EXPECT_FALSE(remover.TakeSpare().has_value());
  ASSERT_TRUE(RemoveRunWorkspaces(layout_, kWorkspaceRun).ok());
  EXPECT_FALSE(fs::exists(layout_.RunWorkspacesDir(kWorkspaceRun))) << "no spare left behind";
}

}  // namespace
}  // namespace gantry::state
