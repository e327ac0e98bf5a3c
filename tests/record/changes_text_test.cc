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

namespace gantry::record {
namespace {

TEST(PlanNoteTest, SaysWhatAPlanUsedOrLacked) {
  ComponentRecord c;
  c.status = ComponentStatus::kOk;
  EXPECT_EQ(ShownStatus(c, "plan"), "ok");
  c.planned_inputs = {"net.id"};
  EXPECT_EQ(ShownStatus(c, "plan"), "ok (planned with planned values of net.id)");
  c.placeholders = {"db.url", "db.port"};  // placeholders are what matters most
  EXPECT_EQ(PlanNote(c), "planned with placeholders for db.url, db.port");
  ComponentRecord blocked;
  blocked.status = ComponentStatus::kBlocked;
  blocked.blocked_on = {"db", "net"};
  EXPECT_EQ(ShownStatus(blocked, "plan"), "blocked (needs db, net applied)");
  blocked.status = ComponentStatus::kFailed;  // only a blocked one says what it needs
  EXPECT_EQ(PlanNote(blocked), "");
}

}  // namespace
}  // namespace gantry::record
