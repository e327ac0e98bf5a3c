// What a plugin reports its operation would change (report_changes), end to end: the
// status lines, the summary and its totals, --summary, --events, the journal as `gantry
// runs show` reads it, and the GitHub step summary. Uses the test plugin probe.
#include <sstream>
#include <utility>

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

class ChangesCliTest : public PluginCliTest {
 protected:
  gantry::testing::CliResult Run(std::vector<std::string> args) {
    return Gantry(std::move(args), {"GITHUB_STEP_SUMMARY=" + (dir_ / "step.md")});
  }

};

constexpr char kDeployment[] = R"([components.app]
type = "probe"
changes = { has_changes = true, add = 2, change = 1, destroy = 0 }

[components.db]
type = "probe"
changes = { has_changes = false, add = 0, change = 0, destroy = 0 }

[components.dns]
type = "probe"
changes = { has_changes = true, add = 3 }

[components.plain]
type = "probe"
)";

TEST_F(ChangesCliTest, APlanShowsWhatEachComponentWouldChangeEverywhere) {
  dir_.Write("gantry.toml", kDeployment);
  const auto r = Run({"plan", "--summary", dir_ / "s.json", "--events", dir_ / "e.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr(": 2 to add, 1 to change, 0 to destroy\n"),
                           HasSubstr("gantry: db ok ("), HasSubstr("): no changes\n"),
                           HasSubstr("): 3 to add\n")));
  EXPECT_THAT(r.out, HasSubstr("status  changes "));  // the summary table's column
  EXPECT_THAT(r.out, ::testing::EndsWith("\n2 components with changes (5 to add, 1 to change, "
                                          "0 to destroy), 1 without\n"));

  const Json summary = Json::parse(Read(dir_ / "s.json"));
  EXPECT_EQ(Component(summary, "app")["changes"],
            Json::parse(R"({"has_changes": true, "add": 2, "change": 1, "destroy": 0})"));
  EXPECT_EQ(Component(summary, "dns")["changes"],
            Json::parse(R"({"has_changes": true, "add": 3, "change": null, "destroy": null})"));
  EXPECT_EQ(Component(summary, "db")["changes"]["has_changes"], false);
  EXPECT_FALSE(Component(summary, "plain").contains("changes"));
  EXPECT_EQ(summary["changes"],
            Json::parse(R"({"has_changes": true, "add": 5, "change": 1, "destroy": 0,
                            "components_with": 2, "components_without": 1})"));

  std::istringstream events(Read(dir_ / "e.jsonl"));
  int finished_with_changes = 0;
  for (std::string line; std::getline(events, line);) {
    const Json event = Json::parse(line);
    if (event["event"] != "component_finished") continue;
    EXPECT_EQ(event.contains("changes"), event["component"] != "plain") << line;
    if (event["component"] == "app") {
      EXPECT_EQ(event["changes"]["add"], 2) << line;
    }
    finished_with_changes += event.contains("changes");
  }
  EXPECT_EQ(finished_with_changes, 3);

  const auto shown = Run({"runs", "show", "last"});
  ASSERT_EQ(shown.exit_code, 0) << shown.out << shown.err;
  EXPECT_THAT(shown.out, AllOf(HasSubstr("CHANGES"), HasSubstr("2 to add, 1 to change, 0 to destroy"),
                               HasSubstr("no changes"),
                               HasSubstr("2 components with changes (5 to add")));

  EXPECT_THAT(Read(dir_ / "step.md"),
              AllOf(HasSubstr("2 components with changes (5 to add, 1 to change, 0 to destroy), "
                              "1 without"),
                    HasSubstr("| app | probe | ok | 2 to add, 1 to change, 0 to destroy | ")));
}

TEST_F(ChangesCliTest, DetailedExitcodeSaysWhetherAPlanWouldChangeAnything) {
  dir_.Write("gantry.toml", kDeployment);
  EXPECT_EQ(Run({"plan", "--detailed-exitcode"}).exit_code, 2) << "app and dns would change";
  EXPECT_EQ(Run({"plan", "db", "plain", "--detailed-exitcode"}).exit_code, 0) << "nothing would";
  EXPECT_EQ(Run({"plan", "db"}).exit_code, 0);
  EXPECT_EQ(Run({"plan", "app"}).exit_code, 0) << "without the flag, changes are success";
  // Errors are 1, so that 2 means one thing: bad usage, a bad file, a failed component.
  EXPECT_EQ(Run({"plan", "--detailed-exitcode", "--no-such-flag"}).exit_code, 1);
  EXPECT_EQ(Run({"plan", "--detailed-exitcode", "nosuchcomponent"}).exit_code, 1);
  dir_.Write("gantry.toml", std::string(kDeployment) + "fail = true\n");  // plain fails
  EXPECT_EQ(Run({"plan", "--detailed-exitcode", "--keep-going"}).exit_code, 1);
  dir_.Write("gantry.toml", "[components.x\n");
  EXPECT_EQ(Run({"plan", "--detailed-exitcode"}).exit_code, 1);
  EXPECT_EQ(Run({"plan"}).exit_code, 2);
}

TEST_F(ChangesCliTest, OnlyTheLastSuccessfulAttemptCounts) {
  dir_.Write("gantry.toml", R"([components.retried]
type = "probe"
retries = 1
retry_first = true
changes = { has_changes = true, add = 1, change = 0, destroy = 0 }

[components.failed]
type = "probe"
fail = true
changes = { has_changes = true, add = 5, change = 5, destroy = 5 }
)");
  const auto r = Run({"plan", "-k", "--summary", dir_ / "s.json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("): 1 to add, 0 to change, 0 to destroy\n"));
  EXPECT_THAT(r.out, Not(HasSubstr("99 to add")));
  EXPECT_THAT(r.out, Not(HasSubstr("5 to add")));
  const Json summary = Json::parse(Read(dir_ / "s.json"));
  EXPECT_EQ(Component(summary, "retried")["changes"]["add"], 1);
  EXPECT_FALSE(Component(summary, "failed").contains("changes"));
}

TEST_F(ChangesCliTest, ReportingChangesOutsideExecuteIsRefusedWithAWarning) {
  dir_.Write("gantry.toml", "[components.early]\ntype = \"probe\"\nreport_in_validate = true\n");
  const auto r = Run({"validate"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out + r.err, AllOf(HasSubstr("warning: component 'early' (probe): "),
                                   HasSubstr("report_changes outside execute is refused")));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("was taken during validate")));
}

}  // namespace
}  // namespace gantry::cli
