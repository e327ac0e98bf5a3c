// No process started for a component outlives it, nor gantry, however gantry ends; a
// closed stdout or events reader never ends the run.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/background_gantry.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/processes.h"
#include "tests/testing/read_text.h"
#include "tests/testing/summary_component.h"
#include "tests/testing/temp_dir.h"

extern char** environ;

namespace gantry::cli {
namespace {

namespace fs = std::filesystem;
using ::gantry::testing::ReadText;
using ::testing::HasSubstr;
using gantry::testing::BackgroundGantry;
using gantry::testing::ChildrenOf;
using gantry::testing::CommandLine;
using gantry::testing::Eventually;
using gantry::testing::ProcessGone;

/// The pid a component wrote to `path`, once it is there.
pid_t PidIn(const std::string& path) {
  pid_t pid = 0;
  EXPECT_TRUE(Eventually([&] {
    std::ifstream in(path);
    return static_cast<bool>(in >> pid) && pid > 0;
  })) << path;
  return pid;
}

class NoSurvivorsCliTest : public ::testing::Test {
 protected:
  void Deployment(const std::string& components) {
    dir_.Write("gantry.toml", "[gantry]\nmax_concurrency = 1\n\n" + components);
  }
  gantry::testing::CliResult Gantry(std::vector<std::string> args) {
    return gantry::testing::RunGantry(args, dir_.path(), Env());
  }
  std::vector<std::string> Env() const {
    return {"GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=", "GITHUB_STEP_SUMMARY=", "DIR=" + dir_.path()};
  }
  nlohmann::json Summary(const std::string& path) {
    return nlohmann::json::parse(ReadText(path), nullptr, false);
  }
  std::string Status(const nlohmann::json& summary, const std::string& name) {
    const nlohmann::json c = gantry::testing::SummaryComponent(summary, name);
    return c.is_null() ? "missing" : c["status"].get<std::string>();
  }

  gantry::testing::TempDir dir_;
};

/// A shell component; `apply` is its command (TOML basic-string escapes apply).
std::string ShellApply(const std::string& name, const std::string& apply,
                       const std::string& extra = "") {
  return "[components." + name + "]\ntype = \"custom\"\nshell = true\ncommands.apply = \"" + apply +
         "\"\n" + extra + "\n";
}

TEST_F(NoSurvivorsCliTest, DaemonsAComponentStartsEndWithIt) {
  // One leaves its group with setsid, one is orphaned by a subshell (a double fork).
  Deployment(ShellApply("daemons",
                       "setsid sleep 300 & echo $! > $DIR/setsid.pid; "
                       "(sleep 301 & echo $! > $DIR/orphan.pid); echo started") +
             ShellApply("after", "echo after > $DIR/after.txt", "depends_on = [\"daemons\"]"));
  auto r = Gantry({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const pid_t setsid_pid = PidIn(dir_ / "setsid.pid");
  const pid_t orphan_pid = PidIn(dir_ / "orphan.pid");
  EXPECT_TRUE(ProcessGone(setsid_pid)) << "the setsid'd grandchild outlived its component";
  EXPECT_TRUE(ProcessGone(orphan_pid)) << "the orphaned grandchild outlived its component";
  // The setsid'd one is found by its tag (the subshell's orphan stayed in the component's
  // process group, which is killed as a whole, so it may be gone before the sweep).
  EXPECT_THAT(r.out, HasSubstr("[daemons] gantry: killed "));
  EXPECT_THAT(r.out, HasSubstr(" left running: "));
  EXPECT_THAT(r.out, HasSubstr(std::to_string(setsid_pid) + " (sleep)"));
  EXPECT_EQ(ReadText(dir_ / "after.txt"), "after\n");
}

TEST_F(NoSurvivorsCliTest, KillNineOfGantryStopsEveryProcessOfTheRun) {
  // A grandchild in a session of its own that ignores SIGTERM, and a plain child.
  Deployment(ShellApply("stubborn",
                       "setsid sh -c 'trap \\\"\\\" TERM; echo $$ > $DIR/setsid.pid; "
                       "while true; do sleep 0.2; done' & "
                       "sleep 300 & echo $! > $DIR/child.pid; wait"));
  BackgroundGantry gantry({"apply"}, dir_.path(), dir_ / "log", Env());
  const pid_t setsid_pid = PidIn(dir_ / "setsid.pid");
  const pid_t child_pid = PidIn(dir_ / "child.pid");
  ASSERT_FALSE(ProcessGone(setsid_pid));
  gantry.Signal(SIGKILL);
  EXPECT_EQ(gantry.Wait(), 128 + SIGKILL);
  // The guardian asks with SIGTERM, then kills after its 5 s grace.
  EXPECT_TRUE(Eventually([&] { return ProcessGone(child_pid); }, 5)) << "the child survived";
  EXPECT_TRUE(Eventually([&] { return ProcessGone(setsid_pid); }, 15))
      << "the setsid'd grandchild ignoring SIGTERM survived";
}

TEST_F(NoSurvivorsCliTest, HangUpCancelsLikeAnInterrupt) {
  Deployment(ShellApply("long", "sleep 300 & echo $! > $DIR/child.pid; wait") +
             ShellApply("after", "echo after > $DIR/after.txt", "depends_on = [\"long\"]"));
  BackgroundGantry gantry({"apply", "--summary", dir_ / "s.json"}, dir_.path(), dir_ / "log", Env());
  const pid_t child = PidIn(dir_ / "child.pid");
  gantry.Signal(SIGHUP);
  EXPECT_EQ(gantry.Wait(), 130) << ReadText(dir_ / "log");
  EXPECT_TRUE(ProcessGone(child));
  nlohmann::json s = Summary(dir_ / "s.json");
  EXPECT_EQ(Status(s, "long"), "cancelled");
  EXPECT_EQ(Status(s, "after"), "skipped");
}

TEST_F(NoSurvivorsCliTest, TerminateCancelsLikeAnInterrupt) {
  Deployment(ShellApply("long", "sleep 300 & echo $! > $DIR/child.pid; wait"));
  BackgroundGantry gantry({"apply", "--summary", dir_ / "s.json"}, dir_.path(), dir_ / "log", Env());
  const pid_t child = PidIn(dir_ / "child.pid");
  gantry.Signal(SIGTERM);
  EXPECT_EQ(gantry.Wait(), 130) << ReadText(dir_ / "log");
  EXPECT_TRUE(ProcessGone(child));
  EXPECT_EQ(Status(Summary(dir_ / "s.json"), "long"), "cancelled");
}

TEST_F(NoSurvivorsCliTest, AClosedStdoutDoesNotEndTheRun) {
  // As `gantry apply | head -1`: the reader is gone before gantry writes.
  // The environment is the test's own here: no $DIR.
  Deployment(ShellApply("chatty", "seq 1 2000") +
             ShellApply("after", "echo after > " + dir_ / "after.txt", "depends_on = [\"chatty\"]"));
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const std::string err_path = dir_ / "err";
  std::vector<std::string> args = {GANTRY_BINARY, "apply", "--summary", dir_ / "s.json"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addchdir_np(&actions, dir_.path().c_str());
  close(out[0]);  // Before the spawn: the very first write meets a closed pipe.
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "gantry died of signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0) << ReadText(err_path);
  EXPECT_THAT(ReadText(err_path), HasSubstr("console output stopped at a write that failed"));
  nlohmann::json s = Summary(dir_ / "s.json");
  EXPECT_EQ(Status(s, "chatty"), "ok");
  EXPECT_EQ(Status(s, "after"), "ok");
  EXPECT_EQ(ReadText(dir_ / "after.txt"), "after\n");
  std::string log;
  for (const nlohmann::json& c : s["components"])
    if (c["name"] == "chatty") log = ReadText(c["log"].get<std::string>());
  EXPECT_THAT(log, HasSubstr("\n2000\n")) << "the log holds everything";
}

TEST_F(NoSurvivorsCliTest, AnEventsReaderThatQuitsDoesNotEndTheRun) {
  Deployment(ShellApply("first", "sleep 0.3") +
             ShellApply("second", "echo second > $DIR/second.txt", "depends_on = [\"first\"]"));
  const std::string fifo = dir_ / "events.fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // Reads the first event, then goes away mid-run.
  std::thread reader([&] {
    std::ifstream in(fifo);
    std::string line;
    std::getline(in, line);
  });
  auto r = Gantry({"apply", "--events", fifo, "--summary", dir_ / "s.json"});
  reader.join();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("--events"));
  EXPECT_EQ(Status(Summary(dir_ / "s.json"), "second"), "ok");
  EXPECT_EQ(ReadText(dir_ / "second.txt"), "second\n");
  auto list = Gantry({"runs", "show", "last"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("second"));
}

TEST_F(NoSurvivorsCliTest, ResumeAndCleanRefuseWhileADeadRunsProcessesStillRun) {
  Deployment(ShellApply("worker", "if [ ! -e $DIR/once ]; then touch $DIR/once; "
                                 "echo $$ > $DIR/worker.pid; exec sleep 300; fi; echo resumed"));
  pid_t worker = 0;
  {
    BackgroundGantry gantry({"apply"}, dir_.path(), dir_ / "log", Env());
    worker = PidIn(dir_ / "worker.pid");
    // Its guardian first, then gantry: nothing is left to stop the worker.
    pid_t guardian = 0;
    ASSERT_TRUE(Eventually([&] {
      for (pid_t child : ChildrenOf(gantry.pid()))
        if (CommandLine(child).find("--guard-run") != std::string::npos) guardian = child;
      return guardian > 0;
    }));
    kill(guardian, SIGKILL);
    gantry.Signal(SIGKILL);
    gantry.Wait();
  }
  ASSERT_FALSE(ProcessGone(worker));
  const std::string pid_text = std::to_string(worker) + " (sleep)";

  auto clean = Gantry({"workspaces", "clean"});
  EXPECT_EQ(clean.exit_code, 1) << clean.out << clean.err;
  EXPECT_THAT(clean.err, HasSubstr(pid_text));
  EXPECT_FALSE(fs::is_empty(dir_ / ".gantry/workspaces")) << "its workspace is in use";

  auto resumed = Gantry({"apply", "--resume", "last"});
  EXPECT_EQ(resumed.exit_code, 1) << resumed.out << resumed.err;
  EXPECT_THAT(resumed.out, HasSubstr(pid_text));
  EXPECT_THAT(resumed.out, HasSubstr("still running"));
  EXPECT_FALSE(ProcessGone(worker)) << "gantry never kills another run's processes";

  kill(worker, SIGKILL);
  ASSERT_TRUE(Eventually([&] { return ProcessGone(worker); }));
  resumed = Gantry({"apply", "--resume", "last"});
  EXPECT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  EXPECT_THAT(resumed.out, HasSubstr("resumed"));
}

}  // namespace
}  // namespace gantry::cli
