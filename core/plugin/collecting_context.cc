#include "core/plugin/collecting_context.h"

#include "absl/strings/str_cat.h"
#include "spdlog/spdlog.h"

namespace gantry::plugin {

void CollectingContext::Write(int32_t, std::string_view data) {
  absl::MutexLock lock(&mu_);
  output_.append(data);
}

SpawnOutcome CollectingContext::Spawn(const SpawnRequest& request, SpawnOutputFn, void*) {
  // validate and discover must not have side effects, so they may not run programs.
  ReportError(absl::StrCat("spawn of '", request.argv.empty() ? "" : request.argv[0],
                           "' refused: validate and discover may not run programs"));
  return SpawnOutcome{};
}

std::string CollectingContext::SetOutput(std::string key, std::string, uint32_t) {
  return absl::StrCat("set_output('", key, "') refused: outputs are set by execute only");
}

void CollectingContext::ReportError(std::string message) {
  ReportDiagnostic(GANTRY_DIAGNOSTIC_ERROR, "", std::move(message));
}

void CollectingContext::ReportDiagnostic(int32_t severity, std::string setting,
                                         std::string message) {
  message = Masked(message);
  absl::MutexLock lock(&mu_);
  diagnostics_.push_back({severity, std::move(setting), std::move(message)});
}

std::string CollectingContext::Masked(std::string_view text) const {
  return secrets_ != nullptr ? secrets_->Mask(text) : std::string(text);
}

std::string CollectingContext::AddDependency(std::string component, std::string reason) {
  absl::MutexLock lock(&mu_);
  dependencies_.push_back({std::move(component), std::move(reason)});
  return "";
}

std::string CollectingContext::DeclareOutput(std::string name, uint32_t flags,
                                             std::string description) {
  absl::MutexLock lock(&mu_);
  MergeOutputs(declared_outputs_, {OutputSpec{std::move(name), (flags & GANTRY_OUTPUT_SENSITIVE) != 0,
                                              std::move(description)}});
  return "";
}

std::string CollectingContext::ProvideKey(std::string key) {
  if (pass_ != Pass::kDiscover) return CallContext::ProvideKey(std::move(key));
  absl::MutexLock lock(&mu_);
  provided_keys_.push_back(std::move(key));
  return "";
}

std::string CollectingContext::NeedKey(std::string key, std::string reason) {
  if (pass_ != Pass::kDiscover) return CallContext::NeedKey(std::move(key), std::move(reason));
  absl::MutexLock lock(&mu_);
  needed_keys_.push_back({std::move(key), std::move(reason)});
  return "";
}

std::string CollectingContext::ReportFile(std::string path, std::string reason) {
  if (pass_ != Pass::kDiscover) return CallContext::ReportFile(std::move(path), std::move(reason));
  absl::MutexLock lock(&mu_);
  reported_files_.push_back({std::move(path), std::move(reason)});
  return "";
}

void CollectingContext::Log(int32_t level, std::string_view message) {
  spdlog::log(level >= 3 ? spdlog::level::err : level == 2 ? spdlog::level::warn
                                                : level == 1 ? spdlog::level::info
                                                             : spdlog::level::debug,
              "{}", Masked(message));
}

std::vector<std::string> CollectingContext::errors() const {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> errors;
  for (const PluginDiagnostic& d : diagnostics_) {
    if (d.severity != GANTRY_DIAGNOSTIC_ERROR) continue;
    errors.push_back(d.message);
  }
  return errors;
}

std::vector<PluginDiagnostic> CollectingContext::diagnostics() const {
  absl::MutexLock lock(&mu_);
  return diagnostics_;
}

std::vector<DiscoveredDependency> CollectingContext::dependencies() const {
  absl::MutexLock lock(&mu_);
  return dependencies_;
}

std::vector<OutputSpec> CollectingContext::declared_outputs() const {
  absl::MutexLock lock(&mu_);
  return declared_outputs_;
}

std::vector<std::string> CollectingContext::provided_keys() const {
  absl::MutexLock lock(&mu_);
  return provided_keys_;
}

std::vector<NeededKey> CollectingContext::needed_keys() const {
  absl::MutexLock lock(&mu_);
  return needed_keys_;
}

std::vector<ReportedFile> CollectingContext::reported_files() const {
  absl::MutexLock lock(&mu_);
  return reported_files_;
}

std::string CollectingContext::output() const {
  absl::MutexLock lock(&mu_);
  return output_;
}

}  // namespace gantry::plugin
