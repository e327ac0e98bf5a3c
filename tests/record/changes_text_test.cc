#include "core/record/run_record.h"

#include "gtest/gtest.h"

namespace gantry::record {
namespace {

TEST(ChangesTextTest, APlanSaysWhatWouldHappenOtherOperationsWhatHappened) {
  const Changes changes{true, 2, 1, 0, {}};
  EXPECT_EQ(ChangesText(changes, "plan"), "2 to add, 1 to change, 0 to destroy");
  EXPECT_EQ(ChangesText(changes, "apply"), "2 added, 1 changed, 0 destroyed");
  EXPECT_EQ(ChangesText(Changes{true, -1, -1, 4, {}}, "destroy"), "4 destroyed");
  EXPECT_EQ(ChangesText(Changes{true, -1, -1, -1, {}}, "apply"), "changes");
  EXPECT_EQ(ChangesText(Changes{false, 0, 0, 0, {}}, "apply"), "no changes");
}

}  // namespace
}  // namespace gantry::record
