// A CallContext for the passes that run no processes (validate, discover): it collects
// what the plugin reports.
#ifndef GANTRY_CORE_PLUGIN_COLLECTING_CONTEXT_H_
#define GANTRY_CORE_PLUGIN_COLLECTING_CONTEXT_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "core/plugin/call_context.h"
#include "core/plugin/output_spec.h"
#include "core/stream/secret_masker.h"

namespace gantry::plugin {

/// An implicit dependency reported by a plugin's discover hook.
struct DiscoveredDependency {
  std::string component;
  std::string reason;
};

/// A key a plugin's discover hook said its component needs (need_key), and why.
struct NeededKey {
  std::string key;
  std::string reason;
};

/// A file or directory a plugin's discover hook said its component depends on
/// (report_file): `path` as given (relative to the source dir, or absolute).
struct ReportedFile {
  std::string path;
  std::string reason;  ///< empty: none given
};

/// What a plugin reported with report_error or report_diagnostic.
struct PluginDiagnostic {
  int32_t severity = GANTRY_DIAGNOSTIC_ERROR;
  std::string setting;  ///< dotted path into the component's table; empty: the component
  std::string message;
};

/// What a plugin's messages say (report_error, report_diagnostic, refusals, log) is kept
/// and logged masked with `secrets` (the deployment's configured secrets: validate and
/// discover see the literal vars), which must outlive the context; null masks nothing.
class CollectingContext : public CallContext {
 public:
  /// The hook served. Only discover takes provide_key, need_key and report_file; the others refuse
  /// them as the base class does.
  enum class Pass { kValidate, kDiscover };
  explicit CollectingContext(Pass pass = Pass::kValidate,
                             const stream::SecretMasker* secrets = nullptr)
      : pass_(pass), secrets_(secrets) {}

  void Write(int32_t stream, std::string_view data) override;
  SpawnOutcome Spawn(const SpawnRequest& request, SpawnOutputFn, void*) override;
  bool IsCancelled() override { return false; }
  std::string SetOutput(std::string key, std::string value, uint32_t flags) override;
  void ReportError(std::string message) override;
  std::string AddDependency(std::string component, std::string reason) override;
  void Log(int32_t level, std::string_view message) override;
  void ReportDiagnostic(int32_t severity, std::string setting, std::string message) override;
  std::string DeclareOutput(std::string name, uint32_t flags, std::string description) override;
  std::string ProvideKey(std::string key) override;
  std::string NeedKey(std::string key, std::string reason) override;
  std::string ReportFile(std::string path, std::string reason) override;

  /// The errors' messages (without the settings they point at).
  std::vector<std::string> errors() const;
  /// Errors and warnings, in the order reported.
  std::vector<PluginDiagnostic> diagnostics() const;
  std::vector<DiscoveredDependency> dependencies() const;
  /// What declare_output declared, in order, a name once.
  std::vector<OutputSpec> declared_outputs() const;
  std::string output() const;  ///< what the plugin wrote, both streams
  /// What provide_key and need_key reported, in order (discover only).
  std::vector<std::string> provided_keys() const;
  std::vector<NeededKey> needed_keys() const;
  /// What report_file reported, in order (discover only).
  std::vector<ReportedFile> reported_files() const;

 private:
  std::string Masked(std::string_view text) const;

  const Pass pass_;
  const stream::SecretMasker* const secrets_;
  mutable absl::Mutex mu_;
  std::vector<PluginDiagnostic> diagnostics_ ABSL_GUARDED_BY(mu_);
  std::vector<DiscoveredDependency> dependencies_ ABSL_GUARDED_BY(mu_);
  std::vector<OutputSpec> declared_outputs_ ABSL_GUARDED_BY(mu_);
  std::string output_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> provided_keys_ ABSL_GUARDED_BY(mu_);
  std::vector<NeededKey> needed_keys_ ABSL_GUARDED_BY(mu_);
  std::vector<ReportedFile> reported_files_ ABSL_GUARDED_BY(mu_);
};

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_COLLECTING_CONTEXT_H_
