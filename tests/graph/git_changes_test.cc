// ChangedSince and FileAtRevision against a real git repository made for the test.
#include "core/graph/git_changes.h"

#include <cstdlib>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::graph {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class GitChangesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Sh("git init -q . && git config user.email t@example.com && git config user.name t && "
       "mkdir -p a b && echo 1 > a/one && echo 2 > b/two && echo 3 > moved && "
       "echo ignored.txt > .gitignore && git add -A && git commit -qm first");
  }
  void Sh(const std::string& script) {
    const std::string command = "cd '" + repo_.path() + "' && (" + script + ") >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << script;
  }
  std::vector<std::string> Relative(const GitChanges& changes) {
    std::vector<std::string> out;
    for (const std::string& file : changes.files) {
      EXPECT_EQ(file.rfind(repo_.path() + "/", 0), 0u) << file;
      out.push_back(file.substr(repo_.path().size() + 1));
    }
    return out;
  }
  gantry::testing::TempDir repo_;
};

TEST_F(GitChangesTest, TrackedUntrackedAndRenamedFilesButNotIgnoredOnes) {
  Sh("echo changed >> a/one && git mv moved renamed && echo new > b/new && "
     "echo x > ignored.txt && git rm -q b/two");
  absl::StatusOr<GitChanges> changes = ChangedSince(repo_ / "a", "HEAD");
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_EQ(changes->top_dir, repo_.path());
  EXPECT_THAT(Relative(*changes), ElementsAre("a/one", "b/new", "b/two", "moved", "renamed"));
}

TEST_F(GitChangesTest, CommittedChangesSinceAnOlderRevision) {
  Sh("echo again >> b/two && git commit -qam second");
  absl::StatusOr<GitChanges> since_first = ChangedSince(repo_.path(), "HEAD~1");
  ASSERT_TRUE(since_first.ok()) << since_first.status();
  EXPECT_THAT(Relative(*since_first), ElementsAre("b/two"));
  absl::StatusOr<GitChanges> since_head = ChangedSince(repo_.path(), "HEAD");
  ASSERT_TRUE(since_head.ok()) << since_head.status();
  EXPECT_THAT(Relative(*since_head), ElementsAre());
}

TEST_F(GitChangesTest, AnUnknownRevisionIsAnErrorNamingIt) {
  absl::StatusOr<GitChanges> changes = ChangedSince(repo_.path(), "no-such-branch");
  ASSERT_FALSE(changes.ok());
  EXPECT_EQ(changes.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(changes.status().message(), HasSubstr("git knows no revision 'no-such-branch'"));
  EXPECT_THAT(ChangedSince(repo_.path(), "--output=/tmp/x").status().message(),
              HasSubstr("'--output=/tmp/x' is no revision"));
}

TEST(GitChangesOutsideTest, NotARepositoryIsAnErrorNamingTheDirectory) {
  gantry::testing::TempDir plain;
  absl::StatusOr<GitChanges> changes = ChangedSince(plain.path(), "HEAD");
  ASSERT_FALSE(changes.ok());
  EXPECT_THAT(changes.status().message(),
              HasSubstr("'" + plain.path() + "' is not in a git repository"));
  EXPECT_THAT(changes.status().message(), HasSubstr("run this in a git checkout"));
}

TEST_F(GitChangesTest, AFileAsItWasAtARevision) {
  Sh("echo changed > a/one");
  absl::StatusOr<std::string> text = FileAtRevision(repo_.path(), "HEAD", repo_ / "a/one");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "1\n");
  EXPECT_EQ(FileAtRevision(repo_.path(), "HEAD", repo_ / "a/none").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(FileAtRevision(repo_.path(), "HEAD", "/elsewhere/x").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace gantry::graph
