// Dependencies matched by key (provide_key / need_key) through the real binary: shown by
// `gantry graph` in every format, ordering a run, taking part in cycles, and refused
// outside discover. Uses the test plugin finder.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/cli/plugin_cli_test.h"

namespace gantry::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

using KeysCliTest = PluginCliTest;

// a-app needs the state that z-net provides: it runs after z-net, although it sorts first.
constexpr char kKeysDeployment[] = R"([components.a-app]
type = "finder"
needs = { "state:s3://b/net.tfstate" = "remote state net in main.tf:12" }

[components.z-net]
type = "finder"
provides = ["state:s3://b/net.tfstate"]
)";

TEST_F(KeysCliTest, AMatchedKeyIsADiscoveredEdgeInEveryFormat) {
  dir_.Write("gantry.toml", kKeysDeployment);
  const auto text = Gantry({"graph"});
  ASSERT_EQ(text.exit_code, 0) << text.out << text.err;
  EXPECT_THAT(text.out, HasSubstr("a-app (finder)\n  <- z-net [discovered]\n"));
  const auto dot = Gantry({"graph", "--format", "dot"});
  EXPECT_THAT(dot.out, HasSubstr("n1 -> n0 [label=\"discovered\", style=dashed];"));
  const auto mermaid = Gantry({"graph", "--format", "mermaid"});
  EXPECT_THAT(mermaid.out, HasSubstr("n1 -.->|discovered| n0"));
  const auto json = Gantry({"graph", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(Json::parse(json.out)["edges"],
            Json::parse(R"([{"from": "z-net", "to": "a-app", "origins": ["discovered"],
                             "reasons": ["remote state net in main.tf:12"]}])"));

  const auto r = Gantry({"apply", "-j", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  ASSERT_THAT(r.out, HasSubstr("a-app started"));
  EXPECT_LT(r.out.find("z-net ok"), r.out.find("a-app started")) << r.out;
}

TEST_F(KeysCliTest, ACycleThroughKeysIsRefusedNamingTheReasons) {
  dir_.Write("gantry.toml", R"([components.app]
type = "finder"
provides = ["state:app"]
needs = { "state:net" = "remote state net in app/main.tf:3" }

[components.net]
type = "finder"
provides = ["state:net"]
needs = { "state:app" = "remote state app in net/main.tf:9" }
)");
  const auto r = Gantry({"validate"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.out + r.err,
              AllOf(HasSubstr("dependency cycle: app -> net -> app"),
                    HasSubstr("app -> net by its plugin's discovery (remote state net in "
                              "app/main.tf:3)"),
                    HasSubstr("net -> app by its plugin's discovery (remote state app in "
                              "net/main.tf:9)")));
}

TEST_F(KeysCliTest, KeysOutsideDiscoverAreRefusedWithAWarning) {
  dir_.Write("gantry.toml", R"([components.early]
type = "finder"
provides = ["k"]
keys_in = "validate"

[components.late]
type = "finder"
needs = { k = "why" }
keys_in = "execute"
)");
  const auto validate = Gantry({"validate"});
  EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
  EXPECT_THAT(validate.out + validate.err,
              HasSubstr("component 'early' (finder): provide_key('k') outside discover is refused"));
  const auto r = Gantry({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("[late] need_key(k) refused\n"));
  EXPECT_THAT(r.err, HasSubstr("need_key('k') outside discover is refused"));
  const auto graph = Gantry({"graph"});
  EXPECT_THAT(graph.out, Not(HasSubstr("<-")));
}

}  // namespace
}  // namespace gantry::cli
