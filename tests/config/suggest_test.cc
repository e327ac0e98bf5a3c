#include "core/config/suggest.h"

#include "gtest/gtest.h"

namespace gantry::config {
namespace {

TEST(SuggestTest, FindsCloseTyposOnly) {
  const std::vector<std::string> types = {"terraform", "packer", "ansible", "custom"};
  EXPECT_EQ(ClosestMatch("terrafrom", types), "terraform");
  EXPECT_EQ(ClosestMatch("paker", types), "packer");
  EXPECT_EQ(ClosestMatch("kubernetes", types), "");
  EXPECT_EQ(DidYouMean("custon", types), " (did you mean 'custom'?)");
  EXPECT_EQ(DidYouMean("zzz", types), "");
}

TEST(SuggestTest, AnAdjacentSwapIsOneEdit) {
  // Short words allow one edit: a swapped pair must count as one to be suggested.
  EXPECT_EQ(ClosestMatch("ulr", {"token", "url"}), "url");
  EXPECT_EQ(ClosestMatch("tokne", {"token", "url"}), "token");
  EXPECT_EQ(ClosestMatch("lur", {"token", "url"}), "");  // a rotation is two edits
}

}  // namespace
}  // namespace gantry::config
