// Gantry SDK test kit: a fake host for unit-testing a plugin without gantry.
//
//   gantry::testing::FakeHost host = gantry::testing::FakeHost::Load("build/hello.so");
//   gantry::testing::CallRecord r =
//       host.Execute(gantry::testing::FakeComponent("greeter", "hello"), "apply");
//   EXPECT_EQ(r.status, GANTRY_STATUS_OK);
//   EXPECT_EQ(r.outputs.at("greeting").value, "hello, greeter");
//
// FakeHost loads a plugin module as the host does (or takes an entry function linked into
// the test), hands it a complete gantry_host table, calls its hooks with a component you
// describe and records everything the plugin does through the host: writes, outputs,
// errors, logs, dependencies and spawns. Spawned children run for real by default, or are
// scripted with OnSpawn(). Every spawn member of release 0.2 is honoured (stdin data or
// file, GANTRY_SPAWN_LINES, stop_timeout_ms) and recorded in SpawnSeen. It refuses what
// the host refuses (an empty output key, outputs outside execute, spawns outside execute,
// a spawn with both stdin data and a stdin file) and records the refusal as the host would.
//
// Header-only, C++17, POSIX. Link with ${CMAKE_DL_LIBS} (the CMake target Gantry::testing
// does). Every FakeHost member may be called from any thread; host functions may be
// called from threads the plugin starts while a hook runs.
#ifndef GANTRY_TESTING_FAKE_HOST_HPP
#define GANTRY_TESTING_FAKE_HOST_HPP

#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gantry/json.hpp"
#include "gantry/plugin.h"
#include "gantry/testing/detail/child_process.hpp"
#include "gantry/testing/detail/line_splitter.hpp"

namespace gantry {
namespace testing {

/// Thrown by FakeHost::Load and the FakeHost constructor when the plugin cannot be
/// loaded or refuses the host; what() names the module and the reason.
class FakeHostError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The component handed to a hook. Fields default as the host fills them; the With*
/// setters return *this for chaining.
struct FakeComponent {
  std::string name;                   ///< e.g. "network/vpc"
  std::string type;                   ///< one of the plugin's component types
  std::string target = "default";     ///< target (environment) name
  std::string source_dir;             ///< the component's sources (read-only for plugins)
  std::string work_dir;               ///< children's default cwd; empty outside execute
  std::string state_dir;              ///< persistent per-component directory
  std::string settings_json = "{}";   ///< type-specific settings, a JSON object
  std::string vars_json = "{}";       ///< vars, a JSON object
  std::string sensitive_json = "[]";  ///< names of sensitive vars, a JSON array
  std::string project_dir;            ///< the directory holding gantry.toml
  std::string cache_dir;              ///< the plugin's shared cache directory
  std::string plan_dir;               ///< 0.3: where the saved plan lives; empty: none

  FakeComponent() = default;
  /// A component called `name` of type `type`.
  FakeComponent(std::string component_name, std::string component_type)
      : name(std::move(component_name)), type(std::move(component_type)) {}

  FakeComponent& WithTarget(std::string v) {
    target = std::move(v);
    return *this;
  }
  FakeComponent& WithSourceDir(std::string v) {
    source_dir = std::move(v);
    return *this;
  }
  FakeComponent& WithWorkDir(std::string v) {
    work_dir = std::move(v);
    return *this;
  }
  FakeComponent& WithStateDir(std::string v) {
    state_dir = std::move(v);
    return *this;
  }
  FakeComponent& WithSettings(std::string json) {
    settings_json = std::move(json);
    return *this;
  }
  FakeComponent& WithVars(std::string json) {
    vars_json = std::move(json);
    return *this;
  }
  FakeComponent& WithSensitive(std::string json) {
    sensitive_json = std::move(json);
    return *this;
  }
  FakeComponent& WithProjectDir(std::string v) {
    project_dir = std::move(v);
    return *this;
  }
  FakeComponent& WithCacheDir(std::string v) {
    cache_dir = std::move(v);
    return *this;
  }
  FakeComponent& WithPlanDir(std::string v) {
    plan_dir = std::move(v);
    return *this;
  }

  /// The ABI view; points into this object, valid while it is alive and unchanged.
  gantry_component View() const {
    gantry_component c{};
    c.struct_size = sizeof c;
    c.abi_version = GANTRY_ABI_VERSION;
    c.name = name.c_str();
    c.type = type.c_str();
    c.target = target.c_str();
    c.source_dir = source_dir.c_str();
    c.work_dir = work_dir.c_str();
    c.state_dir = state_dir.c_str();
    c.settings_json = settings_json.c_str();
    c.vars_json = vars_json.c_str();
    c.sensitive_json = sensitive_json.c_str();
    c.project_dir = project_dir.c_str();
    c.cache_dir = cache_dir.c_str();
    c.plan_dir = plan_dir.c_str();
    return c;
  }
};

/// One set_output: the value and its GANTRY_OUTPUT_* flags.
struct OutputSet {
  std::string value;
  uint32_t flags = 0;
};

/// One log line: GANTRY_LOG_* level (as the plugin passed it) and text.
struct LogLine {
  int32_t level = 0;
  std::string text;
};

/// One add_dependency: this component needs `component` because of `reason`.
struct Dependency {
  std::string component;
  std::string reason;
};

/// A spawn request as the plugin made it (members past its struct_size read as empty).
struct SpawnSeen {
  std::vector<std::string> argv;
  std::vector<std::string> env;  ///< "NAME=value" entries, as given
  std::string cwd;               ///< as given; empty when NULL (the component's work_dir)
  uint32_t flags = 0;            ///< GANTRY_SPAWN_* flags
  std::optional<std::string> stdin_data;  ///< stdin_data bytes; nullopt when NULL
  std::string stdin_path;        ///< stdin_path; empty when NULL
  uint32_t stop_timeout_ms = 0;  ///< as given; 0: the default (5000)

  /// True when `flag` (a GANTRY_SPAWN_* flag) was set.
  bool Has(uint32_t flag) const { return (flags & flag) != 0; }
};

/// What a scripted child "did": its output and how it ended. It reads nothing: its stdin
/// is in the SpawnSeen the script gets (a stdin file must still exist, as for real).
struct ScriptedChild {
  int32_t exit_code = 0;    ///< reported exit status (-1 with term_signal)
  std::string stdout_text;  ///< delivered as one stdout chunk
  std::string stderr_text;  ///< delivered as one stderr chunk, after stdout
  int32_t term_signal = 0;  ///< the signal that "ended" it, or 0
};

/// Decides what a spawn does instead of running a program.
using SpawnScript = std::function<ScriptedChild(const SpawnSeen&)>;

/// One report_diagnostic call.
struct DiagnosticSeen {
  int32_t severity = GANTRY_DIAGNOSTIC_ERROR;  ///< GANTRY_DIAGNOSTIC_*
  std::string setting;                         ///< dotted path; empty: the component
  std::string message;
};

/// One declared output: from declare_output (CallRecord::declared_outputs) or from the
/// descriptor's static list (FakeHost::outputs()).
struct OutputDeclared {
  std::string name;
  uint32_t flags = 0;        ///< GANTRY_OUTPUT_SENSITIVE or 0
  std::string description;   ///< empty when NULL
  bool sensitive() const { return (flags & GANTRY_OUTPUT_SENSITIVE) != 0; }
};

/// One setting of the descriptor's static list (FakeHost::settings()).
struct SettingDeclared {
  std::string name;
  uint32_t types = 0;        ///< GANTRY_SETTING_* kinds ORed
  uint32_t item_types = 0;   ///< kinds of a list's items or a table's values; 0 for any
  uint32_t flags = 0;        ///< GANTRY_SETTING_REQUIRED, _SENSITIVE, _REFERENCES
  std::string default_json;  ///< empty when NULL
  std::vector<std::string> allowed;  ///< empty: any
  std::string description;   ///< empty when NULL
  bool required() const { return (flags & GANTRY_SETTING_REQUIRED) != 0; }
  bool sensitive() const { return (flags & GANTRY_SETTING_SENSITIVE) != 0; }
};

/// One need_key: this component needs what `key` names because of `reason`.
struct NeedSeen {
  std::string key;
  std::string reason;
};

/// One report_file (discover, 0.8): `path` as given, `reason` ("" for NULL).
struct FileSeen {
  std::string path;
  std::string reason;
};

/// One propose_component (recognize, 0.4), its strings copied ("" for NULL).
struct ProposalSeen {
  std::string type;
  std::string source_dir;
  std::string name;
  std::string settings_json;
  std::string note;
};

/// Everything one hook call did through the host, in the order it happened.
struct CallRecord {
  gantry_status status = GANTRY_STATUS_OK;  ///< what the hook returned
  std::string stdout_text;  ///< write(STDOUT) plus children's stdout (unless captured)
  std::string stderr_text;  ///< write(STDERR) plus children's stderr
  std::map<std::string, OutputSet> outputs;  ///< set_output, last value per key
  std::vector<std::string> errors;           ///< report_error, error diagnostics
  std::vector<DiagnosticSeen> diagnostics;   ///< report_diagnostic, errors and warnings
  /// Requests the host refused (it returned GANTRY_STATUS_FAILED and showed the reason
  /// as a warning): a bad output key, set_output outside execute, add_dependency during
  /// execute, an unknown stream id.
  std::vector<std::string> refusals;
  std::vector<LogLine> logs;                 ///< log
  std::vector<Dependency> dependencies;      ///< add_dependency (validate/discover)
  std::vector<OutputDeclared> declared_outputs;  ///< declare_output (discover), in order
  std::vector<SpawnSeen> spawns;             ///< every spawn request, refused ones too
  /// The last report_changes (execute); its `summary` is cleared (the plugin's string
  /// lives only during the call): see changes_summary.
  std::optional<gantry_changes> changes;
  std::string changes_summary;  ///< the last report_changes' summary (0.3); "" for none
  std::vector<std::string> provided_keys;    ///< provide_key (discover), in order
  std::vector<NeedSeen> needed_keys;         ///< need_key (discover), in order
  std::vector<ProposalSeen> proposals;       ///< propose_component (recognize), in order
  /// report_busy (execute, 0.7), the last one: {resource ("" : the component's own),
  /// reason}; nullopt for none.
  std::optional<std::pair<std::string, std::string>> busy;
  std::vector<FileSeen> reported_files;      ///< report_file (discover, 0.8), in order
};

namespace detail {

enum class Phase { kValidate, kDiscover, kExecute, kRecognize };

struct HostState;

/// The state behind one gantry_call handle: the plugin sees only its address.
struct ActiveCall {
  HostState* host = nullptr;
  Phase phase = Phase::kValidate;
  std::string work_dir;  // recognize: the directory being recognised
  std::mutex mu;  // guards record: plugins may call in from their own threads
  CallRecord record;
};

/// Everything a FakeHost owns, behind a pointer so that FakeHost can be moved.
struct HostState {
  std::string path;
  void* library = nullptr;  // dlopen handle, or NULL for a linked-in entry
  const gantry_plugin* original = nullptr;
  gantry_plugin descriptor{};  // zeroed copy: members the plugin lacks read as NULL
  std::string name, version, description;
  std::vector<std::string> types, operations;
  bool declares_outputs = false;
  std::vector<OutputDeclared> outputs;  // the descriptor's static list
  bool declares_settings = false;
  std::vector<SettingDeclared> settings;  // the descriptor's static list
  std::mutex serial;  // serializes hooks of a plugin without GANTRY_CAP_CONCURRENT
  CancelState cancel;
  std::mutex spawn_mu;  // guards the members below
  SpawnScript script;
  uint64_t spawns = 0;
  uint64_t cancel_at = 0;  // cancel once `spawns` reaches it; 0: never

  ~HostState() {
    // shutdown runs while the code is still mapped; the library is closed after.
    if (original != nullptr && descriptor.shutdown != nullptr) descriptor.shutdown(original);
    if (library != nullptr) ::dlclose(library);
  }
};

inline ActiveCall* CallOf(gantry_call* call) { return reinterpret_cast<ActiveCall*>(call); }
inline std::string Str(const char* s) { return s != nullptr ? std::string(s) : std::string(); }
inline std::vector<std::string> StringList(const char* const* list) {
  std::vector<std::string> out;
  for (; list != nullptr && *list != nullptr; ++list) out.emplace_back(*list);
  return out;
}

inline void AddError(ActiveCall* call, std::string message) {
  std::lock_guard<std::mutex> lock(call->mu);
  call->record.errors.push_back(std::move(message));
}

inline gantry_status Refuse(ActiveCall* call, std::string why) {
  std::lock_guard<std::mutex> lock(call->mu);
  call->record.refusals.push_back(std::move(why));
  return GANTRY_STATUS_FAILED;
}

// The host's output key rule (core/plugin/output_key.cc): a letter or '_', then letters,
// digits, '_' and '-', at most 128 bytes. Returns why `key` breaks it, or "".
inline std::string OutputKeyProblem(const std::string& key) {
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (key.empty()) return "an output needs a non-empty key";
  if (key.size() > 128) return "output key '" + key.substr(0, 40) + "...' is longer than 128 bytes";
  bool ok = alpha(key[0]) || key[0] == '_';
  for (const char c : key) ok = ok && (alpha(c) || digit(c) || c == '_' || c == '-');
  return ok ? "" : "output key '" + key + "' is refused: an output key starts with a letter "
                   "or '_' and holds only letters, digits, '_' and '-'";
}

inline void Append(ActiveCall* call, int32_t stream, const char* data, size_t size) {
  std::lock_guard<std::mutex> lock(call->mu);
  (stream == GANTRY_STREAM_STDOUT ? call->record.stdout_text : call->record.stderr_text)
      .append(data, size);
}

// The host functions. Like the real host they tolerate NULL handles and strings: a
// plugin bug becomes a failed status or a recorded error, never a crash of the test.

inline void HostLog(gantry_call* handle, int32_t level, const char* message) {
  if (ActiveCall* call = CallOf(handle)) {
    std::lock_guard<std::mutex> lock(call->mu);
    call->record.logs.push_back(LogLine{level, Str(message)});
    return;
  }
  std::cerr << "fake host: plugin log outside a hook: " << Str(message) << "\n";
}

inline gantry_status HostWrite(gantry_call* handle, int32_t stream, const char* data,
                               uint64_t size) {
  ActiveCall* call = CallOf(handle);
  if (call == nullptr || (data == nullptr && size > 0)) return GANTRY_STATUS_FAILED;
  if (stream != GANTRY_STREAM_STDOUT && stream != GANTRY_STREAM_STDERR)
    return Refuse(call, "write: unknown stream id " + std::to_string(stream));
  if (size > 0) Append(call, stream, data, static_cast<size_t>(size));
  return GANTRY_STATUS_OK;
}

inline SpawnSeen ReadRequest(const gantry_spawn_request* request) {
  SpawnSeen seen;
  seen.argv = StringList(request->argv);
  if (GANTRY_STRUCT_HAS(request, gantry_spawn_request, env)) seen.env = StringList(request->env);
  if (GANTRY_STRUCT_HAS(request, gantry_spawn_request, cwd)) seen.cwd = Str(request->cwd);
  if (GANTRY_STRUCT_HAS(request, gantry_spawn_request, flags)) seen.flags = request->flags;
  // Release 0.2's members, each only within the plugin's struct_size.
  if (GANTRY_STRUCT_HAS(request, gantry_spawn_request, stdin_size) &&
      request->stdin_data != nullptr) {
    seen.stdin_data = std::string(request->stdin_data, static_cast<size_t>(request->stdin_size));
  }
  if (GANTRY_STRUCT_HAS(request, gantry_spawn_request, stdin_path))
    seen.stdin_path = Str(request->stdin_path);
  if (GANTRY_STRUCT_HAS(request, gantry_spawn_request, stop_timeout_ms))
    seen.stop_timeout_ms = request->stop_timeout_ms;
  return seen;
}

inline void WriteResult(gantry_spawn_result* result, const ChildExit& exit) {
  if (result == nullptr) return;  // writes stay within the plugin's struct_size
  if (GANTRY_STRUCT_HAS(result, gantry_spawn_result, exit_code)) result->exit_code = exit.exit_code;
  if (GANTRY_STRUCT_HAS(result, gantry_spawn_result, term_signal))
    result->term_signal = exit.term_signal;
  if (GANTRY_STRUCT_HAS(result, gantry_spawn_result, cancelled))
    result->cancelled = exit.cancelled ? 1 : 0;
}

inline ChildExit RunScripted(const SpawnScript& script, const SpawnSeen& seen,
                             const std::string& work_dir, const ChunkSink& sink) {
  ChildExit exit;
  if (!seen.stdin_path.empty()) {  // a missing stdin file fails as it would for real
    ChildSpec spec;
    spec.argv = seen.argv;
    spec.cwd = !seen.cwd.empty() ? seen.cwd : work_dir;
    spec.stdin_path = seen.stdin_path;
    const int fd = OpenStdinFile(spec, &exit.error);
    if (fd < 0) return exit;
    ::close(fd);
  }
  exit.started = true;
  const ScriptedChild child = script(seen);
  if (!child.stdout_text.empty()) sink(1, child.stdout_text.data(), child.stdout_text.size());
  if (!child.stderr_text.empty()) sink(2, child.stderr_text.data(), child.stderr_text.size());
  exit.exit_code = child.exit_code;
  exit.term_signal = child.term_signal;
  return exit;
}

inline gantry_status HostSpawn(gantry_call* handle, const gantry_spawn_request* request,
                               gantry_spawn_result* result) {
  ActiveCall* call = CallOf(handle);
  if (call == nullptr) return GANTRY_STATUS_FAILED;
  if (request == nullptr || !GANTRY_STRUCT_HAS(request, gantry_spawn_request, argv) ||
      request->argv == nullptr || request->argv[0] == nullptr) {
    AddError(call, "spawn: the request has no argv (argv[0] must name the program)");
    return GANTRY_STATUS_FAILED;
  }
  const SpawnSeen seen = ReadRequest(request);
  {
    std::lock_guard<std::mutex> lock(call->mu);
    call->record.spawns.push_back(seen);
  }
  ChildExit exit;
  if (call->phase != Phase::kExecute) {
    // validate and discover must not have side effects, so they may not run programs.
    AddError(call,
             "spawn of '" + seen.argv[0] + "' refused: validate and discover may not run programs");
    WriteResult(result, exit);
    return GANTRY_STATUS_FAILED;
  }
  HostState& host = *call->host;
  void (*on_output)(void*, int32_t, const char*, uint64_t) = nullptr;
  void* user_data = nullptr;
  if (GANTRY_STRUCT_HAS(request, gantry_spawn_request, user_data)) {
    on_output = request->on_output;
    user_data = request->user_data;
  }
  if (seen.stdin_data && !seen.stdin_path.empty()) {  // the host's refusal, its words
    AddError(call, "spawn of '" + seen.argv[0] +
                       "': the request sets both stdin_data and stdin_path (stdin file '" +
                       seen.stdin_path + "'); give one");
    return GANTRY_STATUS_FAILED;
  }
  const bool capture = seen.Has(GANTRY_SPAWN_CAPTURE_STDOUT);
  const bool lines = seen.Has(GANTRY_SPAWN_LINES);
  KitLineSplitter splitters[2];  // stdout, stderr: each cut into lines on its own
  auto deliver = [&](int stream) {
    return [&, stream](std::string_view line) {
      on_output(user_data, stream, line.data(), line.size());
    };
  };
  const ChunkSink sink = [&](int stream, const char* data, size_t size) {
    if (on_output != nullptr) {
      if (!lines) {
        on_output(user_data, stream, data, size);
      } else {
        splitters[stream == GANTRY_STREAM_STDOUT ? 0 : 1].Feed(std::string_view(data, size),
                                                               deliver(stream));
      }
    }
    if (!(capture && stream == GANTRY_STREAM_STDOUT)) Append(call, stream, data, size);
  };
  SpawnScript script;
  {
    std::lock_guard<std::mutex> lock(host.spawn_mu);
    script = host.script;
  }
  if (host.cancel.cancelled()) {  // a cancelled run starts nothing, as if killed at once
    exit.started = true;
    exit.cancelled = true;
    exit.term_signal = SIGTERM;
  } else if (script) {
    exit = RunScripted(script, seen, call->work_dir, sink);
  } else {
    ChildSpec spec;
    spec.argv = seen.argv;
    spec.env = seen.env;
    spec.cwd = !seen.cwd.empty() ? seen.cwd : call->work_dir;
    spec.clear_env = seen.Has(GANTRY_SPAWN_CLEAR_ENV);
    spec.stdin_data = seen.stdin_data;
    spec.stdin_path = seen.stdin_path;
    if (seen.stop_timeout_ms > 0)
      spec.stop_timeout = std::chrono::milliseconds(seen.stop_timeout_ms);
    exit = RunChild(spec, host.cancel, sink);
  }
  if (lines && on_output != nullptr) {  // the last lines, when they had no newline
    splitters[0].Flush(deliver(GANTRY_STREAM_STDOUT));
    splitters[1].Flush(deliver(GANTRY_STREAM_STDERR));
  }
  WriteResult(result, exit);
  if (!exit.started) {
    AddError(call, "spawn: " + exit.error);
    return GANTRY_STATUS_FAILED;
  }
  bool cancel_now = false;
  {
    std::lock_guard<std::mutex> lock(host.spawn_mu);
    ++host.spawns;
    cancel_now = host.cancel_at != 0 && host.spawns >= host.cancel_at;
  }
  if (cancel_now) host.cancel.Cancel();
  return GANTRY_STATUS_OK;
}

inline int32_t HostIsCancelled(gantry_call* handle) {
  ActiveCall* call = CallOf(handle);
  return call != nullptr && call->host->cancel.cancelled() ? 1 : 0;
}

// Whether `text` is one JSON document (the kit's strict reader; the host's is a little
// more lenient: it takes duplicate keys in an object).
inline bool IsJson(const char* text) {
  try {
    (void)json::Parse(text);
    return true;
  } catch (const json::ParseError&) {
    return false;
  }
}

inline gantry_status HostSetOutput(gantry_call* handle, const char* key, const char* value,
                                   uint32_t flags) {
  ActiveCall* call = CallOf(handle);
  if (call == nullptr) return GANTRY_STATUS_FAILED;
  // The host's rules (core/plugin/host_api.cc, core/plugin/collecting_context.cc).
  const std::string problem = OutputKeyProblem(Str(key));
  if (!problem.empty()) return Refuse(call, "set_output: " + problem);
  if (call->phase != Phase::kExecute)
    return Refuse(call, std::string("set_output('") + key +
                            "') refused: outputs are set by execute only");
  if (value == nullptr)
    return Refuse(call, std::string("set_output('") + key + "'): no value (NULL)");
  if ((flags & GANTRY_OUTPUT_JSON) != 0 && !IsJson(value)) {
    return Refuse(call, std::string("set_output('") + key +
                            "'): flagged JSON, but the value is not JSON");
  }
  std::lock_guard<std::mutex> lock(call->mu);
  call->record.outputs[key] = OutputSet{value, flags};
  return GANTRY_STATUS_OK;
}

inline void HostReportError(gantry_call* handle, const char* message) {
  if (ActiveCall* call = CallOf(handle)) AddError(call, Str(message));
}

inline gantry_status HostAddDependency(gantry_call* handle, const char* component,
                                       const char* reason) {
  ActiveCall* call = CallOf(handle);
  if (call == nullptr) return GANTRY_STATUS_FAILED;
  if (component == nullptr || *component == '\0')
    return Refuse(call, "add_dependency: the dependency needs a component name");
  if (call->phase == Phase::kExecute || call->phase == Phase::kRecognize)
    return Refuse(call, std::string("add_dependency('") + component + "') during " +
                            (call->phase == Phase::kExecute ? "execute" : "recognize") +
                            " is refused: dependencies are found by discover");
  std::lock_guard<std::mutex> lock(call->mu);
  call->record.dependencies.push_back(Dependency{component, Str(reason)});
  return GANTRY_STATUS_OK;
}

inline gantry_status HostReportDiagnostic(gantry_call* handle, int32_t severity,
                                          const char* setting, const char* message) {
  ActiveCall* call = CallOf(handle);
  if (call == nullptr) return GANTRY_STATUS_FAILED;
  if (severity != GANTRY_DIAGNOSTIC_ERROR && severity != GANTRY_DIAGNOSTIC_WARNING) {
    AddError(call, "report_diagnostic: unknown severity " + std::to_string(severity) + ": " +
                       Str(message));
    return GANTRY_STATUS_FAILED;
  }
  if (severity == GANTRY_DIAGNOSTIC_ERROR) AddError(call, Str(message));
  std::lock_guard<std::mutex> lock(call->mu);
  call->record.diagnostics.push_back(DiagnosticSeen{severity, Str(setting), Str(message)});
  return GANTRY_STATUS_OK;
}

inline gantry_status HostDeclareOutput(gantry_call* handle, const char* name, uint32_t flags,
                                       const char* description) {
  ActiveCall* call = CallOf(handle);
  if (call == nullptr) return GANTRY_STATUS_FAILED;
  // The host's rules (core/plugin/host_api.cc, core/plugin/output_key.cc).
  const std::string key = Str(name);
  const std::string problem = OutputKeyProblem(key);
  if (!problem.empty()) return Refuse(call, "declare_output: " + problem);
  if ((flags & ~GANTRY_OUTPUT_SENSITIVE) != 0)
    return Refuse(call, "declare_output('" + key + "'): unknown flags " + std::to_string(flags) +
                            " (only GANTRY_OUTPUT_SENSITIVE)");
  if (call->phase == Phase::kExecute || call->phase == Phase::kRecognize)
    return Refuse(call, "declare_output('" + key +
                            "') outside discover is refused: outputs are declared by discover");
  std::lock_guard<std::mutex> lock(call->mu);
  call->record.declared_outputs.push_back(OutputDeclared{key, flags, Str(description)});
  return GANTRY_STATUS_OK;
}

inline gantry_status HostReportChanges(gantry_call* handle, const gantry_changes* changes) {
  ActiveCall* call = CallOf(handle);
  if (call == nullptr) return GANTRY_STATUS_FAILED;
  if (changes == nullptr || changes->struct_size < offsetof(gantry_changes, destroy) +
                                                       sizeof changes->destroy)
    return Refuse(call, "report_changes: no summary, or one too short");
  if (call->phase != Phase::kExecute)
    return Refuse(call, "report_changes outside execute is refused");
  // No further than the plugin's struct_size: an older plugin's struct ends earlier.
  gantry_changes copy{};
  std::memcpy(&copy, changes, std::min<size_t>(changes->struct_size, sizeof copy));
  const bool has_summary = GANTRY_STRUCT_HAS(changes, gantry_changes, summary) &&
                           changes->summary != nullptr;
  std::string summary = has_summary ? std::string(changes->summary) : std::string();
  copy.summary = nullptr;
  std::lock_guard<std::mutex> lock(call->mu);
  call->record.changes = copy;
  call->record.changes_summary = std::move(summary);
  return GANTRY_STATUS_OK;
}

/// provide_key, need_key, report_file (`name`): `text` (the `what`) is required, and only
/// discover takes them; `record` keeps what was taken in the call's record.
template <typename Record>
gantry_status TakeInDiscover(gantry_call* handle, const char* name, const char* what,
                             const char* text, Record record) {
  ActiveCall* call = CallOf(handle);
  if (call == nullptr) return GANTRY_STATUS_FAILED;
  if (text == nullptr || *text == '\0')
    return Refuse(call, std::string(name) + ": the " + what + " is empty");
  if (call->phase != Phase::kDiscover)
    return Refuse(call, std::string(name) + "('" + text + "') outside discover is refused");
  std::lock_guard<std::mutex> lock(call->mu);
  record(call->record);
  return GANTRY_STATUS_OK;
}

inline gantry_status HostProvideKey(gantry_call* handle, const char* key) {
  return TakeInDiscover(handle, "provide_key", "key", key,
                        [&](CallRecord& r) { r.provided_keys.push_back(key); });
}

inline gantry_status HostNeedKey(gantry_call* handle, const char* key, const char* reason) {
  return TakeInDiscover(handle, "need_key", "key", key, [&](CallRecord& r) {
    r.needed_keys.push_back(NeedSeen{key, Str(reason)});
  });
}

inline gantry_status HostProposeComponent(gantry_call* handle, const gantry_proposal* proposal) {
  ActiveCall* call = CallOf(handle);
  if (call == nullptr) return GANTRY_STATUS_FAILED;
  if (proposal == nullptr || !GANTRY_STRUCT_HAS(proposal, gantry_proposal, note))
    return Refuse(call, "propose_component: no proposal, or one too short");
  if (call->phase != Phase::kRecognize)
    return Refuse(call, "propose_component outside recognize is refused");
  const std::string type = Str(proposal->type);
  const std::vector<std::string>& types = call->host->types;
  if (std::find(types.begin(), types.end(), type) == types.end())
    return Refuse(call, "propose_component: '" + type + "' is not one of the plugin's types");
  // As the host does: "dir/../x" is not inside dir.
  std::string source = std::filesystem::path(Str(proposal->source_dir)).lexically_normal().string();
  while (source.size() > 1 && source.back() == '/') source.pop_back();
  if (source.empty()) source = call->work_dir;
  if (source != call->work_dir && source.rfind(call->work_dir + "/", 0) != 0)
    return Refuse(call, "propose_component: source_dir " + source + " is outside " +
                            call->work_dir);
  std::lock_guard<std::mutex> lock(call->mu);
  call->record.proposals.push_back(ProposalSeen{type, source, Str(proposal->name),
                                                Str(proposal->settings_json),
                                                Str(proposal->note)});
  return GANTRY_STATUS_OK;
}

inline gantry_status HostReportBusy(gantry_call* handle, const char* resource,
                                    const char* reason) {
  ActiveCall* call = CallOf(handle);
  if (call == nullptr) return GANTRY_STATUS_FAILED;
  if (call->phase != Phase::kExecute) return Refuse(call, "report_busy outside execute is refused");
  std::lock_guard<std::mutex> lock(call->mu);
  call->record.busy.emplace(Str(resource), Str(reason));
  return GANTRY_STATUS_OK;
}

inline gantry_status HostReportFile(gantry_call* handle, const char* path, const char* reason) {
  return TakeInDiscover(handle, "report_file", "path", path, [&](CallRecord& r) {
    r.reported_files.push_back(FileSeen{path, Str(reason)});
  });
}

inline const void* HostGetExtension(const gantry_host*, const char*) { return nullptr; }

/// The table every FakeHost hands out (calls are routed by their gantry_call handle).
/// struct_size ends at the last member filled here, so a plugin never calls a member a
/// newer host.h added before this kit fills it. Adding a member: one line below, and
/// move kLastMember's offsetof to it.
inline const gantry_host* HostTable() {
  static const gantry_host table = [] {
    gantry_host h{};
    h.abi_version = GANTRY_ABI_VERSION;
    h.name = "gantry";
    h.version = "0.0.0-fakehost";
    h.log = &HostLog;
    h.write = &HostWrite;
    h.spawn = &HostSpawn;
    h.is_cancelled = &HostIsCancelled;
    h.set_output = &HostSetOutput;
    h.report_error = &HostReportError;
    h.add_dependency = &HostAddDependency;
    h.get_extension = &HostGetExtension;
    h.report_diagnostic = &HostReportDiagnostic;
    h.declare_output = &HostDeclareOutput;
    h.report_changes = &HostReportChanges;
    h.provide_key = &HostProvideKey;
    h.need_key = &HostNeedKey;
    h.propose_component = &HostProposeComponent;
    h.report_busy = &HostReportBusy;
    h.report_file = &HostReportFile;  // kLastMember
    h.struct_size = static_cast<uint32_t>(offsetof(gantry_host, report_file) +
                                          sizeof h.report_file);
    return h;
  }();
  return &table;
}

}  // namespace detail

/// A fake Gantry host holding one loaded plugin. Movable, not copyable (a moved-from
/// FakeHost may only be destroyed or assigned to). Destroying it calls the plugin's
/// shutdown hook, then unloads the module. Several FakeHosts may load the same module:
/// calls are routed by their gantry_call handle, never by the table the entry kept.
class FakeHost {
 public:
  /// The ABI versions offered to the plugin's entry: 1..GANTRY_ABI_VERSION.
  static constexpr uint32_t kMinAbi = 1;
  static constexpr uint32_t kMaxAbi = GANTRY_ABI_VERSION;

  /// Loads the plugin module at `module_path` (RTLD_NOW | RTLD_LOCAL), calls its entry
  /// and checks the descriptor as the host does. Throws FakeHostError when the file is
  /// missing, is not a shared library, lacks GANTRY_ENTRY_SYMBOL, or the plugin refuses.
  static FakeHost Load(const std::string& module_path) {
    // A path without '/' would make dlopen search the library path: not what was meant.
    const std::string path =
        module_path.find('/') == std::string::npos ? "./" + module_path : module_path;
    struct stat info;
    if (::stat(path.c_str(), &info) != 0) Refuse(path, "cannot be read (does it exist?)");
    void* library = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      const char* why = ::dlerror();
      Refuse(path, std::string("cannot be loaded as a shared library: ") +
                       (why != nullptr ? why : "unknown error"));
    }
    void* symbol = ::dlsym(library, GANTRY_ENTRY_SYMBOL);
    if (symbol == nullptr) {
      ::dlclose(library);
      Refuse(path, std::string("has no entry symbol ") + GANTRY_ENTRY_SYMBOL +
                       "; is it a Gantry plugin (built with gantry_add_plugin)?");
    }
    gantry_entry_fn entry = nullptr;
    static_assert(sizeof entry == sizeof symbol, "function and data pointers differ");
    std::memcpy(&entry, &symbol, sizeof entry);  // dlsym's void* to a function pointer
    return FakeHost(entry, path, library);
  }

  /// Uses a plugin linked into the test binary: `entry` is its gantry_plugin_entry.
  /// `label` names it in error messages. Throws FakeHostError when the plugin refuses.
  explicit FakeHost(gantry_entry_fn entry, const std::string& label = "<linked plugin>")
      : FakeHost(entry, label, nullptr) {}

  FakeHost(FakeHost&&) noexcept = default;
  FakeHost& operator=(FakeHost&&) noexcept = default;
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;
  ~FakeHost() = default;

  // --- The descriptor ------------------------------------------------------------------
  /// The module path given to Load, or the label of a linked-in plugin.
  const std::string& path() const { return state_->path; }
  /// The plugin's name, version and description (empty when NULL).
  const std::string& name() const { return state_->name; }
  const std::string& version() const { return state_->version; }
  const std::string& description() const { return state_->description; }
  /// The component types it declared.
  const std::vector<std::string>& component_types() const { return state_->types; }
  /// The operations it declared; empty means plan, apply and destroy.
  const std::vector<std::string>& operations() const { return state_->operations; }
  /// Whether it declares its outputs (gantry_plugin.outputs is not NULL): then a
  /// reference to any output not in outputs() or declared by Discover is refused.
  bool declares_outputs() const { return state_->declares_outputs; }
  /// Its static outputs (empty when it declares none).
  const std::vector<OutputDeclared>& outputs() const { return state_->outputs; }
  /// Whether it declares its settings (gantry_plugin.settings is not NULL): then gantry
  /// refuses any other key before Validate runs. The fake host does not check settings:
  /// Validate gets them as given, so a test sees what the plugin itself reports.
  bool declares_settings() const { return state_->declares_settings; }
  /// Its declared settings, in order (empty when it declares none).
  const std::vector<SettingDeclared>& settings() const { return state_->settings; }
  /// Its GANTRY_CAP_* flags.
  uint64_t capabilities() const { return state_->descriptor.capabilities; }
  /// The ABI version and struct_size its descriptor declared.
  uint32_t abi_version() const { return state_->descriptor.abi_version; }
  uint32_t descriptor_size() const { return state_->original->struct_size; }
  /// Whether it has each hook (within its struct_size).
  bool has_validate() const { return state_->descriptor.validate != nullptr; }
  bool has_discover() const { return state_->descriptor.discover != nullptr; }
  bool has_execute() const { return state_->descriptor.execute != nullptr; }
  /// Whether the host would run `operation` for it (the host skips other operations;
  /// Execute() calls the hook regardless).
  bool SupportsOperation(const std::string& operation) const {
    const std::vector<std::string>& ops = state_->operations;
    if (ops.empty()) return operation == "plan" || operation == "apply" || operation == "destroy";
    for (const std::string& op : ops) {
      if (op == "*" || op == operation) return true;
    }
    return false;
  }
  /// The plugin's extension `id`, or NULL.
  const void* GetExtension(const std::string& id) const {
    const gantry_plugin& d = state_->descriptor;
    return d.get_extension != nullptr ? d.get_extension(state_->original, id.c_str()) : nullptr;
  }
  /// The host table handed to the plugin's entry.
  static const gantry_host* host_table() { return detail::HostTable(); }

  // --- Calling the hooks -----------------------------------------------------------------
  /// Calls validate; a plugin without it gets GANTRY_STATUS_OK, as from the host.
  CallRecord Validate(const FakeComponent& component) {
    const gantry_plugin& d = state_->descriptor;
    return Run(detail::Phase::kValidate, component,
               [&](gantry_call* call, const gantry_component* view) {
                 return d.validate != nullptr ? d.validate(state_->original, call, view)
                                              : GANTRY_STATUS_OK;
               });
  }
  /// Calls discover; a plugin without it gets GANTRY_STATUS_OK (no dependencies).
  CallRecord Discover(const FakeComponent& component) {
    const gantry_plugin& d = state_->descriptor;
    return Run(detail::Phase::kDiscover, component,
               [&](gantry_call* call, const gantry_component* view) {
                 return d.discover != nullptr ? d.discover(state_->original, call, view)
                                              : GANTRY_STATUS_OK;
               });
  }
  /// Calls execute with `operation`; a plugin without it gets GANTRY_STATUS_UNSUPPORTED.
  CallRecord Execute(const FakeComponent& component, const std::string& operation) {
    const gantry_plugin& d = state_->descriptor;
    return Run(
        detail::Phase::kExecute, component, [&](gantry_call* call, const gantry_component* view) {
          return d.execute != nullptr ? d.execute(state_->original, call, view, operation.c_str())
                                      : GANTRY_STATUS_UNSUPPORTED;
        });
  }

  /// Calls check_saved_plan (0.3; the component should carry a plan_dir); a plugin
  /// without it gets GANTRY_STATUS_OK, as from the host. It may do what validate may.
  CallRecord CheckSavedPlan(const FakeComponent& component) {
    const gantry_plugin& d = state_->descriptor;
    return Run(detail::Phase::kValidate, component,
               [&](gantry_call* call, const gantry_component* view) {
                 return d.check_saved_plan != nullptr
                            ? d.check_saved_plan(state_->original, call, view)
                            : GANTRY_STATUS_OK;
               });
  }

  /// Calls recognize (0.4) for the directory `dir` (absolute), as `gantry init` does;
  /// what it proposed is in CallRecord::proposals (source_dir "" becomes `dir`). A
  /// plugin without it gets GANTRY_STATUS_OK (recognises nothing).
  CallRecord Recognize(const std::string& dir) {
    const gantry_plugin& d = state_->descriptor;
    FakeComponent none;
    none.work_dir = dir;
    return Run(detail::Phase::kRecognize, none, [&](gantry_call* call, const gantry_component*) {
      return d.recognize != nullptr ? d.recognize(state_->original, call, dir.c_str())
                                    : GANTRY_STATUS_OK;
    });
  }

  // --- Spawns and cancellation -----------------------------------------------------------
  /// Scripts every later spawn (during execute) instead of running a program; an empty
  /// function goes back to running children for real.
  void OnSpawn(SpawnScript script) {
    std::lock_guard<std::mutex> lock(state_->spawn_mu);
    state_->script = std::move(script);
  }
  /// Cancels the run: is_cancelled returns 1 from now on, real children in flight get
  /// SIGTERM (their process group; SIGKILL after the spawn's stop_timeout_ms, 5 s by
  /// default) and later spawns start nothing
  /// (result: cancelled, term_signal SIGTERM). Callable from any thread.
  void Cancel() { state_->cancel.Cancel(); }
  /// Cancels the run as soon as `n` more spawns have ended (0: now).
  void CancelAfterSpawns(uint64_t n) {
    if (n == 0) return Cancel();
    std::lock_guard<std::mutex> lock(state_->spawn_mu);
    state_->cancel_at = state_->spawns + n;
  }
  /// Undoes Cancel and CancelAfterSpawns, for the next call.
  void ResetCancel() {
    {
      std::lock_guard<std::mutex> lock(state_->spawn_mu);
      state_->cancel_at = 0;
    }
    state_->cancel.Reset();
  }
  /// Whether the run is cancelled (what is_cancelled tells the plugin).
  bool cancelled() const { return state_->cancel.cancelled(); }

 private:
  [[noreturn]] static void Refuse(const std::string& path, const std::string& reason) {
    throw FakeHostError("plugin " + path + ": " + reason);
  }

  FakeHost(gantry_entry_fn entry, const std::string& path, void* library)
      : state_(new detail::HostState) {
    state_->path = path;
    state_->library = library;  // closed by ~HostState, also when refused below
    if (entry == nullptr) Refuse(path, "no entry function");
    const gantry_plugin* d = entry(kMinAbi, kMaxAbi, detail::HostTable());
    if (d == nullptr) {
      Refuse(path, "its entry returned NULL: it refused this host (plugin ABI " +
                       std::to_string(kMinAbi) + ".." + std::to_string(kMaxAbi) + ")");
    }
    CheckDescriptor(path, *d);
    std::memcpy(&state_->descriptor, d,
                d->struct_size < sizeof(gantry_plugin) ? d->struct_size : sizeof(gantry_plugin));
    state_->descriptor.struct_size = sizeof(gantry_plugin);
    state_->original = d;  // from here on, shutdown is owed
    state_->name = detail::Str(d->name);
    state_->version = detail::Str(d->version);
    state_->description = detail::Str(state_->descriptor.description);
    state_->types = detail::StringList(d->component_types);
    state_->operations = detail::StringList(state_->descriptor.operations);
    state_->declares_outputs = state_->descriptor.outputs != nullptr;
    for (const gantry_output* const* o = state_->descriptor.outputs; o != nullptr && *o != nullptr;
         ++o) {
      if (!GANTRY_STRUCT_HAS(*o, gantry_output, description))
        Refuse(path, "an output's struct_size is too small");
      state_->outputs.push_back(
          OutputDeclared{detail::Str((*o)->name), (*o)->flags, detail::Str((*o)->description)});
      const std::string& name = state_->outputs.back().name;
      if (name.empty() || name.find('}') != std::string::npos)
        Refuse(path, "its declared output '" + name + "' has no valid name (not empty, no '}')");
    }
    state_->declares_settings = state_->descriptor.settings != nullptr;
    for (const gantry_setting* const* s = state_->descriptor.settings; s != nullptr && *s != nullptr;
         ++s) {
      if (!GANTRY_STRUCT_HAS(*s, gantry_setting, description))
        Refuse(path, "a setting's struct_size is too small");
      state_->settings.push_back(SettingDeclared{
          detail::Str((*s)->name), (*s)->types, (*s)->item_types, (*s)->flags,
          detail::Str((*s)->default_json), detail::StringList((*s)->allowed),
          detail::Str((*s)->description)});
    }
  }

  // The host's checks (core/plugin/plugin_loader.cc), with its wording.
  static void CheckDescriptor(const std::string& path, const gantry_plugin& d) {
    if (d.struct_size < offsetof(gantry_plugin, plugin_data)) {
      Refuse(path, "its descriptor is too small (struct_size " + std::to_string(d.struct_size) +
                       "); rebuild it against the Gantry SDK");
    }
    if (d.abi_version < kMinAbi || d.abi_version > kMaxAbi) {
      Refuse(path, "it speaks plugin ABI version " + std::to_string(d.abi_version) +
                       ", this host speaks " + std::to_string(kMinAbi) + ".." +
                       std::to_string(kMaxAbi));
    }
    if (d.name == nullptr || *d.name == '\0') Refuse(path, "its descriptor has no name");
    if (d.version == nullptr) Refuse(path, "its descriptor has no version");
    if (d.component_types == nullptr || d.component_types[0] == nullptr)
      Refuse(path, "it declares no component types");
  }

  template <class Hook>
  CallRecord Run(detail::Phase phase, const FakeComponent& component, Hook hook) {
    detail::ActiveCall call;
    call.host = state_.get();
    call.phase = phase;
    call.work_dir = component.work_dir;
    const gantry_component view = component.View();
    gantry_call* handle = reinterpret_cast<gantry_call*>(&call);
    gantry_status status;
    if ((state_->descriptor.capabilities & GANTRY_CAP_CONCURRENT) != 0) {
      status = hook(handle, &view);
    } else {
      std::lock_guard<std::mutex> lock(state_->serial);
      status = hook(handle, &view);
    }
    std::lock_guard<std::mutex> lock(call.mu);
    call.record.status = status;
    return std::move(call.record);
  }

  std::unique_ptr<detail::HostState> state_;
};

}  // namespace testing
}  // namespace gantry

#endif  // GANTRY_TESTING_FAKE_HOST_HPP
