// Output references where plugins declare them (settings flagged REFERENCES), refused
// elsewhere; declared outputs checked by validate; missing outputs explained at run time.
// Uses the test plugins keeper (static outputs) and tf (outputs declared by discover).
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/plugin_cli_test.h"

namespace gantry::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

class ReferencesCliTest : public PluginCliTest {
 protected:
  std::string File() const { return dir_ / "gantry.toml"; }
};

TEST_F(ReferencesCliTest, ReferencesInADeclaredSettingMakeEdgesAndAreSubstitutedAtExecute) {
  dir_.Write("gantry.toml", R"([components.app]
type = "keeper"
values = { token = "tok-4242-secret", url = "http://app:8080" }

[components.web]
type = "keeper"
values = { url = "${app.url}/v1", token = "${app.token}", lit = "$${app.url}" }
)");
  auto graph = Gantry({"graph"});
  ASSERT_EQ(graph.exit_code, 0) << graph.err;
  EXPECT_THAT(graph.out, HasSubstr("web (keeper)\n  <- app [reference]"));

  auto r = Gantry({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // What web's plugin received: the values substituted, the sensitive one masked on the
  // console (app declared token sensitive; its set_output did not say so), $${ unescaped.
  EXPECT_THAT(r.out, HasSubstr(R"(received: {"values":{"lit":"${app.url}","token":"***",)"
                               R"("url":"http://app:8080/v1"}})"))
      << r.out;
  // web sets `lit`, which keeper does not declare: said, not failed.
  EXPECT_THAT(r.out + r.err, HasSubstr("output 'lit' is not among the outputs declared for "
                                       "type 'keeper' (token, url)"));
}

TEST_F(ReferencesCliTest, AReferenceOutsideVarsAndReferenceSettingsIsRefusedAtItsLine) {
  dir_.Write("gantry.toml", R"([components.app]
type = "keeper"
note = "see ${app.url}"

[components.web]
type = "custom"
commands.apply = ["echo ${HOME} $${app.url} ${X:-a.b}", "curl ${app.url}"]
)");
  auto r = Gantry({"validate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err,
              AllOf(HasSubstr(File() + ":3:8: error: component 'app' (keeper): ${app.url} in "
                                       "note: output references are allowed only in vars and in "
                                       "settings its plugin declares as holding references "
                                       "(values); write $${ for a literal ${"),
                    HasSubstr(File() + ":7:18: error: component 'web' (custom): ${app.url} in "
                                       "commands.apply[1]: output references are allowed only "
                                       "in vars and in settings its plugin declares as holding "
                                       "references (none for this type)"),
                    HasSubstr("2 problems")))
      << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr("${HOME}")));
}

TEST_F(ReferencesCliTest, AReferenceToAnUndeclaredOutputIsRefusedWithDidYouMean) {
  dir_.Write("net/main.tf", "output \"vpc_id\" {\n  value = 1\n}\noutput \"secret_key\" {\n}\n");
  dir_.Write("gantry.toml", R"([components.app]
type = "keeper"

[components.net]
type = "tf"
source = "net"

[components.web]
type = "keeper"
vars = { A = "${app.tokn}", B = "${net.vpc_id}", C = "${free.anything}" }
values = { v = "${net.vpcid}" }

[components.free]
type = "custom"
commands.apply = ["true"]
)");
  auto r = Gantry({"validate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err,
              AllOf(HasSubstr(File() + ":10:14: error: component 'web' (keeper) references "
                                       "${app.tokn} in vars.A: component 'app' (type keeper) "
                                       "declares no output 'tokn'; did you mean 'token'? Its "
                                       "outputs: token, url"),
                    HasSubstr(File() + ":11:16: error: component 'web' (keeper) references "
                                       "${net.vpcid} in values.v: component 'net' (type tf) "
                                       "declares no output 'vpcid'; did you mean 'vpc_id'? Its "
                                       "outputs: vpc_id, secret_key"),
                    HasSubstr("2 problems")))
      << r.err;
}

TEST_F(ReferencesCliTest, AMissingOutputOfAProducerThatRanListsItsOutputs) {
  dir_.Write("gantry.toml", R"([components.app]
type = "custom"
commands.apply = ["sh", "-c", "echo token=t1 >> $GANTRY_OUTPUT; echo url=u1 >> $GANTRY_OUTPUT"]

[components.web]
type = "custom"
vars = { T = "${app.tokn}" }
commands.apply = ["true"]
)");
  EXPECT_EQ(Gantry({"validate"}).exit_code, 0) << "custom does not declare its outputs";
  auto r = Gantry({"apply"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.out + r.err, HasSubstr("component 'app' has no output 'tokn' (did you mean "
                                       "'token'?); its outputs are: token, url"))
      << r.out << r.err;
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("apply the components that produce them first")));
}

TEST_F(ReferencesCliTest, PluginsInfoShowsDeclaredOutputsInEveryFormat) {
  auto r = Gantry({"plugins", "info", "keeper"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("outputs:       (discover may declare more per component)\n"
                                     "  OUTPUT  FLAGS      DESCRIPTION\n"),
                           HasSubstr("  token   sensitive  the API token\n"),
                           HasSubstr("  url     -          where it listens\n")))
      << r.out;
  r = Gantry({"plugins", "info", "tf"});
  EXPECT_THAT(r.out, HasSubstr("outputs:       declared per component by discover"));
  r = Gantry({"plugins", "info", "custom"});
  EXPECT_THAT(r.out, HasSubstr("outputs:       not declared"));
  r = Gantry({"plugins", "info", "keeper", "--format", "json"});
  EXPECT_THAT(r.out, HasSubstr(R"("name": "token",)"));
  EXPECT_THAT(r.out, HasSubstr(R"("sensitive": true)"));
  r = Gantry({"plugins", "info", "keeper", "--format", "markdown"});
  EXPECT_THAT(r.out, HasSubstr("| `token` | sensitive | the API token |"));
}

}  // namespace
}  // namespace gantry::cli
