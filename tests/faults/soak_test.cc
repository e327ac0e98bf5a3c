// Soak: one process runs a 2,000-component deployment at -j 64 five times in a row (two
// under ASan) — half through the custom type running /bin/true, half through the
// "faulty" plugin doing nothing in its plugin host. A first run warms the process up (the
// leftover sweep opens its /proc list once, malloc makes its per-thread arenas); after it
// and after each later run, the process has exactly the file descriptors and threads it
// had, its heap in use has not grown by more than a margin, its resident memory stays
// within a bound, and every run's results are the same.
#include <fcntl.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/cli/checked_graph.h"
#include "core/config/config_loader.h"
#include "core/plugin/plugin_registry.h"
#include "core/run/run_driver.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/build_paths.h"
#include "tests/testing/processes.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::run {
namespace {

namespace fs = std::filesystem;

// Not under ASan: its allocator keeps freed memory in quarantine and mallinfo2 does not see
// its heap; a leak shows in LeakSanitizer's report at exit instead.
bool MeasuresMemory() { return gantry::testing::Sanitizer() != "address"; }

constexpr int kComponents = 2000;
// Five runs after the first; two under ASan, where the heap's growth, which needs the
// five, is not measured: what it checks (descriptors, threads, children, results after
// each run; leaks and memory errors) two runs show as well (five took 39 s under ASan).
int Runs() { return MeasuresMemory() ? 5 : 2; }

size_t Entries(const char* dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++n;
  return n;
}

// Bytes the program has allocated and not freed, in every malloc arena.
size_t HeapInUse() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

long ResidentKib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// Every 10th component depends on the one 10 before it, so that order matters too.
std::string Deployment() {
  std::ostringstream toml;
  for (int i = 0; i < kComponents; ++i) {
    toml << "[components.c" << i << "]\n";
    if (i % 2 == 0) {
      toml << "type = \"custom\"\ncommands.apply = [\"/bin/true\"]\n";
    } else {
      toml << "type = \"faulty\"\n";
    }
    if (i % 10 == 0 && i >= 10) toml << "depends_on = [\"c" << i - 10 << "\"]\n";
  }
  return toml.str();
}

// component -> status, from a summary file.
std::map<std::string, std::string> Statuses(const std::string& summary_file) {
  std::map<std::string, std::string> statuses;
  const nlohmann::json summary = nlohmann::json::parse(gantry::testing::ReadText(summary_file));
  for (const nlohmann::json& c : summary["components"]) statuses[c["name"]] = c["status"];
  return statuses;
}

TEST(SoakTest, FiveRunsOfTwoThousandComponentsLeaveNothingBehind) {
  gantry::testing::TempDir dir;
  const std::string file = dir.Write("gantry.toml", Deployment());
  absl::StatusOr<config::Deployment> deployment = config::LoadDeployment(file, "default", true);
  ASSERT_TRUE(deployment.ok()) << deployment.status();
  plugin::PluginPolicy policy = plugin::DefaultPluginPolicy();
  policy.every = plugin::Isolation::kProcess;  // the faulty plugin's hooks cross the socket
  policy.by_name["custom"] = plugin::Isolation::kInProcess;
  std::unique_ptr<plugin::PluginRegistry> plugins = plugin::PluginRegistry::Load(
      {fs::path(GANTRY_CUSTOM_PLUGIN).parent_path(), GANTRY_FAULTY_PLUGIN_DIR}, policy);
  ASSERT_TRUE(plugins->errors().empty()) << plugins->errors()[0].message;
  std::ostringstream problems;
  std::optional<graph::Graph> graph = cli::CheckAndBuildGraph(*deployment, *plugins, problems);
  ASSERT_TRUE(graph.has_value()) << problems.str();

  const std::string cwd = fs::current_path();
  fs::current_path(dir.path());
  const auto run_once = [&](int run) {
    RunOptions options;
    options.max_concurrency = "64";
    options.keep_going = true;
    options.output_mode = "quiet";
    options.summary_file = dir.path() + "/summary-" + std::to_string(run) + ".json";
    std::ostringstream out, err;
    // The console's 4,000 status lines a run go to /dev/null, not the test's log.
    const int console = dup(STDOUT_FILENO);
    const int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    dup2(null, STDOUT_FILENO);
    close(null);
    EXPECT_EQ(ExecuteRun(*deployment, *plugins, *graph, options, out, err), 0) << err.str();
    std::fflush(stdout);
    dup2(console, STDOUT_FILENO);
    close(console);
    return Statuses(options.summary_file);
  };
  const std::map<std::string, std::string> first = run_once(0);
  EXPECT_EQ(first.size(), static_cast<size_t>(kComponents));
  for (const auto& [name, status] : first) EXPECT_EQ(status, "ok") << name;
  const size_t fds = Entries("/proc/self/fd");
  const size_t threads = Entries("/proc/self/task");
  const std::vector<pid_t> children = gantry::testing::ChildrenOf(getpid());  // the plugin host
  const size_t heap = HeapInUse();
  const long rss = ResidentKib();
  std::printf("after the first run: %zu fds, %zu threads, %zu KiB heap in use, %ld KiB "
              "resident\n", fds, threads, heap / 1024, rss);
  std::fflush(stdout);  // before the next run points stdout at /dev/null
  for (int run = 1; run <= Runs(); ++run) {
    SCOPED_TRACE("run " + std::to_string(run));
    EXPECT_EQ(run_once(run), first);
    EXPECT_EQ(Entries("/proc/self/fd"), fds) << "file descriptors left open";
    EXPECT_EQ(Entries("/proc/self/task"), threads) << "threads left running";
    EXPECT_EQ(gantry::testing::ChildrenOf(getpid()), children) << "processes left running";
    if (MeasuresMemory()) {
      // A leak of 32 bytes per component would be 64 KiB a run. Once, the second run adds
      // ~264 KiB (malloc's mmap threshold adapts after the first frees), then +1 KiB a run.
      EXPECT_LT(HeapInUse(), heap + (512u << 10) + run * (64u << 10)) << "the heap in use grew";
      // Freed memory malloc keeps in its 16 arenas (64 threads on 2 cores) is resident
      // too, and settles over runs: measured +0.6..2.5 MB after five.
      EXPECT_LT(ResidentKib(), rss + 8 * 1024) << "resident memory grew";
    }
    std::printf("run %d: %zu fds, %zu threads, %zu KiB heap in use, %ld KiB resident\n", run,
                Entries("/proc/self/fd"), Entries("/proc/self/task"), HeapInUse() / 1024,
                ResidentKib());
    std::fflush(stdout);
  }
  fs::current_path(cwd);
}

}  // namespace
}  // namespace gantry::run
