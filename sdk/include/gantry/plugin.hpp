// Header-only C++ helper over the Gantry plugin ABI (plugin.h).
//
// A plugin author writes one class derived from gantry::Plugin with a static Info()
// and the hooks it needs, then one line: GANTRY_PLUGIN(MyPlugin). Every exception a hook
// throws is caught at the boundary and becomes GANTRY_STATUS_FAILED with its message;
// nothing C++ crosses the ABI.
//
//   class Echo : public gantry::Plugin {
//    public:
//     static gantry::PluginInfo Info() { return {"echo", "1.0.0", "Prints", {"echo"}}; }
//     gantry::Status Execute(gantry::Call& call, const gantry::Component& c,
//                            std::string_view op) override {
//       call.Out(std::string(op) + " " + std::string(c.name) + "\n");
//       return gantry::Status::kOk;
//     }
//   };
//   GANTRY_PLUGIN(Echo)
#ifndef GANTRY_PLUGIN_HPP
#define GANTRY_PLUGIN_HPP

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gantry/plugin.h"

namespace gantry {

/// Result of a hook; mirrors GANTRY_STATUS_*.
enum class Status : int32_t {
  kOk = GANTRY_STATUS_OK,
  kFailed = GANTRY_STATUS_FAILED,
  kRetryable = GANTRY_STATUS_RETRYABLE,
  kCancelled = GANTRY_STATUS_CANCELLED,
  kUnsupported = GANTRY_STATUS_UNSUPPORTED,
  kThrottled = GANTRY_STATUS_THROTTLED,  ///< since 0.6: the API said "too many requests"
  kBusy = GANTRY_STATUS_BUSY,  ///< since 0.7: cannot start now (Call::ReportBusy says why)
};

/// One setting the plugin's component types take (see gantry/schema.h): the host checks
/// each component's table against the list before Validate runs.
struct Setting {
  std::string name;
  /// GANTRY_SETTING_STRING, _BOOL, _INTEGER, _NUMBER, _LIST, _TABLE, ORed.
  uint32_t types = GANTRY_SETTING_STRING;
  /// Kinds of a list's items or a table's values; 0 for any.
  uint32_t item_types = 0;
  /// GANTRY_SETTING_REQUIRED, _SENSITIVE, _REFERENCES, ORed.
  uint32_t flags = 0;
  /// The value assumed when absent, as JSON text ("false", "\"eu-west-1\""); "" for none.
  std::string default_json;
  /// The values a string may take; empty for any.
  std::vector<std::string> allowed;
  /// One line, shown by `gantry plugins info`.
  std::string description;
};

/// One output every component of the plugin's types has (see gantry_output in
/// gantry/schema.h). Computed outputs are declared from Discover with Call::DeclareOutput.
struct Output {
  std::string name;
  /// Masked wherever gantry shows it, even when SetOutput forgets the flag.
  bool sensitive = false;
  /// One line, shown by `gantry plugins info`.
  std::string description;
};

/// What the descriptor says about the plugin. Returned by the plugin class's static Info().
struct PluginInfo {
  std::string name;
  std::string version;
  std::string description;
  std::vector<std::string> component_types;
  /// Empty means plan, apply and destroy; {"*"} means any operation.
  std::vector<std::string> operations;
  uint64_t capabilities = 0;
  /// The settings the types take. Unset: not declared, every key reaches Validate
  /// unchecked. Set (even empty): the host refuses any other key.
  std::optional<std::vector<Setting>> settings = std::nullopt;
  /// The outputs its components have. Unset: not declared, any reference is allowed
  /// (and checked at run time). Set (even empty): these plus those Discover declares;
  /// `gantry validate` refuses a reference to any other.
  std::optional<std::vector<Output>> outputs = std::nullopt;
};

/// Read-only view of a gantry_component; valid only during the hook call.
struct Component {
  std::string_view name, type, target, source_dir, work_dir, state_dir;
  std::string_view settings_json, vars_json, sensitive_json;
  /// 0.2: the directory holding gantry.toml, and this plugin's persistent cache directory
  /// (`.gantry/cache/<plugin>/`, shared by every component: coordinate writers). Empty
  /// from an older host.
  std::string_view project_dir, cache_dir;
  /// 0.3: where the saved plan lives (see gantry_component.plan_dir); empty when there is
  /// none, from an older host, or without GANTRY_CAP_SAVED_PLANS.
  std::string_view plan_dir;

  explicit Component(const gantry_component& c)
      : name(Str(c.name)),
        type(Str(c.type)),
        target(Str(c.target)),
        source_dir(Str(c.source_dir)),
        work_dir(Str(c.work_dir)),
        state_dir(Str(c.state_dir)),
        settings_json(Str(c.settings_json, "{}")),
        vars_json(Str(c.vars_json, "{}")),
        sensitive_json(Str(c.sensitive_json, "[]")),
        project_dir(GANTRY_STRUCT_HAS(&c, gantry_component, project_dir) ? Str(c.project_dir)
                                                                          : ""),
        cache_dir(GANTRY_STRUCT_HAS(&c, gantry_component, cache_dir) ? Str(c.cache_dir) : ""),
        plan_dir(GANTRY_STRUCT_HAS(&c, gantry_component, plan_dir) ? Str(c.plan_dir) : "") {}

 private:
  static std::string_view Str(const char* s, const char* fallback = "") {
    return s != nullptr ? s : fallback;
  }
};

/// What to run through Call::Spawn or Call::Capture. argv[0] is looked up in PATH; no
/// shell is involved. The members marked 0.2 need a host of release 0.2 or later: against
/// an older one the spawn fails with a message saying so (it never silently ignores them).
struct SpawnOptions {
  std::vector<std::string> argv;
  /// "NAME=value" entries added to (or replacing in) the environment.
  std::vector<std::string> env;
  /// Empty means the component's work_dir.
  std::string cwd;
  /// Keep stdout off the console and log; deliver it only to on_output.
  bool capture_stdout = false;
  /// Start from an empty environment instead of the host's.
  bool clear_env = false;
  /// Receives every chunk of output (stream is GANTRY_STREAM_STDOUT or _STDERR).
  std::function<void(int32_t stream, std::string_view data)> on_output;

  // Appended in release 0.2 (existing aggregate initializers keep their meaning).

  /// Variables added to the environment, after `env` (a name in both: this value wins).
  std::map<std::string, std::string> env_vars;
  /// 0.2: bytes fed to the child's stdin, which is then closed. Unset: /dev/null.
  std::optional<std::string> stdin_text;
  /// 0.2: a file the child reads as its stdin (relative: from its working directory); a
  /// file that cannot be opened fails the spawn. Not together with stdin_text.
  std::optional<std::string> stdin_file;
  /// 0.2: receives whole lines instead of chunks, without their "\n" or "\r\n"; output
  /// after the last newline comes last, as is. Not together with on_output.
  std::function<void(int32_t stream, std::string_view line)> on_line;
  /// 0.2: on cancel or timeout the child is asked to stop, then killed (SIGKILL) this long
  /// after. 0: the host's default (5 s).
  std::chrono::milliseconds stop_timeout{0};
  /// 0.2: on a timeout too, ask the child to stop with SIGINT (as on cancel) rather than
  /// SIGTERM. Ignored by a host older than report_changes (Call::HostHasChanges).
  bool stop_with_sigint = false;
};

/// What an operation would change (a plan) or changed; see gantry_changes in host.h.
struct Changes {
  bool has_changes = false;
  /// Counts to add, change in place and destroy; -1 when not known.
  int64_t add = -1, change = -1, destroy = -1;
};

/// A component `gantry init` should write (0.4); see gantry_proposal in host.h.
struct Proposal {
  std::string type;           ///< one of the plugin's types
  std::string source_dir;     ///< absolute; empty: the directory being recognised
  std::string name;           ///< empty: the host names it after its source
  std::string settings_json;  ///< a JSON object of further settings; empty: none
  std::string note;           ///< one line, written as a comment above it; empty: none
};

/// How a spawned child ended.
struct SpawnResult {
  bool started = false;   ///< false: it could not be started (the reason was reported)
  int32_t exit_code = -1; ///< -1 when ended by a signal or never started
  int32_t term_signal = 0;
  bool cancelled = false; ///< stopped by the host (cancel or timeout)
  bool ok() const { return started && exit_code == 0 && !cancelled; }
};

/// What Call::Capture returns: how the child ended and everything it wrote to stdout.
struct Captured {
  SpawnResult result;
  /// The child's stdout, byte for byte. Never shown on the console nor logged.
  std::string out;
  bool ok() const { return result.ok(); }
};

/// The host's services for one hook invocation. Thread-safe; valid until the hook returns.
class Call {
 public:
  Call(const gantry_host* host, gantry_call* call) : host_(host), call_(call) {}

  void Out(std::string_view text) const { Write(GANTRY_STREAM_STDOUT, text); }
  void Err(std::string_view text) const { Write(GANTRY_STREAM_STDERR, text); }
  void Write(int32_t stream, std::string_view text) const {
    host_->write(call_, stream, text.data(), text.size());
  }

  /// Runs a child to completion; its output goes to the component's streams.
  SpawnResult Spawn(const SpawnOptions& options) const {
    return Run(options, options.capture_stdout, options.on_line ? &options.on_line : nullptr,
               options.on_output ? &options.on_output : nullptr);
  }

  /// Runs a child to completion and returns its stdout as a string, which is never shown
  /// on the console nor logged (stderr still is). on_output, if set, also sees every
  /// chunk; on_line cannot be used here (the capture needs the bytes as they are).
  [[nodiscard]] Captured Capture(const SpawnOptions& options) const {
    if (options.on_line) {
      throw std::invalid_argument("Capture: on_line cannot be used (use on_output, or Spawn)");
    }
    Captured captured;
    const std::function<void(int32_t, std::string_view)> collect =
        [&](int32_t stream, std::string_view data) {
          if (stream == GANTRY_STREAM_STDOUT) captured.out.append(data);
          if (options.on_output) options.on_output(stream, data);
        };
    captured.result = Run(options, true, nullptr, &collect);
    return captured;
  }

  /// Whether the host reads the spawn options of release 0.2 (stdin, on_line,
  /// stop_timeout): by the ABI rules, every host whose table has report_diagnostic does.
  [[nodiscard]] bool HostHasSpawn02() const {
    return GANTRY_STRUCT_HAS(host_, gantry_host, report_diagnostic);
  }

  bool Cancelled() const { return host_->is_cancelled(call_) != 0; }

  /// Records an output of the component (execute only). flags: GANTRY_OUTPUT_SENSITIVE
  /// and/or GANTRY_OUTPUT_JSON. The key is a letter or '_' followed by letters, digits,
  /// '_' and '-' (at most 128 bytes). kFailed when the host refused it (a key breaking
  /// that rule, or outside execute); the user was shown why, as a warning.
  [[nodiscard]] Status SetOutput(const std::string& key, const std::string& value,
                                 uint32_t flags = 0) const {
    return static_cast<Status>(host_->set_output(call_, key.c_str(), value.c_str(), flags));
  }
  void Error(const std::string& message) const { host_->report_error(call_, message.c_str()); }
  /// An error about one setting, shown at its own line in gantry.toml: `setting` is a
  /// dotted path into the component's table ("commands.apply", "vars.region").
  void Error(const std::string& setting, const std::string& message) const {
    Diagnose(GANTRY_DIAGNOSTIC_ERROR, setting, message);
  }
  /// A warning, at the setting's line when `setting` is not empty; fails nothing.
  void Warn(const std::string& setting, const std::string& message) const {
    Diagnose(GANTRY_DIAGNOSTIC_WARNING, setting, message);
  }
  void Log(int32_t level, const std::string& message) const {
    host_->log(call_, level, message.c_str());
  }
  /// Reports that this component needs `component` because of `reason` (discover only).
  /// kFailed when the host refused it (no name, or outside discover), shown as a warning.
  [[nodiscard]] Status AddDependency(const std::string& component,
                                     const std::string& reason) const {
    return static_cast<Status>(host_->add_dependency(call_, component.c_str(), reason.c_str()));
  }
  /// From Discover: an output this component will have, computed from its files (e.g. a
  /// terraform module's `output` blocks). Counts only when PluginInfo::outputs is set.
  /// kUnsupported from a host without declare_output (the reference is then checked
  /// at run time only); kFailed for a name the host refuses (shown as a warning).
  [[nodiscard]] Status DeclareOutput(const std::string& name, bool sensitive = false,
                                     const std::string& description = "") const {
    if (!GANTRY_STRUCT_HAS(host_, gantry_host, declare_output) ||
        host_->declare_output == nullptr) {
      host_->log(call_, GANTRY_LOG_DEBUG,
                 ("declare_output('" + name + "'): not supported by this host").c_str());
      return Status::kUnsupported;
    }
    return static_cast<Status>(host_->declare_output(
        call_, name.c_str(), sensitive ? GANTRY_OUTPUT_SENSITIVE : 0u, description.c_str()));
  }

  /// Whether the host has report_changes, provide_key and need_key, honours
  /// SpawnOptions::stop_with_sigint and fills Component::project_dir and cache_dir.
  [[nodiscard]] bool HostHasChanges() const {
    return GANTRY_STRUCT_HAS(host_, gantry_host, need_key);
  }

  /// From Execute: what the operation would change or changed, shown per component in
  /// the summary. `summary` (0.3): the counts in the plugin's own words, "2 images to
  /// build", shown in place of the host's; empty, or an older host: the host's words.
  /// kUnsupported from an older host; kFailed when refused (shown as a warning).
  Status ReportChanges(const Changes& changes, const std::string& summary = {}) const {
    if (!HostHasChanges() || host_->report_changes == nullptr) return Status::kUnsupported;
    gantry_changes raw{};
    raw.struct_size = sizeof raw;
    raw.abi_version = GANTRY_ABI_VERSION;
    raw.has_changes = changes.has_changes ? 1 : 0;
    raw.add = changes.add;
    raw.change = changes.change;
    raw.destroy = changes.destroy;
    raw.summary = summary.empty() ? nullptr : summary.c_str();
    return static_cast<Status>(host_->report_changes(call_, &raw));
  }

  /// From Discover: this component provides what `key` names (a string the plugin makes
  /// up, prefixed with its name); a component needing the key depends on this one.
  /// kUnsupported from an older host; kFailed when refused (shown as a warning).
  Status ProvideKey(const std::string& key) const {
    if (!HostHasChanges() || host_->provide_key == nullptr) return Status::kUnsupported;
    return static_cast<Status>(host_->provide_key(call_, key.c_str()));
  }

  /// From Discover: this component needs what `key` names, because of `reason`; it
  /// depends on every other component that provides the key.
  Status NeedKey(const std::string& key, const std::string& reason) const {
    if (!HostHasChanges() || host_->need_key == nullptr) return Status::kUnsupported;
    return static_cast<Status>(host_->need_key(call_, key.c_str(), reason.c_str()));
  }

  /// From Execute, before returning Status::kBusy: the component cannot start now
  /// because `resource` is held elsewhere (a state lock, a full runner pool); "" : its
  /// own. `reason` says who holds it. Components busy on one resource wait together.
  /// kUnsupported from a host before 0.7 (which takes kBusy for a failure: return
  /// kRetryable there instead); kFailed when refused (shown as a warning).
  Status ReportBusy(const std::string& resource, const std::string& reason) const {
    if (!GANTRY_STRUCT_HAS(host_, gantry_host, report_busy) || host_->report_busy == nullptr)
      return Status::kUnsupported;
    return static_cast<Status>(host_->report_busy(call_, resource.c_str(), reason.c_str()));
  }

  /// From Discover: this component also depends on the file or directory at `path`
  /// (relative to the source dir, or absolute), for `gantry affected`; `reason` is what
  /// the user reads before " changed: FILE" ("" : the path). kUnsupported from a host
  /// before 0.8; kFailed when refused (shown as a warning).
  Status ReportFile(const std::string& path, const std::string& reason = {}) const {
    if (!GANTRY_STRUCT_HAS(host_, gantry_host, report_file) || host_->report_file == nullptr)
      return Status::kUnsupported;
    return static_cast<Status>(host_->report_file(call_, path.c_str(), reason.c_str()));
  }

  /// Whether the host has propose_component (release 0.4): it runs `gantry init`.
  [[nodiscard]] bool HostHasProposals() const {
    return GANTRY_STRUCT_HAS(host_, gantry_host, propose_component);
  }

  /// From Recognize: a component `gantry init` should write. kUnsupported from an older
  /// host; kFailed when refused (shown as a warning).
  Status ProposeComponent(const Proposal& proposal) const {
    if (!HostHasProposals() || host_->propose_component == nullptr) return Status::kUnsupported;
    auto text = [](const std::string& s) { return s.empty() ? nullptr : s.c_str(); };
    gantry_proposal raw{};
    raw.struct_size = sizeof raw;
    raw.abi_version = GANTRY_ABI_VERSION;
    raw.type = proposal.type.c_str();
    raw.source_dir = text(proposal.source_dir);
    raw.name = text(proposal.name);
    raw.settings_json = text(proposal.settings_json);
    raw.note = text(proposal.note);
    return static_cast<Status>(host_->propose_component(call_, &raw));
  }

  const gantry_host* host() const { return host_; }
  gantry_call* raw() const { return call_; }

 private:
  // Spawn's body. `lines` or `chunks` (at most one) receives the output; capture keeps
  // stdout off the console.
  SpawnResult Run(const SpawnOptions& options, bool capture,
                  const std::function<void(int32_t, std::string_view)>* lines,
                  const std::function<void(int32_t, std::string_view)>* chunks) const {
    if (lines != nullptr && chunks != nullptr) {
      throw std::invalid_argument("SpawnOptions: set on_output or on_line, not both");
    }
    if (const char* missing = Missing02(options, lines != nullptr)) {
      Error(std::string("this gantry host predates release 0.2 and cannot ") + missing +
            "; upgrade gantry");
      return SpawnResult{};
    }
    std::vector<std::string> env_strings = options.env;
    for (const auto& [name, value] : options.env_vars) env_strings.push_back(name + "=" + value);
    std::vector<const char*> argv = CStrings(options.argv);
    std::vector<const char*> env = CStrings(env_strings);
    OutputSink sink{lines != nullptr ? lines : chunks, nullptr};
    gantry_spawn_request request{};
    request.struct_size = sizeof request;
    request.abi_version = GANTRY_ABI_VERSION;
    request.argv = argv.data();
    request.env = env.data();
    request.cwd = options.cwd.empty() ? nullptr : options.cwd.c_str();
    request.flags = (capture ? GANTRY_SPAWN_CAPTURE_STDOUT : 0u) |
                    (options.clear_env ? GANTRY_SPAWN_CLEAR_ENV : 0u) |
                    (lines != nullptr ? GANTRY_SPAWN_LINES : 0u) |
                    (options.stop_with_sigint ? GANTRY_SPAWN_STOP_WITH_SIGINT : 0u);
    if (sink.callback != nullptr) {
      request.on_output = &OutputSink::Deliver;
      request.user_data = &sink;
    }
    if (options.stdin_text) {
      request.stdin_data = options.stdin_text->data();
      request.stdin_size = options.stdin_text->size();
    }
    if (options.stdin_file) request.stdin_path = options.stdin_file->c_str();
    const std::chrono::milliseconds max_ms(UINT32_MAX);
    request.stop_timeout_ms = static_cast<uint32_t>(
        std::clamp(options.stop_timeout, std::chrono::milliseconds(0), max_ms).count());
    gantry_spawn_result result{};
    result.struct_size = sizeof result;
    result.abi_version = GANTRY_ABI_VERSION;
    const gantry_status status = host_->spawn(call_, &request, &result);
    if (sink.error) std::rethrow_exception(sink.error);
    SpawnResult out;
    out.started = status == GANTRY_STATUS_OK;
    out.exit_code = result.exit_code;
    out.term_signal = result.term_signal;
    out.cancelled = result.cancelled != 0;
    return out;
  }

  // What `options` asks of a 0.2 host that this host is not, as words for the error.
  const char* Missing02(const SpawnOptions& options, bool lines) const {
    if (HostHasSpawn02()) return nullptr;
    if (options.stdin_text || options.stdin_file) return "give a child stdin";
    if (lines) return "deliver a child's output line by line";
    if (options.stop_timeout.count() > 0) return "set a child's stop timeout";
    return nullptr;
  }

  // Carries the C++ callback through the C one; an exception thrown by it is kept and
  // rethrown after spawn returns, so it never unwinds through the host.
  struct OutputSink {
    const std::function<void(int32_t, std::string_view)>* callback;
    std::exception_ptr error;
    static void Deliver(void* self, int32_t stream, const char* data, uint64_t size) {
      auto* sink = static_cast<OutputSink*>(self);
      if (sink->error) return;
      try {
        (*sink->callback)(stream, std::string_view(data, size));
      } catch (...) {
        sink->error = std::current_exception();
      }
    }
  };

  void Diagnose(int32_t severity, const std::string& setting, const std::string& message) const {
    if (GANTRY_STRUCT_HAS(host_, gantry_host, report_diagnostic) &&
        host_->report_diagnostic != nullptr) {
      host_->report_diagnostic(call_, severity, setting.c_str(), message.c_str());
      return;
    }
    // An older host: the same words, without the line.
    const std::string text = setting.empty() ? message : "'" + setting + "': " + message;
    if (severity == GANTRY_DIAGNOSTIC_ERROR) {
      host_->report_error(call_, text.c_str());
    } else {
      host_->log(call_, GANTRY_LOG_WARN, text.c_str());
    }
  }

  static std::vector<const char*> CStrings(const std::vector<std::string>& strings) {
    std::vector<const char*> out;
    out.reserve(strings.size() + 1);
    for (const std::string& s : strings) out.push_back(s.c_str());
    out.push_back(nullptr);
    return out;
  }

  const gantry_host* host_;
  gantry_call* call_;
};

/// Base class of a plugin written in C++. One instance lives from load to shutdown.
/// Hooks may run concurrently only when Info() sets GANTRY_CAP_CONCURRENT.
class Plugin {
 public:
  virtual ~Plugin() = default;
  /// Report every problem with call.Error() and return kFailed.
  virtual Status Validate(Call&, const Component&) { return Status::kOk; }
  /// Report implicit dependencies with call.AddDependency().
  virtual Status Discover(Call&, const Component&) { return Status::kOk; }
  virtual Status Execute(Call& call, const Component& component,
                         std::string_view operation) = 0;
  /// 0.3, with GANTRY_CAP_SAVED_PLANS: whether the plan saved in component.plan_dir can
  /// still be applied; report why not with call.Error() and return kFailed. Read-only.
  virtual Status CheckSavedPlan(Call&, const Component&) { return Status::kOk; }
  /// 0.4, for `gantry init`: report each component of the plugin's types found in the
  /// directory `dir` (absolute) with call.ProposeComponent(). Read-only and quick: the
  /// directory's own files, no process. The default recognises nothing.
  virtual Status Recognize(Call&, const std::string& dir) {
    (void)dir;
    return Status::kOk;
  }
};

/// Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of one
/// substring): inserting, deleting or replacing a character, or swapping two adjacent
/// ones, each counts 1. "aply" -> "apply" is 1, "aplpy" -> "apply" is 1.
inline size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rows: the one before the previous is needed for swaps.
  std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t replace = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      size_t best = std::min(replace, std::min(previous[j], row[j - 1]) + 1);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        best = std::min(best, before[j - 2] + 1);
      row[j] = best;
    }
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[b.size()];
}

/// For "did you mean ...?" in Validate: the word of `known` that `word` is most likely a
/// misspelling of (at most `max_distance` edits, see EditDistance), or "" when `word` is
/// itself known or close to none. For example, a plugin taking commands per operation:
///
///   if (std::string near = gantry::DidYouMean(op, {"plan", "apply", "destroy"}); !near.empty())
///     call.Error("commands." + op + ": unknown operation; did you mean '" + near + "'?");
inline std::string DidYouMean(std::string_view word, const std::vector<std::string_view>& known,
                              size_t max_distance = 2) {
  std::string_view best;
  size_t best_distance = max_distance + 1;
  for (std::string_view candidate : known) {
    if (candidate == word) return std::string();
    const size_t distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return std::string(best);
}

namespace detail {

// Owns everything the descriptor points at, for as long as the library is loaded.
class Holder {
 public:
  Holder(PluginInfo info, const gantry_host* host, std::unique_ptr<Plugin> instance)
      : info_(std::move(info)), host_(host), instance_(std::move(instance)) {
    types_ = CStrings(info_.component_types);
    operations_ = CStrings(info_.operations);
    descriptor_.struct_size = sizeof descriptor_;
    descriptor_.abi_version = GANTRY_ABI_VERSION;
    descriptor_.name = info_.name.c_str();
    descriptor_.version = info_.version.c_str();
    descriptor_.description = info_.description.c_str();
    descriptor_.component_types = types_.data();
    descriptor_.operations = info_.operations.empty() ? nullptr : operations_.data();
    descriptor_.capabilities = info_.capabilities;
    descriptor_.plugin_data = this;
    descriptor_.validate = &ValidateHook;
    descriptor_.discover = &DiscoverHook;
    descriptor_.execute = &ExecuteHook;
    descriptor_.get_extension = nullptr;
    descriptor_.shutdown = &ShutdownHook;
    descriptor_.check_saved_plan = &CheckSavedPlanHook;
    descriptor_.recognize = &RecognizeHook;
    if (info_.settings) {
      for (const Setting& setting : *info_.settings) {
        allowed_.push_back(CStrings(setting.allowed));
        gantry_setting raw{};
        raw.struct_size = sizeof raw;
        raw.abi_version = GANTRY_ABI_VERSION;
        raw.name = setting.name.c_str();
        raw.types = setting.types;
        raw.item_types = setting.item_types;
        raw.flags = setting.flags;
        raw.default_json = setting.default_json.empty() ? nullptr : setting.default_json.c_str();
        raw.allowed = setting.allowed.empty() ? nullptr : allowed_.back().data();
        raw.description = setting.description.c_str();
        settings_.push_back(raw);
      }
      for (const gantry_setting& raw : settings_) setting_list_.push_back(&raw);
      setting_list_.push_back(nullptr);
      descriptor_.settings = setting_list_.data();
    }
    if (info_.outputs) {
      for (const Output& output : *info_.outputs) {
        gantry_output raw{};
        raw.struct_size = sizeof raw;
        raw.abi_version = GANTRY_ABI_VERSION;
        raw.name = output.name.c_str();
        raw.flags = output.sensitive ? GANTRY_OUTPUT_SENSITIVE : 0u;
        raw.description = output.description.c_str();
        outputs_.push_back(raw);
      }
      for (const gantry_output& raw : outputs_) output_list_.push_back(&raw);
      output_list_.push_back(nullptr);
      descriptor_.outputs = output_list_.data();
    }
  }

  const gantry_plugin* descriptor() const { return &descriptor_; }

  /// A later negotiation in the same process (a host that shut the plugin down and loads
  /// it again where dlclose kept the library, a FakeHost per test): the calls go to that
  /// host, and a plugin that was shut down gets a fresh instance from `make`.
  template <class Make>
  void Reopen(const gantry_host* host, Make make) {
    host_ = host;
    if (!instance_) instance_ = make();
  }

 private:
  static Holder& Of(const gantry_plugin* plugin) {
    return *static_cast<Holder*>(plugin->plugin_data);
  }

  // Runs a hook body; any exception becomes a reported error and kFailed.
  template <class Body>
  static gantry_status Guarded(const gantry_plugin* plugin, gantry_call* raw, Body body) noexcept {
    Holder& self = Of(plugin);
    Call call(self.host_, raw);
    try {
      if (!self.instance_) throw std::logic_error("plugin was shut down");
      return static_cast<gantry_status>(body(call, *self.instance_));
    } catch (const std::exception& e) {
      Report(plugin, call, e.what());
    } catch (...) {
      Report(plugin, call, "unknown exception");
    }
    return GANTRY_STATUS_FAILED;
  }

  // Names the plugin: an exception out of a hook is the plugin's bug, not the user's.
  static void Report(const gantry_plugin* plugin, const Call& call, const char* what) noexcept {
    try {
      const char* name = plugin->name != nullptr ? plugin->name : "?";
      call.Error(std::string("plugin ") + name + " error: " + what);
    } catch (...) {
      call.host()->report_error(call.raw(), "plugin error (out of memory)");
    }
  }

  static gantry_status ValidateHook(const gantry_plugin* p, gantry_call* c,
                                    const gantry_component* comp) noexcept {
    return Guarded(p, c, [&](Call& call, Plugin& plugin) {
      return plugin.Validate(call, Component(*comp));
    });
  }
  static gantry_status DiscoverHook(const gantry_plugin* p, gantry_call* c,
                                    const gantry_component* comp) noexcept {
    return Guarded(p, c, [&](Call& call, Plugin& plugin) {
      return plugin.Discover(call, Component(*comp));
    });
  }
  static gantry_status ExecuteHook(const gantry_plugin* p, gantry_call* c,
                                   const gantry_component* comp, const char* op) noexcept {
    return Guarded(p, c, [&](Call& call, Plugin& plugin) {
      return plugin.Execute(call, Component(*comp), op != nullptr ? op : "");
    });
  }
  static gantry_status CheckSavedPlanHook(const gantry_plugin* p, gantry_call* c,
                                          const gantry_component* comp) noexcept {
    return Guarded(p, c, [&](Call& call, Plugin& plugin) {
      return plugin.CheckSavedPlan(call, Component(*comp));
    });
  }
  static gantry_status RecognizeHook(const gantry_plugin* p, gantry_call* c,
                                     const char* dir) noexcept {
    return Guarded(p, c, [&](Call& call, Plugin& plugin) {
      return plugin.Recognize(call, dir != nullptr ? dir : "");
    });
  }
  static void ShutdownHook(const gantry_plugin* p) noexcept {
    try {
      Of(p).instance_.reset();
    } catch (...) {
    }
  }

  static std::vector<const char*> CStrings(const std::vector<std::string>& strings) {
    std::vector<const char*> out;
    for (const std::string& s : strings) out.push_back(s.c_str());
    out.push_back(nullptr);
    return out;
  }

  PluginInfo info_;
  const gantry_host* host_;
  std::unique_ptr<Plugin> instance_;
  std::vector<const char*> types_;
  std::vector<const char*> operations_;
  std::vector<std::vector<const char*>> allowed_;  // one list per setting
  std::vector<gantry_setting> settings_;
  std::vector<const gantry_setting*> setting_list_;
  std::vector<gantry_output> outputs_;
  std::vector<const gantry_output*> output_list_;
  gantry_plugin descriptor_{};
};

// The body of the exported entry: negotiate, then build the descriptor once.
template <class PluginClass>
const gantry_plugin* Entry(uint32_t host_min_abi, uint32_t host_max_abi,
                           const gantry_host* host) noexcept {
  if (host == nullptr || host_min_abi > GANTRY_ABI_VERSION || host_max_abi < GANTRY_ABI_VERSION)
    return nullptr;
  try {
    static Holder holder(PluginClass::Info(), host, std::make_unique<PluginClass>());
    holder.Reopen(host, [] { return std::make_unique<PluginClass>(); });
    return holder.descriptor();
  } catch (...) {
    return nullptr;
  }
}

}  // namespace detail
}  // namespace gantry

/// Defines the exported entry point for PluginClass (derived from gantry::Plugin, with a
/// static gantry::PluginInfo Info()). Use once per plugin library, at namespace scope.
#define GANTRY_PLUGIN(PluginClass)                                                    \
  extern "C" GANTRY_EXPORT const gantry_plugin* gantry_plugin_entry(                  \
      uint32_t host_min_abi, uint32_t host_max_abi, const gantry_host* host) {        \
    return ::gantry::detail::Entry<PluginClass>(host_min_abi, host_max_abi, host);    \
  }

#endif  // GANTRY_PLUGIN_HPP
