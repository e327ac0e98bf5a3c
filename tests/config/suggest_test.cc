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

}  // namespace
}  // namespace gantry::config
