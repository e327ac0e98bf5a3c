// What running a plugin out of process costs per call (issue 19): the no-op plugin
// (bench/noop_plugin.cc) loaded in process and in a plugin host (gantry-plugin-host), and
// for each, M execute calls that do nothing, that make one host call nothing answers
// (write), and that make one host call the plugin waits for (is_cancelled), from 1 and
// from 2 threads at once. Also the time to start a plugin host and load the plugin, and
// to shut it down.
//
//   isolation-overhead [--calls 20000] [--runs 5]
//
// Prints a markdown table of medians over --runs: us per call, and the ratio to in
// process. Needs gantry-plugin-host beside it or in $GANTRY_PLUGIN_HOST.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "bench/null_call_context.h"
#include "core/plugin/call_context.h"
#include "core/plugin/component_view.h"
#include "core/plugin/loaded_plugin.h"
#include "core/plugin/plugin_loader.h"
#include "core/plugin/process_hooks.h"

namespace {

using Clock = std::chrono::steady_clock;

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double Seconds(Clock::time_point from) {
  return std::chrono::duration<double>(Clock::now() - from).count();
}

// us per call: `calls` executes of `operation`, split over `threads` threads.
double TimeCalls(const gantry::plugin::LoadedPlugin& plugin, const std::string& operation,
                 int calls, int threads) {
  gantry::plugin::ComponentData data;
  data.name = "bench";
  data.type = "noop";
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      NullCallContext context;
      for (int i = 0; i < calls / threads; ++i) {
        if (plugin.Execute(context, data, operation) != GANTRY_STATUS_OK) std::abort();
      }
    });
  }
  for (std::thread& w : workers) w.join();
  return Seconds(start) * 1e6 / calls;
}

}  // namespace

int main(int argc, char** argv) {
  int calls = 20000, runs = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--calls") calls = std::atoi(argv[i + 1]);
    else if (arg == "--runs") runs = std::atoi(argv[i + 1]);
  }
  const std::string path = GANTRY_BENCH_NOOP_PLUGIN;
  auto in_process = gantry::plugin::LoadPlugin(path);
  if (!in_process.ok()) {
    std::fprintf(stderr, "%s\n", std::string(in_process.status().message()).c_str());
    return 1;
  }
  std::vector<double> start_s, stop_s;
  std::unique_ptr<gantry::plugin::LoadedPlugin> in_host;
  for (int r = 0; r < runs; ++r) {
    const auto start = Clock::now();
    auto loaded = gantry::plugin::LoadPluginInHost(path);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", std::string(loaded.status().message()).c_str());
      return 1;
    }
    start_s.push_back(Seconds(start));
    if (r + 1 == runs) {
      in_host = *std::move(loaded);
      break;
    }
    const auto stop = Clock::now();
    loaded->reset();
    stop_s.push_back(Seconds(stop));
  }
  std::printf("calls: %d per cell, runs: %d (median), plugin: %s\n\n", calls, runs, path.c_str());
  std::printf("| execute that | threads | in process us/call | plugin host us/call | ratio |\n");
  std::printf("| --- | --- | --- | --- | --- |\n");
  const char* const kinds[][2] = {{"apply", "does nothing"},
                                  {"write", "calls write (no answer)"},
                                  {"ask", "calls is_cancelled (answered)"}};
  for (const auto& kind : kinds) {
    for (int threads : {1, 2}) {
      std::vector<double> local, remote;
      for (int r = 0; r < runs; ++r) {
        local.push_back(TimeCalls(**in_process, kind[0], calls, threads));
        remote.push_back(TimeCalls(*in_host, kind[0], calls, threads));
      }
      std::printf("| %s | %d | %.3f | %.2f | %.0fx |\n", kind[1], threads, Median(local),
                  Median(remote), Median(remote) / Median(local));
      std::fflush(stdout);
    }
  }
  std::printf("\nStarting a plugin host and loading the plugin: %.2f ms; shutting it down: "
              "%.2f ms (medians).\n",
              Median(start_s) * 1e3, stop_s.empty() ? 0.0 : Median(stop_s) * 1e3);
  return 0;
}
