// Test plugin "faulty": a plugin built to misbehave, so that tests can show a fault in a
// third-party plugin stays that plugin's and that component's (issue 19).
//
// Settings: `fault` (what to do; "none" by default), `fault_in` (the hook that does it:
// "execute" by default, or "validate", "discover") and `size` (bytes, for the faults
// that write or set something big). The faults:
//   none              returns ok
//   slow              returns ok after 200 ms (a run that lasts while others misbehave)
//   fail              reports "injected failure" and fails
//   retryable         reports "injected retryable failure" and asks for a retry
//   throw             throws a C++ exception out of execute
//   huge_output       sets the output `big` to `size` bytes (default 10 MB)
//   bad_utf8_output   sets the output `text` to bytes that are not UTF-8
//   bad_json_output   sets the output `doc`, flagged JSON, to text that is not JSON
//   no_newline        writes `size` bytes (default 100 MB) to stdout without a newline
//   null_arguments    calls every host function it may with NULL where a pointer goes
//   grandchild        starts a shell that leaves a child ignoring SIGTERM, and returns
//   echo_back         spawns `echo hello`, capturing its stdout, and writes "heard: " and
//                     what on_output received (not a fault: the relay of a plugin host)
//   busy_once         the first execute of the component in this process reports the
//                     resource "pool:faults" busy ("held by an injected holder"); the
//                     next returns ok (not a fault: BUSY through a plugin host)
//   late_calls        returns, leaving a thread that, once another execute has begun (so
//                     this hook has surely ended, at -j 1), keeps calling the host with
//                     the call handle of the finished hook until the process ends
// and, for the out-of-process plugin host (not driven in process: each ends the host):
//   segfault, abort, exit (exit(3) inside execute), hang (ignores cancellation).
// With FAULTY_HANG_IN_SHUTDOWN in its environment, its shutdown never returns.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include "gantry/json.hpp"
#include "gantry/plugin.hpp"

namespace {

namespace json = gantry::json;

// Counts executes begun in this process: late_calls' thread waits for the next one.
std::atomic<int> executes_started{0};

std::string Fault(const json::Value& settings) {
  const json::Value* fault = settings.find("fault");
  return fault != nullptr ? fault->as_string() : "none";
}

size_t Size(const json::Value& settings, size_t fallback) {
  const json::Value* size = settings.find("size");
  return size != nullptr ? static_cast<size_t>(size->as_int()) : fallback;
}

// Every host function that takes a pointer, given NULL for each: the host must refuse
// each call (or ignore it), not crash.
void CallWithNulls(const gantry_host* host, gantry_call* call) {
  host->log(call, 1, nullptr);
  host->write(call, GANTRY_STREAM_STDOUT, nullptr, 16);
  host->write(call, GANTRY_STREAM_STDERR, nullptr, 0);
  host->spawn(call, nullptr, nullptr);
  host->set_output(call, nullptr, "value", 0);
  host->set_output(call, "key", nullptr, 0);
  host->report_error(call, nullptr);
  host->add_dependency(call, nullptr, nullptr);
  host->get_extension(host, nullptr);
  if (GANTRY_STRUCT_HAS(host, gantry_host, report_diagnostic)) {
    host->report_diagnostic(call, GANTRY_DIAGNOSTIC_WARNING, nullptr, nullptr);
  }
  if (GANTRY_STRUCT_HAS(host, gantry_host, declare_output)) {
    host->declare_output(call, nullptr, 0, nullptr);
  }
  if (GANTRY_STRUCT_HAS(host, gantry_host, report_changes)) host->report_changes(call, nullptr);
  if (GANTRY_STRUCT_HAS(host, gantry_host, need_key)) {
    host->provide_key(call, nullptr);
    host->need_key(call, nullptr, nullptr);
  }
  if (GANTRY_STRUCT_HAS(host, gantry_host, propose_component)) {
    host->propose_component(call, nullptr);
  }
  // And a NULL call handle.
  host->write(nullptr, GANTRY_STREAM_STDOUT, "x", 1);
  host->set_output(nullptr, "key", "value", 0);
  host->report_error(nullptr, "no call");
  host->is_cancelled(nullptr);
}

class FaultyPlugin : public gantry::Plugin {
 public:
  // The plugin is destroyed by the ABI's shutdown: with FAULTY_HANG_IN_SHUTDOWN set in
  // its environment, shutdown never returns.
  ~FaultyPlugin() override {
    if (std::getenv("FAULTY_HANG_IN_SHUTDOWN") != nullptr) {
      for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }

  static gantry::PluginInfo Info() {
    return {"faulty", "1.0.0", "misbehaves as its settings say", {"faulty"}, {}, 0};
  }

  gantry::Status Validate(gantry::Call& call, const gantry::Component& c) override {
    return In(c, "validate") ? Misbehave(call, c) : gantry::Status::kOk;
  }

  gantry::Status Discover(gantry::Call& call, const gantry::Component& c) override {
    return In(c, "discover") ? Misbehave(call, c) : gantry::Status::kOk;
  }

  gantry::Status Execute(gantry::Call& call, const gantry::Component& c,
                         std::string_view) override {
    executes_started.fetch_add(1);
    return In(c, "execute") ? Misbehave(call, c) : gantry::Status::kOk;
  }

 private:
  static bool In(const gantry::Component& c, const std::string& hook) {
    const json::Value settings = json::Parse(c.settings_json);
    const json::Value* in = settings.find("fault_in");
    return (in != nullptr ? in->as_string() : "execute") == hook;
  }

  static gantry::Status Misbehave(gantry::Call& call, const gantry::Component& c) {
    const json::Value settings = json::Parse(c.settings_json);
    const std::string fault = Fault(settings);
    if (fault == "none") return gantry::Status::kOk;
    if (fault == "slow") {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      return gantry::Status::kOk;
    }
    if (fault == "fail") {
      call.Error("injected failure");
      return gantry::Status::kFailed;
    }
    if (fault == "retryable") {
      call.Error("injected retryable failure");
      return gantry::Status::kRetryable;
    }
    if (fault == "throw") throw std::runtime_error("injected exception");
    if (fault == "busy_once") {
      static std::mutex mu;
      static std::set<std::string> busy_before;
      std::lock_guard<std::mutex> lock(mu);
      if (!busy_before.insert(std::string(c.name)).second) return gantry::Status::kOk;
      if (call.ReportBusy("pool:faults", "held by an injected holder") != gantry::Status::kOk)
        return gantry::Status::kFailed;
      return gantry::Status::kBusy;
    }
    if (fault == "huge_output") {
      (void)call.SetOutput("big", std::string(Size(settings, 10u << 20), 'x'));
      return gantry::Status::kOk;
    }
    if (fault == "bad_utf8_output") {
      (void)call.SetOutput("text", "caf\xc3(\xff\xfe");
      return gantry::Status::kOk;
    }
    if (fault == "bad_json_output") {
      (void)call.SetOutput("doc", "{\"unclosed\": [1, 2", GANTRY_OUTPUT_JSON);
      return gantry::Status::kOk;
    }
    if (fault == "no_newline") {
      const std::string chunk(1u << 20, 'y');
      for (size_t left = Size(settings, 100u << 20); left > 0;) {
        const size_t n = left < chunk.size() ? left : chunk.size();
        call.Out(std::string_view(chunk.data(), n));
        left -= n;
      }
      return gantry::Status::kOk;
    }
    if (fault == "null_arguments") {
      CallWithNulls(call.host(), call.raw());
      return gantry::Status::kOk;
    }
    if (fault == "grandchild") {
      gantry::SpawnOptions options;
      // The shell ends at once; its child ignores SIGTERM and would sleep for minutes.
      options.argv = {"/bin/sh", "-c",
                      "(trap '' TERM; exec sleep 300) >/dev/null 2>&1 & echo left $!"};
      return call.Spawn(options).ok() ? gantry::Status::kOk : gantry::Status::kFailed;
    }
    if (fault == "echo_back") {
      gantry::SpawnOptions options;
      options.argv = {"echo", "hello"};
      options.capture_stdout = true;
      std::string heard;
      options.on_output = [&](int32_t, std::string_view data) { heard.append(data); };
      const bool ran = call.Spawn(options).ok();
      call.Out("heard: " + heard);
      return ran ? gantry::Status::kOk : gantry::Status::kFailed;
    }
    if (fault == "late_calls") {
      const gantry_host* host = call.host();
      gantry_call* handle = call.raw();
      const int mine = executes_started.load();
      std::thread([host, handle, mine] {
        // Past the hook's end whatever the scheduling: once another execute has started
        // (at -j 1, after this one ended), these calls are all late.
        while (executes_started.load() == mine)
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        for (;;) {
          host->write(handle, GANTRY_STREAM_STDOUT, "late\n", 5);
          host->set_output(handle, "late", "value", 0);
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      }).detach();
      return gantry::Status::kOk;
    }
    if (fault == "segfault") std::raise(SIGSEGV);
    if (fault == "abort") std::abort();
    if (fault == "exit") std::exit(3);
    if (fault == "hang") {
      for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    call.Error("unknown fault '" + fault + "'");
    return gantry::Status::kFailed;
  }
};

}  // namespace

GANTRY_PLUGIN(FaultyPlugin)
