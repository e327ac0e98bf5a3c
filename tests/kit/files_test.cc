#include "kit/files.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

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
}

TEST_F(FilesTest, ConcurrentWritersNeverLeaveHalfAFile) {
  const std::string path = dir_ + "/shared";
  const std::string a(1 << 20, 'a'), b(1 << 20, 'b');
  std::thread other([&] {
    for (int i = 0; i < 20; ++i) EXPECT_EQ(WriteFileAtomically(path, a), "");
  });
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(WriteFileAtomically(path, b), "");
    const std::optional<std::string> seen = ReadFile(path);
    ASSERT_TRUE(seen);
    EXPECT_TRUE(*seen == a || *seen == b) << "a torn file of " << seen->size() << " bytes";
  }
  other.join();
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1u) << "no temporary left behind";
}

TEST_F(FilesTest, ReadsWholeFilesOfAnySizeAndNothingElse) {
  std::string big((1 << 20) * 3 + 7, '\0');  // several reads' worth, not a multiple
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 131 % 251);
  ASSERT_EQ(WriteFileAtomically(dir_ + "/big", big), "");
  EXPECT_TRUE(ReadFile(dir_ + "/big") == big);
  ASSERT_EQ(WriteFileAtomically(dir_ + "/empty", ""), "");
  EXPECT_EQ(ReadFile(dir_ + "/empty"), "");
  // A file that says it is empty but is not (procfs): read to its end all the same.
  const std::optional<std::string> status = ReadFile("/proc/self/status");
  ASSERT_TRUE(status);
  EXPECT_NE(status->find("Pid:"), std::string::npos);
  EXPECT_EQ(ReadFile(dir_), std::nullopt) << "a directory is no file";
}

TEST_F(FilesTest, SaysWhatWentWrong) {
  EXPECT_EQ(ReadFile(dir_ + "/absent"), std::nullopt);
  const std::string error = WriteFileAtomically(dir_ + "/no/such/dir/f", "x");
  EXPECT_NE(error.find("cannot write " + dir_ + "/no/such/dir/f.gantry-tmp"), std::string::npos)
      << error;
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
