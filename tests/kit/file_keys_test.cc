#include "kit/file_keys.h"

#include "gtest/gtest.h"

namespace gantry::kit {
namespace {

TEST(FileKeysTest, BothSidesSpellTheSamePathTheSameWay) {
  EXPECT_EQ(FileKey("/p/ansible", "inventory.ini"), "file:/p/ansible/inventory.ini");
  EXPECT_EQ(FileKey("/p/scripts", "../ansible/./inventory.ini"), "file:/p/ansible/inventory.ini");
  EXPECT_EQ(FileKey("/p", "/abs/out/"), "file:/abs/out");
}

TEST(FileKeysTest, TheWorkspaceStandInIsUnderTheProjectsGantryDirectory) {
  EXPECT_EQ(WorkspaceStandIn("/p", "network/vpc"), "/p/.gantry/workspaces/@run/network/vpc");
}

}  // namespace
}  // namespace gantry::kit
