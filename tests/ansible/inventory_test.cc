// The inventory gantry writes: JSON ansible reads, whatever the host names hold.
#include "ansible/inventory.h"

#include "gantry/json.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::ansible {
namespace {

TEST(InventoryTest, NoHostsMeansTheImplicitLocalhost) {
  const json::Value inventory = json::Parse(InventoryJson({}, "/ws/.gantry-ansible/remote-tmp"));
  const json::Value& localhost = inventory["all"]["hosts"]["localhost"];
  EXPECT_EQ(localhost["ansible_connection"], json::Value("local"));
  EXPECT_EQ(localhost["ansible_python_interpreter"], json::Value("{{ ansible_playbook_python }}"));
  EXPECT_EQ(localhost["ansible_remote_tmp"], json::Value("/ws/.gantry-ansible/remote-tmp"));
  EXPECT_EQ(inventory["all"]["hosts"].size(), 1u);
}

TEST(InventoryTest, HostsAreListedOnceInOrderWithOddCharactersIntact) {
  const std::string odd = "we\"ird host\\with'quotes # and [brackets]";
  const json::Value inventory =
      json::Parse(InventoryJson({"10.0.0.5", odd, "10.0.0.5", "db.example.com"}, "/tmp/x"));
  const json::Object& hosts = inventory["all"]["hosts"].as_object();
  ASSERT_EQ(hosts.size(), 3u);
  EXPECT_EQ(hosts[0].first, "10.0.0.5");
  EXPECT_EQ(hosts[1].first, odd);
  EXPECT_EQ(hosts[2].first, "db.example.com");
  EXPECT_EQ(hosts[0].second, json::Value(json::Object{})) << "a remote host keeps its defaults";
}

TEST(InventoryTest, HostsOnThisMachineKeepTheirModuleFilesInTheWorkspace) {
  const json::Value inventory = json::Parse(InventoryJson({"localhost", "127.0.0.1", "web"}, "/ws/rt"));
  EXPECT_EQ(inventory["all"]["hosts"]["localhost"]["ansible_remote_tmp"], json::Value("/ws/rt"));
  EXPECT_EQ(inventory["all"]["hosts"]["127.0.0.1"]["ansible_remote_tmp"], json::Value("/ws/rt"));
  EXPECT_TRUE(inventory["all"]["hosts"]["web"]["ansible_remote_tmp"].is_null());
  EXPECT_TRUE(inventory["all"]["hosts"]["localhost"]["ansible_connection"].is_null())
      << "a listed localhost connects as the user's inventory would";
}

}  // namespace
}  // namespace gantry::ansible
