// gantry init's question to the ansible plugin, through the ABI: which files of a
// directory are playbooks.
#include "gantry/testing/fake_host.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/temp_dir.h"

namespace {

using ::gantry::testing::FakeHost;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class AnsibleRecognizeTest : public ::testing::Test {
 protected:
  AnsibleRecognizeTest() : host_(FakeHost::Load(GANTRY_ANSIBLE_PLUGIN)) {}
  FakeHost host_;
  gantry::testing::TempDir tree_;
};

constexpr char kPlay[] = R"(---
# configures the app
- name: Configure
  hosts: all
  tasks:
    - ansible.builtin.debug: { msg: hi }
)";

TEST_F(AnsibleRecognizeTest, APlaybookIsProposedWithItsInventory) {
  tree_.Write("configure/site.yml", kPlay);
  tree_.Write("configure/inventory.ini", "localhost ansible_connection=local\n");
  const auto record = host_.Recognize(tree_ / "configure");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  ASSERT_THAT(record.proposals, SizeIs(1));
  EXPECT_EQ(record.proposals[0].type, "ansible");
  EXPECT_EQ(record.proposals[0].settings_json,
            R"({"playbook":"site.yml","inventory":"inventory.ini"})");
  EXPECT_EQ(record.proposals[0].note, "ansible playbook site.yml; inventory inventory.ini");
}

TEST_F(AnsibleRecognizeTest, ATeardownPlaybookBesideOneOtherIsItsDestroyPlaybook) {
  tree_.Write("app/deploy.yaml", kPlay);
  tree_.Write("app/teardown.yml", "- hosts: all\n  tasks: []\n");
  const auto record = host_.Recognize(tree_ / "app");
  ASSERT_THAT(record.proposals, SizeIs(1));
  EXPECT_EQ(record.proposals[0].settings_json,
            R"({"playbook":"deploy.yaml","destroy_playbook":"teardown.yml"})");
  EXPECT_THAT(record.proposals[0].note, HasSubstr("runs against localhost"));
}

TEST_F(AnsibleRecognizeTest, TaskVarsAndInventoryFilesAreNotPlaybooks) {
  tree_.Write("role/tasks.yml", "- name: a task\n  ansible.builtin.copy: { src: a, dest: b }\n");
  tree_.Write("role/vars.yml", "hosts: not a play\nport: 80\n");
  tree_.Write("role/hosts.yml", "all:\n  hosts:\n    web1:\n");
  tree_.Write("role/deep.yml", "- name: x\n  block:\n    - name: y\n          hosts: nested\n");
  EXPECT_THAT(host_.Recognize(tree_ / "role").proposals, IsEmpty());
}

TEST_F(AnsibleRecognizeTest, APlaybookOfImportsIsOne) {
  tree_.Write("all/main.yml", "- import_playbook: web.yml\n- ansible.builtin.import_playbook: db.yml\n");
  ASSERT_THAT(host_.Recognize(tree_ / "all").proposals, SizeIs(1));
}

}  // namespace
