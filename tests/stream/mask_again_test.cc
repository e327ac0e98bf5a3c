#include "core/stream/mask_again.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::stream {
namespace {

using ::gantry::testing::ReadText;

TEST(MaskFileAgainTest, MasksAndAppendsTheNoteOnlyWhenSomethingMatched) {
  gantry::testing::TempDir dir;
  const std::string log = dir.Write("c.log", "key=tok-42\nother\n");
  EXPECT_EQ(*MaskFileAgain(log, SecretMasker({"nothing"}), "note\n"), false);
  EXPECT_EQ(ReadText(log), "key=tok-42\nother\n");
  EXPECT_EQ(*MaskFileAgain(log, SecretMasker(), "note\n"), false);
  EXPECT_EQ(*MaskFileAgain(log, SecretMasker({"tok-42"}), "note\n"), true);
  EXPECT_EQ(ReadText(log), "key=***\nother\nnote\n");
  struct stat info {};
  ASSERT_EQ(stat(log.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0644u);
}

TEST(MaskFileAgainTest, AMissingLogHasNothingToMask) {
  gantry::testing::TempDir dir;
  // Logs are created by the first output: a component that printed nothing has none.
  absl::StatusOr<bool> missing = MaskFileAgain(dir / "none.log", SecretMasker({"x-secret"}), "");
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_FALSE(*missing);
}

}  // namespace
}  // namespace gantry::stream
