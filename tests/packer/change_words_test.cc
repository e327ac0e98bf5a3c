// What a packer component's changes are called: images to build, images built.
#include "packer/change_words.h"

#include "gtest/gtest.h"

namespace gantry::packer {
namespace {

TEST(ChangeWordsTest, APlanCountsImagesToBuild) {
  EXPECT_EQ(ToBuildWords(1), "1 image to build");
  EXPECT_EQ(ToBuildWords(3), "3 images to build");
}

TEST(ChangeWordsTest, AnApplyCountsImagesBuilt) {
  EXPECT_EQ(BuiltWords(1), "1 image built");
  EXPECT_EQ(BuiltWords(2), "2 images built");
}

TEST(ChangeWordsTest, NoneOrAnUnknownCountLeavesTheWordsToTheHost) {
  // The host says "no changes" for none and "changes" for a count nobody knows.
  EXPECT_EQ(ToBuildWords(0), "");
  EXPECT_EQ(ToBuildWords(-1), "");
  EXPECT_EQ(BuiltWords(0), "");
  EXPECT_EQ(BuiltWords(-1), "");
}

TEST(ChangeWordsTest, ImageCountIsSingularForOneOnly) {
  EXPECT_EQ(ImageCount(0), "0 images");
  EXPECT_EQ(ImageCount(1), "1 image");
  EXPECT_EQ(ImageCount(12), "12 images");
}

}  // namespace
}  // namespace gantry::packer
