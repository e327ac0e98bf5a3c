// Unit test of the hello plugin through the SDK's fake host: no gantry needed.
//   cmake -S . -B build -DCMAKE_PREFIX_PATH=<sdk prefix> && cmake --build build
//   ctest --test-dir build
#include <gtest/gtest.h>

#include "gantry/testing/fake_host.hpp"

namespace {

using gantry::testing::CallRecord;
using gantry::testing::FakeComponent;
using gantry::testing::FakeHost;

TEST(HelloPluginTest, Describes) {
  FakeHost host = FakeHost::Load(HELLO_PLUGIN_PATH);  // build/hello.so, set by CMake
  EXPECT_EQ(host.name(), "hello");
  ASSERT_EQ(host.component_types().size(), 1u);
  EXPECT_EQ(host.component_types()[0], "hello");
  EXPECT_TRUE(host.SupportsOperation("apply"));
}

TEST(HelloPluginTest, ApplySaysHelloAndSetsGreeting) {
  FakeHost host = FakeHost::Load(HELLO_PLUGIN_PATH);
  const CallRecord r = host.Execute(FakeComponent("greeter", "hello"), "apply");
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_EQ(r.stdout_text, "hello from greeter (apply)\n");
  EXPECT_EQ(r.stderr_text, "");
  ASSERT_EQ(r.outputs.count("greeting"), 1u);
  EXPECT_EQ(r.outputs.at("greeting").value, "hello, greeter");
  EXPECT_TRUE(r.errors.empty());
  EXPECT_TRUE(r.spawns.empty());
}

TEST(HelloPluginTest, AcceptsAnySettings) {
  FakeHost host = FakeHost::Load(HELLO_PLUGIN_PATH);
  const CallRecord r = host.Validate(FakeComponent("greeter", "hello").WithSettings(R"({"x": 1})"));
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_TRUE(r.errors.empty());
}

}  // namespace
