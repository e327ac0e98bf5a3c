// The roles a playbook uses, as discover reports them for `gantry affected`.
#include "ansible/playbook_roles.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::ansible {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(PlaybookRolesTest, RolesListsInEveryShape) {
  EXPECT_THAT(RoleNames(R"(---
- hosts: all
  roles:
    - common
    - role: web
      vars:
        port: 80
    - { role: db, tags: data }
    - name: "quoted"
    - '{{ templated }}'
  tasks:
    - name: not a role
      debug: msg=x
- hosts: db
  roles:
  - common   # again: once
  - ../shared/roles/base
)"),
              ElementsAre("common", "web", "db", "quoted", "../shared/roles/base"));
}

TEST(PlaybookRolesTest, IncludeAndImportRoleTasks) {
  EXPECT_THAT(RoleNames(R"(- hosts: all
  tasks:
    - name: first
      include_role:
        name: setup
    - ansible.builtin.import_role:
        name: 'harden'
      tags: x
    - import_role: name=inline
    - name: after
      debug:
        msg: "name: nothing"
)"),
              ElementsAre("setup", "harden", "inline"));
  EXPECT_THAT(RoleNames("- hosts: all\n  tasks:\n    - debug: msg=hi\n"), IsEmpty());
}

TEST(PlaybookRolesTest, RoleDirIsBesideThePlaybookThenInTheSource) {
  gantry::testing::TempDir dir;
  dir.Write("src/plays/roles/near/tasks/main.yml", "");
  dir.Write("src/roles/far/tasks/main.yml", "");
  dir.Write("shared/base/tasks/main.yml", "");
  EXPECT_EQ(RoleDir(dir / "src/plays", dir / "src", "near"), dir / "src/plays/roles/near");
  EXPECT_EQ(RoleDir(dir / "src/plays", dir / "src", "far"), dir / "src/roles/far");
  EXPECT_EQ(RoleDir(dir / "src/plays", dir / "src", "../../shared/base"), dir / "shared/base");
  EXPECT_EQ(RoleDir(dir / "src/plays", dir / "src", "galaxy.role"), "");
}

}  // namespace
}  // namespace gantry::ansible
