// What the host does on behalf of one plugin hook call: the C++ side of gantry_host.
#ifndef GANTRY_CORE_PLUGIN_CALL_CONTEXT_H_
#define GANTRY_CORE_PLUGIN_CALL_CONTEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gantry/host.h"

namespace gantry::plugin {

/// A spawn request copied out of the C structs.
struct SpawnRequest {
  std::vector<std::string> argv;
  std::vector<std::string> env;  ///< "NAME=value" overrides
  std::string cwd;               ///< empty: the component's work dir
  bool capture_stdout = false;   ///< stdout only to on_output, not shown or logged
  bool clear_env = false;
  bool lines = false;            ///< on_output gets whole lines (GANTRY_SPAWN_LINES)
  std::optional<std::string> stdin_data;  ///< fed to the child's stdin; nullopt: none
  std::string stdin_path;        ///< a file as the child's stdin; empty: none
  uint32_t stop_timeout_ms = 0;  ///< SIGKILL this long after the stop signal; 0: default
  bool stop_with_sigint = false; ///< a timeout sends SIGINT, not SIGTERM
};

/// report_changes, copied out of gantry_changes: what an operation would change.
struct ChangeSummary {
  bool has_changes = false;
  int64_t add = -1;  ///< -1: not known
  int64_t change = -1;
  int64_t destroy = -1;
  std::string summary;  ///< the plugin's own words for the counts; empty: none
};

/// propose_component, copied out of gantry_proposal: a component `gantry init` writes.
struct ComponentProposal {
  std::string type;
  std::string source_dir;  ///< absolute; empty: the directory recognised
  std::string name;        ///< empty: named after its source
  std::string settings_json;  ///< empty: none
  std::string note;
};

/// How a spawned child ended (mirrors gantry_spawn_result).
struct SpawnOutcome {
  bool started = false;
  int exit_code = -1;
  int term_signal = 0;
  bool cancelled = false;
};

/// Receives plugin-requested output of a spawned child (the plugin's on_output).
using SpawnOutputFn = void (*)(void* user_data, int32_t stream, const char* data,
                               uint64_t size);

/// The services of one hook call. Implemented by the executor for real runs and by
/// the validation/discovery passes; tests provide recording fakes. Every method may be
/// called from any thread the plugin uses during the call.
class CallContext {
 public:
  virtual ~CallContext() = default;
  virtual void Write(int32_t stream, std::string_view data) = 0;
  /// Runs a child to completion. A child that could not start returns started=false
  /// after reporting the reason with ReportError.
  virtual SpawnOutcome Spawn(const SpawnRequest& request, SpawnOutputFn on_output,
                             void* user_data) = 0;
  virtual bool IsCancelled() = 0;
  /// Records an output (its key already follows OutputKeyProblem's rule). Returns "" when
  /// taken, else why it was refused (e.g. outside execute): the host then returns
  /// GANTRY_STATUS_FAILED and shows the reason as a warning.
  virtual std::string SetOutput(std::string key, std::string value, uint32_t flags) = 0;
  virtual void ReportError(std::string message) = 0;
  /// Records a dependency found by discover. Returns "" when taken, else why it was
  /// refused (e.g. during execute), as SetOutput does.
  virtual std::string AddDependency(std::string component, std::string reason) = 0;
  virtual void Log(int32_t level, std::string_view message) = 0;
  /// declare_output (name and flags already checked): an output the component will have.
  /// Returns "" when taken, else why it was refused: only discover declares (validate's
  /// pass takes it too), so by default the call is refused.
  virtual std::string DeclareOutput(std::string name, uint32_t flags, std::string description) {
    (void)flags;
    (void)description;
    return "declare_output('" + name + "') outside discover is refused: outputs are declared by "
           "discover";
  }
  /// report_changes: what the operation would change or changed. Returns "" when taken,
  /// else why it was refused: only execute reports changes.
  virtual std::string ReportChanges(const ChangeSummary& changes) {
    (void)changes;
    return "report_changes outside execute is refused";
  }
  /// provide_key / need_key (key not empty): what discover found this component provides
  /// or needs. Returns "" when taken, else why it was refused: only discover reports them.
  virtual std::string ProvideKey(std::string key) {
    return "provide_key('" + key + "') outside discover is refused";
  }
  virtual std::string NeedKey(std::string key, std::string reason) {
    (void)reason;
    return "need_key('" + key + "') outside discover is refused";
  }
  /// propose_component (recognize): a component for `gantry init`. Returns "" when
  /// taken, else why it was refused: only recognize proposes.
  virtual std::string ProposeComponent(ComponentProposal proposal) {
    return "propose_component('" + proposal.type + "') outside recognize is refused";
  }
  /// report_busy (execute, before GANTRY_STATUS_BUSY): the component waits for
  /// `resource` ("" : its own), held for `reason`. Returns "" when taken, else why it
  /// was refused: only execute reports it.
  virtual std::string ReportBusy(std::string resource, std::string reason) {
    (void)resource;
    (void)reason;
    return "report_busy outside execute is refused";
  }
  /// report_file (discover, path not empty): the component also depends on `path`
  /// (relative to its source dir, or absolute), said as `reason`. Returns "" when taken,
  /// else why it was refused: only discover reports files.
  virtual std::string ReportFile(std::string path, std::string reason) {
    (void)reason;
    return "report_file('" + path + "') outside discover is refused";
  }
  /// report_diagnostic: a problem pointing at one setting (dotted path, may be empty),
  /// of GANTRY_DIAGNOSTIC_* severity. By default an error is reported as "'path': message"
  /// (unless the message names the path) and a warning logged; the validate pass keeps
  /// both with the path.
  virtual void ReportDiagnostic(int32_t severity, std::string setting, std::string message) {
    if (!setting.empty() && message.find(setting) == std::string::npos)
      message = "'" + setting + "': " + message;
    if (severity == GANTRY_DIAGNOSTIC_ERROR) {
      ReportError(std::move(message));
    } else {
      Log(GANTRY_LOG_WARN, message);
    }
  }
};

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_CALL_CONTEXT_H_
