// plan / apply / destroy driven as a user drives them, with `custom` components.
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/background_gantry.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/processes.h"
#include "tests/testing/read_text.h"
#include "tests/testing/summary_component.h"
#include "tests/testing/temp_dir.h"

namespace gantry::cli {
namespace {

namespace fs = std::filesystem;
using ::gantry::testing::ReadText;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using gantry::testing::BackgroundGantry;
using gantry::testing::Eventually;

bool Gone(pid_t pid) { return gantry::testing::ProcessGone(pid); }

class RunCliTest : public ::testing::Test {
 protected:
  /// A deployment whose components append to order.txt; `body` is the components' TOML.
  void Deployment(const std::string& body) {
    dir_.Write("gantry.toml", "[gantry]\nmax_concurrency = 1\n\n" + body);
  }
  gantry::testing::CliResult Gantry(std::vector<std::string> args) {
    return gantry::testing::RunGantry(args, dir_.path(), Env());
  }
  std::vector<std::string> Env() const {
    return {"GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=", "GITHUB_STEP_SUMMARY=",
            "ORDER=" + dir_ / "order.txt"};
  }
  nlohmann::json Summary(const std::string& path) {
    return nlohmann::json::parse(ReadText(path), nullptr, false);
  }
  /// The summary entry of one component.
  nlohmann::json Component(const nlohmann::json& summary, const std::string& name) {
    return gantry::testing::SummaryComponent(summary, name);
  }
  std::string Order() { return ReadText(dir_ / "order.txt"); }

  gantry::testing::TempDir dir_;
};

/// A component appending its name to $ORDER when it runs `operation`.
std::string Recorder(const std::string& name, const std::string& extra = "",
                     const std::string& commands = "") {
  std::string toml = "[components." + name + "]\ntype = \"custom\"\nshell = true\n";
  if (commands.empty()) {
    toml += "commands.apply = \"echo " + name + " >> $ORDER\"\n";
    toml += "commands.destroy = \"echo " + name + " >> $ORDER\"\n";
  } else {
    toml += commands;
  }
  return toml + extra + "\n";
}

TEST_F(RunCliTest, ApplyRunsInDependencyOrderAndPassesOutputs) {
  Deployment(Recorder("net", "", "commands.apply = \"echo net >> $ORDER; echo subnet=s-42 >> $GANTRY_OUTPUT\"\n") +
             Recorder("app", "vars = { SUBNET = \"${net.subnet}\" }",
                      "commands.apply = \"echo app:$SUBNET >> $ORDER; echo hello from app\"\n"));
  auto r = Gantry({"apply", "--summary", dir_ / "summary.json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Order(), "net\napp:s-42\n");
  EXPECT_THAT(r.out, HasSubstr("[app] hello from app"));
  const nlohmann::json summary = Summary(dir_ / "summary.json");
  EXPECT_EQ(Component(summary, "net")["status"], "ok");
  EXPECT_EQ(Component(summary, "app")["attempts"], 1);
  EXPECT_TRUE(fs::exists(dir_ / ".gantry/state/default/net")) << "state lives outside workspaces";
  EXPECT_FALSE(fs::exists(dir_ / ".gantry/workspaces") && !fs::is_empty(dir_ / ".gantry/workspaces"))
      << "workspaces are removed after the run";
}

TEST_F(RunCliTest, DestroyRunsInReverseOrder) {
  Deployment(Recorder("a") + Recorder("b", "depends_on = [\"a\"]") +
             Recorder("c", "depends_on = [\"b\"]"));
  ASSERT_EQ(Gantry({"apply"}).exit_code, 0);
  fs::remove(dir_ / "order.txt");
  auto r = Gantry({"destroy"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Order(), "c\nb\na\n");
}

TEST_F(RunCliTest, DryRunPrintsTheScheduleAndRunsNothing) {
  Deployment("[limits]\ncustom = 1\n\n" + Recorder("a") + Recorder("b", "depends_on = [\"a\"]"));
  auto r = Gantry({"destroy", "--dry-run", "-j", "4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("max concurrency 4, limits custom=1"));
  EXPECT_THAT(r.out, ::testing::ContainsRegex("1 +b +custom .* -\n"));
  EXPECT_THAT(r.out, ::testing::ContainsRegex("2 +a +custom .* b\n"));
  EXPECT_FALSE(fs::exists(dir_ / "order.txt"));
}

TEST_F(RunCliTest, RecordedDurationsOrderTheNextApply) {
  Deployment(Recorder("a") +
             Recorder("z", "", "commands.apply = \"sleep 0.3; echo z >> $ORDER\"\n"));
  ASSERT_EQ(Gantry({"apply"}).exit_code, 0);
  EXPECT_EQ(Order(), "a\nz\n") << "no durations yet: equal priority, ties by name";
  EXPECT_TRUE(fs::exists(dir_ / ".gantry/durations/default.json"));
  EXPECT_FALSE(fs::exists(dir_ / ".gantry/state/default/a/.gantry-outputs.json"))
      << "a component without outputs has no outputs file";

  fs::remove(dir_ / "order.txt");
  ASSERT_EQ(Gantry({"apply"}).exit_code, 0);
  EXPECT_EQ(Order(), "z\na\n") << "z took longer last time: it starts first";
}

TEST_F(RunCliTest, FailFastSkipsTheRestAndKeepGoingRunsWhatItCan) {
  Deployment(Recorder("a", "", "commands.apply = \"echo boom >&2; exit 3\"\n") +
             Recorder("b", "depends_on = [\"a\"]") + Recorder("c"));
  auto r = Gantry({"apply", "--summary", dir_ / "s1.json"});
  EXPECT_EQ(r.exit_code, 1);
  nlohmann::json s = Summary(dir_ / "s1.json");
  EXPECT_EQ(Component(s, "a")["status"], "failed");
  EXPECT_EQ(Component(s, "b")["status"], "skipped");
  EXPECT_EQ(Component(s, "b")["skip_cause"], "a");
  EXPECT_EQ(Component(s, "c")["status"], "skipped") << "a starts first: it heads the longer path";
  EXPECT_THAT(r.out, HasSubstr("boom"));

  r = Gantry({"apply", "--keep-going", "--summary", dir_ / "s2.json"});
  EXPECT_EQ(r.exit_code, 1);
  s = Summary(dir_ / "s2.json");
  EXPECT_EQ(Component(s, "b")["status"], "skipped");
  EXPECT_EQ(Component(s, "c")["status"], "ok");
}

TEST_F(RunCliTest, OnFailureIgnoreLetsDependentsRun) {
  Deployment(Recorder("a", "on_failure = \"ignore\"", "commands.apply = \"exit 1\"\n") +
             Recorder("b", "depends_on = [\"a\"]"));
  auto r = Gantry({"apply"});
  EXPECT_EQ(r.exit_code, 1) << "a failure still fails the run";
  EXPECT_EQ(Order(), "b\n");
}

TEST_F(RunCliTest, RetryOnMatchingOutputThenSucceed) {
  const std::string flaky =
      "commands.apply = \"n=$(cat $GANTRY_STATE_DIR/n 2>/dev/null || echo 0); n=$((n+1)); "
      "echo $n > $GANTRY_STATE_DIR/n; if [ $n -lt 2 ]; then echo 'API rate limited' >&2; "
      "exit 1; fi\"\n";
  Deployment(Recorder("flaky", "retries = 2\nretry_on = [\"rate limit\"]", flaky) +
             Recorder("stubborn", "retries = 2\nretry_on = [\"rate limit\"]",
                      "commands.apply = \"echo 'bad input' >&2; exit 1\"\n"));
  auto r = Gantry({"apply", "--keep-going", "--summary", dir_ / "s.json"});
  EXPECT_EQ(r.exit_code, 1);
  nlohmann::json s = Summary(dir_ / "s.json");
  EXPECT_EQ(Component(s, "flaky")["status"], "ok");
  EXPECT_EQ(Component(s, "flaky")["attempts"], 2);
  EXPECT_EQ(Component(s, "stubborn")["status"], "failed");
  EXPECT_EQ(Component(s, "stubborn")["attempts"], 1) << "its output does not match retry_on";
  EXPECT_THAT(r.out, HasSubstr("attempt 1 failed"));
}

TEST_F(RunCliTest, TimeoutStopsTheComponentAndFailsIt) {
  Deployment(Recorder("slow", "timeout = \"1s\"", "commands.apply = \"sleep 60\"\n"));
  const auto start = std::chrono::steady_clock::now();
  auto r = Gantry({"apply", "--summary", dir_ / "s.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  EXPECT_THAT(Component(Summary(dir_ / "s.json"), "slow")["error"].get<std::string>(),
              HasSubstr("timed out after 1s"));
}

TEST_F(RunCliTest, InterruptCancelsAndLeavesNoProcessBehind) {
  Deployment(Recorder("a", "", "commands.apply = \"sleep 300 & echo $! > $ORDER.pid; wait\"\n") +
             Recorder("b", "depends_on = [\"a\"]"));
  BackgroundGantry gantry({"apply", "--summary", dir_ / "s.json"}, dir_.path(), dir_ / "log", Env());
  ASSERT_TRUE(Eventually([&] { return !ReadText(dir_ / "order.txt.pid").empty(); }));
  const pid_t grandchild = std::stoi(ReadText(dir_ / "order.txt.pid"));
  EXPECT_FALSE(Gone(grandchild));
  gantry.Signal(SIGINT);
  EXPECT_EQ(gantry.Wait(), 130) << ReadText(dir_ / "log");
  EXPECT_TRUE(Eventually([&] { return Gone(grandchild); }, 5)) << "the grandchild survived";
  nlohmann::json s = Summary(dir_ / "s.json");
  EXPECT_EQ(Component(s, "a")["status"], "cancelled");
  EXPECT_EQ(Component(s, "b")["status"], "skipped");
}

TEST_F(RunCliTest, ASecondInterruptKillsWhatIgnoresTheFirst) {
  Deployment(Recorder("stubborn", "",
                      "commands.apply = \"trap '' INT TERM; echo $$ > $ORDER.pid; "
                      "while true; do sleep 0.1; done\"\n"));
  BackgroundGantry gantry({"apply"}, dir_.path(), dir_ / "log", Env());
  ASSERT_TRUE(Eventually([&] { return !ReadText(dir_ / "order.txt.pid").empty(); }));
  const pid_t child = std::stoi(ReadText(dir_ / "order.txt.pid"));
  gantry.Signal(SIGINT);
  // Two signals sent at once may merge into one; space them out.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto second = std::chrono::steady_clock::now();
  gantry.Signal(SIGINT);
  EXPECT_EQ(gantry.Wait(), 130) << ReadText(dir_ / "log");
  EXPECT_TRUE(Eventually([&] { return Gone(child); }, 5));
  // The first signal alone would give the child its 5 s grace before SIGKILL.
  EXPECT_LT(std::chrono::steady_clock::now() - second, std::chrono::seconds(4))
      << "the second interrupt did not kill at once";
}

TEST_F(RunCliTest, RunOperationRunsPluginDefinedOperations) {
  Deployment(Recorder("a", "", "commands.lint = \"echo lint-a >> $ORDER\"\n") +
             Recorder("b", "depends_on = [\"a\"]", "commands.apply = \"true\"\n"));
  auto r = Gantry({"run", "lint", "--summary", dir_ / "s.json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Order(), "lint-a\n");
  nlohmann::json s = Summary(dir_ / "s.json");
  EXPECT_EQ(s["operation"], "lint");
  EXPECT_EQ(Component(s, "b")["status"], "ok") << "b has no lint: nothing to do";
}

TEST_F(RunCliTest, SensitiveValuesAreMaskedEverywhere) {
  Deployment(Recorder("db", "vars = { PASSWORD = \"hunter2-xyzzy\" }\nsensitive = [\"PASSWORD\", \"token\"]",
                      "commands.apply = \"echo pw=$PASSWORD; echo token=tok-31337 >> $GANTRY_OUTPUT\"\n") +
             Recorder("app", "vars = { T = \"${db.token}\" }", "commands.apply = \"echo using $T\"\n"));
  auto r = Gantry({"apply", "--summary", dir_ / "s.json", "--events", dir_ / "e.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("[db] pw=***"), HasSubstr("[app] using ***")));
  std::string everything = r.out + r.err + ReadText(dir_ / "s.json") + ReadText(dir_ / "e.jsonl");
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / ".gantry/runs"))
    if (entry.is_regular_file()) everything += ReadText(entry.path());
  EXPECT_THAT(everything, Not(HasSubstr("hunter2-xyzzy")));
  EXPECT_THAT(everything, Not(HasSubstr("tok-31337")));
}

TEST_F(RunCliTest, WorkspacesAreIsolatedAndStatePersists) {
  dir_.Write("src/file.txt", "original\n");
  const std::string body =
      "source = \"src\"\n"
      "commands.apply = \"echo changed > file.txt; echo dir=$PWD >> $GANTRY_OUTPUT; "
      "n=$(cat $GANTRY_STATE_DIR/n 2>/dev/null || echo 0); echo $((n+1)) > $GANTRY_STATE_DIR/n; "
      "echo n=$((n+1)) >> $GANTRY_OUTPUT\"\n";
  Deployment(Recorder("one", "", body) + Recorder("two", "", body));
  auto r = Gantry({"apply", "-j", "2", "--keep-workspace", "--summary", dir_ / "s1.json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  nlohmann::json s = Summary(dir_ / "s1.json");
  const std::string one = Component(s, "one")["outputs"]["dir"];
  const std::string two = Component(s, "two")["outputs"]["dir"];
  EXPECT_NE(one, two);
  EXPECT_THAT(one, HasSubstr("/.gantry/workspaces/"));
  EXPECT_EQ(ReadText(dir_ / "src/file.txt"), "original\n") << "the source is never written";
  EXPECT_EQ(ReadText(one + "/file.txt"), "changed\n") << "--keep-workspace keeps it";
  EXPECT_THAT(r.out, HasSubstr("kept the workspace of one: " + one));

  r = Gantry({"apply", "--summary", dir_ / "s2.json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  s = Summary(dir_ / "s2.json");
  EXPECT_EQ(Component(s, "one")["outputs"]["n"], "2") << "the second run sees the first's state";
  EXPECT_NE(Component(s, "one")["outputs"]["dir"], one) << "a new run, a new workspace";
}

TEST_F(RunCliTest, FailedWorkspacesAreKeptWhenAskedAndReportsAreWritten) {
  dir_.Write("gantry.toml", "[gantry]\nkeep_workspace_on_failure = true\n\n" +
                                Recorder("bad", "", "commands.apply = \"echo partial > left.txt; exit 1\"\n") +
                                Recorder("good"));
  auto env = Env();
  env.push_back("GITHUB_STEP_SUMMARY=" + dir_ / "step-summary.md");
  auto r = gantry::testing::RunGantry({"apply", "-k", "--trace", dir_ / "trace.json"}, dir_.path(), env);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("kept the workspace of bad: "));
  const std::string kept = r.out.substr(r.out.find("kept the workspace of bad: ") + 27);
  EXPECT_EQ(ReadText(kept.substr(0, kept.find('\n')) + "/left.txt"), "partial\n");
  nlohmann::json trace = nlohmann::json::parse(ReadText(dir_ / "trace.json"), nullptr, false);
  ASSERT_TRUE(trace.is_object());
  int complete = 0;
  for (const auto& event : trace["traceEvents"]) complete += event["ph"] == "X";
  EXPECT_EQ(complete, 2) << "one slice per component that ran";
  EXPECT_THAT(ReadText(dir_ / "step-summary.md"), AllOf(HasSubstr("| bad |"), HasSubstr("failed")));
}

TEST_F(RunCliTest, ConcurrentRunsOfOneSourceNeverShareADirectory) {
  dir_.Write("src/file.txt", "x\n");
  Deployment(Recorder("c", "source = \"src\"",
                      "commands.apply = \"echo $PWD >> $ORDER.$GANTRY_TARGET; sleep 1\"\n") +
             "[targets.blue]\n[targets.green]\n");
  BackgroundGantry blue({"apply", "--target", "blue"}, dir_.path(), dir_ / "blue.log", Env());
  BackgroundGantry green({"apply", "--target", "green"}, dir_.path(), dir_ / "green.log", Env());
  EXPECT_EQ(blue.Wait(), 0) << ReadText(dir_ / "blue.log");
  EXPECT_EQ(green.Wait(), 0) << ReadText(dir_ / "green.log");
  const std::string a = ReadText(dir_ / "order.txt.blue"), b = ReadText(dir_ / "order.txt.green");
  EXPECT_THAT(a, HasSubstr("/.gantry/workspaces/"));
  EXPECT_NE(a, b);
}

TEST_F(RunCliTest, ASecondRunOfALockedComponentFailsNamingTheHolder) {
  Deployment(Recorder("a", "", "commands.apply = \"touch $ORDER.started; sleep 300\"\n"));
  BackgroundGantry first({"apply"}, dir_.path(), dir_ / "first.log", Env());
  ASSERT_TRUE(Eventually([&] { return fs::exists(dir_ / "order.txt.started"); }));
  auto r = Gantry({"apply", "--summary", dir_ / "s.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(Component(Summary(dir_ / "s.json"), "a")["error"].get<std::string>(),
              AllOf(HasSubstr("pid " + std::to_string(first.pid())), HasSubstr("--lock-timeout")));
  first.Signal(SIGTERM);
  EXPECT_EQ(first.Wait(), 130);
}

TEST_F(RunCliTest, SelectionUsesRecordedOutputsOfComponentsLeftOut) {
  Deployment(Recorder("net", "", "commands.apply = \"echo subnet=s-7 >> $GANTRY_OUTPUT\"\n") +
             Recorder("app", "vars = { S = \"${net.subnet}\" }", "commands.apply = \"echo app:$S >> $ORDER\"\n"));
  auto r = Gantry({"apply", "app"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("net.subnet (needed by app"), HasSubstr("--with-deps")));
  ASSERT_EQ(Gantry({"apply", "net"}).exit_code, 0);
  r = Gantry({"apply", "app"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Order(), "app:s-7\n");
}

TEST_F(RunCliTest, KillNineThenResumeRunsOnlyWhatDidNotSucceed) {
  Deployment(Recorder("a", "", "commands.apply = \"echo a >> $ORDER; echo v=1 >> $GANTRY_OUTPUT\"\n") +
             Recorder("b", "depends_on = [\"a\"]\nvars = { V = \"${a.v}\" }",
                      "commands.apply = \"echo b:$V >> $ORDER; if [ ! -e $ORDER.once ]; then "
                      "echo $$ > $ORDER.pid; touch $ORDER.once; exec sleep 300; fi\"\n"));
  {
    BackgroundGantry gantry({"apply"}, dir_.path(), dir_ / "log", Env());
    ASSERT_TRUE(Eventually([&] { return fs::exists(dir_ / "order.txt.once"); }));
    gantry.Signal(SIGKILL);
    gantry.Wait();
    // The run's guardian stops what the killed host started.
    const pid_t orphan = std::stoi(ReadText(dir_ / "order.txt.pid"));
    EXPECT_TRUE(Eventually([&] { return Gone(orphan); }, 10)) << "the orphan survived";
  }
  EXPECT_EQ(Order(), "a\nb:1\n");
  ASSERT_TRUE(fs::exists(dir_ / ".gantry/workspaces")) << "b's workspace is left behind";
  auto clean = Gantry({"workspaces", "clean"});
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_THAT(clean.out, HasSubstr("1 workspace(s) removed"));
  EXPECT_TRUE(!fs::exists(dir_ / ".gantry/workspaces") || fs::is_empty(dir_ / ".gantry/workspaces"));
  EXPECT_TRUE(fs::exists(dir_ / ".gantry/state/default/a/.gantry-outputs.json"))
      << "cleaning never touches state";
  auto list = Gantry({"runs", "list"});
  EXPECT_THAT(list.out, HasSubstr("interrupted"));
  auto r = Gantry({"apply", "--resume", "last", "--summary", dir_ / "s.json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Order(), "a\nb:1\nb:1\n") << "a is not run again; its recorded output is used";
  nlohmann::json s = Summary(dir_ / "s.json");
  EXPECT_EQ(Component(s, "b")["status"], "ok");
  EXPECT_EQ(Component(s, "a")["status"], "ok");
  EXPECT_FALSE(Component(s, "a")["reused_from"].get<std::string>().empty());

  auto show = Gantry({"runs", "show", "last"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("reused"));
  r = Gantry({"apply", "--resume", "last"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Order(), "a\nb:1\nb:1\n") << "resuming a run that succeeded runs nothing";
  r = Gantry({"apply", "a", "--resume", "last"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("give no components"));
}

}  // namespace
}  // namespace gantry::cli
