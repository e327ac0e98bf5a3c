// `gantry affected --since REF` and `apply --changed-since REF` through the real binary, in
// a git repository made for the test: a changed source, a module outside it reported by
// the finder plugin (report_file), dependents, text and JSON, a bad revision.
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/cli/plugin_cli_test.h"
#include "tests/testing/git_repo.h"

namespace gantry::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

constexpr char kAffectedDeployment[] = R"([components.app]
type = "custom"
source = "app"
depends_on = ["net"]
commands.apply = ["true"]

[components.net]
type = "custom"
source = "net"
commands.apply = ["true"]

[components.other]
type = "finder"
source = "other"
files = { "../modules/m" = "module ../modules/m" }

[components.tools]
type = "custom"
source = "tools"
commands.apply = ["true"]
)";

class AffectedCliTest : public PluginCliTest {
 protected:
  void SetUp() override {
    dir_.Write("gantry.toml", kAffectedDeployment);
    for (const char* file : {"app/a.sh", "net/n.sh", "other/o.yml", "modules/m/main.tf",
                             "tools/t.sh"})
      dir_.Write(file, "1\n");
    dir_.Write(".gitignore", ".gantry/\nsummary.json\n");
    Git("init -q .");
    Git("commit -q --allow-empty -m empty");
    Git("add -A");
    Git("commit -q -m first");
  }
  // `git WORDS` (split at spaces) in the project.
  void Git(const std::string& words) {
    ASSERT_NO_FATAL_FAILURE(gantry::testing::Git(dir_.path(), absl::StrSplit(words, ' ')));
  }
  // What `gantry affected --since ...` printed, which must succeed.
  std::string Affected(std::vector<std::string> args) {
    args.insert(args.begin(), "affected");
    const auto r = Gantry(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.out;
  }
};

TEST_F(AffectedCliTest, ListsTheChangedComponentsAndTheirDependentsWithReasons) {
  dir_.Write("net/n.sh", "2\n");
  dir_.Write("modules/m/main.tf", "2\n");
  Git("commit -qam second");
  EXPECT_EQ(Affected({"--since", "HEAD~1"}),
            "net    source changed: net/n.sh\n"
            "app    depends on net\n"
            "other  module ../modules/m changed: modules/m/main.tf\n");
  EXPECT_EQ(Json::parse(Affected({"--since", "HEAD~1", "--format", "json"})), Json::parse(R"({"since": "HEAD~1", "components": [
      {"name": "net", "type": "custom", "reason": "source changed: net/n.sh", "direct": true},
      {"name": "app", "type": "custom", "reason": "depends on net", "direct": false},
      {"name": "other", "type": "finder",
       "reason": "module ../modules/m changed: modules/m/main.tf", "direct": true}],
      "removed": [], "changed_files": ["modules/m/main.tf", "net/n.sh"]})"));
  EXPECT_EQ(Affected({"--since", "HEAD"}), "nothing changed since HEAD\n");
}

TEST_F(AffectedCliTest, AChangedTableAndARemovedComponent) {
  std::string toml = kAffectedDeployment;
  toml.replace(toml.find("[components.tools]"), std::string::npos, "");
  toml.replace(toml.find("source = \"net\""), 14, "source = \"net\"\ntimeout = \"1m\"");
  dir_.Write("gantry.toml", toml);
  EXPECT_EQ(Affected({"--since", "HEAD"}),
            "net    gantry.toml: its settings changed\n"
            "app    depends on net\n"
            "tools  removed (no longer in the deployment: nothing to run)\n");
}

TEST_F(AffectedCliTest, ApplyChangedSinceRunsOnlyTheAffectedOnes) {
  dir_.Write("tools/new.sh", "untracked\n");
  const auto r = Gantry({"apply", "--changed-since", "HEAD", "--summary", "summary.json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const Json summary = Json::parse(Read(dir_ / "summary.json"));
  EXPECT_EQ(Component(summary, "tools")["status"], "ok");
  for (const char* name : {"app", "net", "other"})
    EXPECT_TRUE(Component(summary, name).is_null()) << name << " ran: " << r.out;
  // A pattern narrows the set; one that leaves nothing runs nothing.
  const auto narrowed = Gantry({"apply", "--changed-since", "HEAD", "app", "--dry-run"});
  EXPECT_EQ(narrowed.exit_code, 0) << narrowed.err;
  EXPECT_THAT(narrowed.out, Not(HasSubstr("tools")));
}

TEST_F(AffectedCliTest, NothingChangedRunsNothing) {
  const auto r = Gantry({"apply", "--changed-since", "HEAD"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "gantry: nothing changed since HEAD\n");
}

TEST_F(AffectedCliTest, ABadRevisionOrNoRepositoryIsBadInput) {
  const auto bad = Gantry({"affected", "--since", "nope"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("git knows no revision 'nope'"));
  const auto run = Gantry({"plan", "--changed-since", "nope"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--changed-since nope: git knows no revision 'nope'"));
  const auto both = Gantry({"apply", "--changed-since", "HEAD", "--resume", "last"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_THAT(both.err, HasSubstr("not both"));
  gantry::testing::TempDir plain;
  plain.Write("gantry.toml", kAffectedDeployment);
  const auto outside = Gantry({"affected", "--since", "HEAD"}, {}, plain.path());
  EXPECT_EQ(outside.exit_code, 2);
  EXPECT_THAT(outside.err, HasSubstr("'" + plain.path() + "' is not in a git repository"));
}

}  // namespace
}  // namespace gantry::cli
