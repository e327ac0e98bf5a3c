#include "kit/files.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "gtest/gtest.h"

namespace gantry::kit {
namespace {

namespace fs = std::filesystem;

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "kit-files-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_;
};

TEST_F(FilesTest, WritesAtomicallyWithTheModeAskedFor) {
  const std::string path = dir_ + "/vars.json";
  ASSERT_EQ(WriteFileAtomically(path, "{\"password\":\"x\"}", 0600), "");
  EXPECT_EQ(ReadFile(path), "{\"password\":\"x\"}");
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_FALSE(fs::exists(path + ".gantry-tmp"));
}

TEST_F(FilesTest, ReplacesAnOldFileAndALeftoverTemporary) {
  const std::string path = dir_ + "/f";
  ASSERT_EQ(WriteFileAtomically(path, "old"), "");
  ASSERT_EQ(WriteFileAtomically(path + ".gantry-tmp", "crashed half-way"), "");
  ASSERT_EQ(WriteFileAtomically(path, "new"), "");
  EXPECT_EQ(ReadFile(path), "new");
}

TEST_F(FilesTest, SaysWhatWentWrong) {
  EXPECT_EQ(ReadFile(dir_ + "/absent"), std::nullopt);
  const std::string error = WriteFileAtomically(dir_ + "/no/such/dir/f", "x");
  EXPECT_NE(error.find("cannot write " + dir_ + "/no/such/dir/f.gantry-tmp"), std::string::npos);
  EXPECT_EQ(MakeDirectories(dir_ + "/a/b/c"), "");
  EXPECT_TRUE(fs::is_directory(dir_ + "/a/b/c"));
}

TEST(FingerprintTest, ChangesWithTheBytesAndPrintsAsHex) {
  EXPECT_NE(Fnv1a("a"), Fnv1a("b"));
  EXPECT_EQ(Fnv1a("ab"), Fnv1a("b", Fnv1a("a")));
  EXPECT_EQ(Hex(0xabcULL), "0000000000000abc");
}

}  // namespace
}  // namespace gantry::kit
