#include "core/run/component_call_context.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/exec/line_splitter.h"
#include "core/run/secrets_of.h"
#include "spdlog/spdlog.h"

namespace gantry::run {
namespace {

// Splits a child's output between the component's streams and the plugin's callback,
// which gets chunks, or whole lines (cut by the host's LineSplitter) in line mode.
class SpawnOutputRouter : public exec::OutputSink {
 public:
  SpawnOutputRouter(exec::OutputSink& streams, const plugin::SpawnRequest& request,
                    plugin::SpawnOutputFn on_output, void* user_data)
      : streams_(streams),
        capture_stdout_(request.capture_stdout),
        lines_(request.lines),
        on_output_(on_output),
        user_data_(user_data) {}

  void OnOutput(int stream, std::string_view chunk) override {
    if (!(capture_stdout_ && stream == GANTRY_STREAM_STDOUT)) streams_.OnOutput(stream, chunk);
    if (on_output_ == nullptr) return;
    if (!lines_) return Deliver(stream, chunk);
    Splitter(stream).Feed(chunk, [&](std::string_view line) { Deliver(stream, line); });
  }

  // Once the child has ended: the last lines, if they had no newline.
  void Finish() {
    if (on_output_ == nullptr || !lines_) return;
    for (int stream : {GANTRY_STREAM_STDOUT, GANTRY_STREAM_STDERR}) {
      if (std::optional<std::string> rest = Splitter(stream).Flush()) Deliver(stream, *rest);
    }
  }

 private:
  exec::LineSplitter& Splitter(int stream) {
    return stream == GANTRY_STREAM_STDOUT ? stdout_lines_ : stderr_lines_;
  }
  void Deliver(int stream, std::string_view data) {
    on_output_(user_data_, stream, data.data(), data.size());
  }

  exec::OutputSink& streams_;
  const bool capture_stdout_;
  const bool lines_;
  const plugin::SpawnOutputFn on_output_;
  void* const user_data_;
  exec::LineSplitter stdout_lines_, stderr_lines_;
};

}  // namespace

ComponentCallContext::ComponentCallContext(const plugin::ComponentData& component,
                                           exec::ProcessRunner& runner,
                                           const exec::CancelToken& cancel,
                                           exec::OutputSink& streams, absl::Time deadline,
                                           CallSecrets secrets, exec::ProcessTag tag)
    : component_(component), runner_(runner), cancel_(cancel), streams_(streams),
      deadline_(deadline), secrets_(std::move(secrets)),
      tag_env_(tag.run_id.empty() ? std::vector<std::string>() : tag.Environment()) {}

void ComponentCallContext::Write(int32_t stream, std::string_view data) {
  streams_.OnOutput(stream, data);
}

plugin::SpawnOutcome ComponentCallContext::Spawn(const plugin::SpawnRequest& request,
                                                 plugin::SpawnOutputFn on_output,
                                                 void* user_data) {
  exec::ProcessSpec spec;
  spec.argv = request.argv;
  spec.env_overrides = request.env;
  // Last, so a plugin cannot unset the tag that lets gantry find the child's leftovers.
  spec.env_overrides.insert(spec.env_overrides.end(), tag_env_.begin(), tag_env_.end());
  spec.clear_env = request.clear_env;
  spec.cwd = request.cwd.empty() ? component_.work_dir : request.cwd;
  if (deadline_ != absl::InfiniteFuture()) {
    spec.timeout = deadline_ - absl::Now();
    if (spec.timeout <= absl::ZeroDuration()) spec.timeout = absl::Milliseconds(1);
  }
  spec.stdin_data = request.stdin_data;
  spec.stdin_path = request.stdin_path;
  if (request.stop_timeout_ms > 0) spec.kill_grace = absl::Milliseconds(request.stop_timeout_ms);
  spec.stop_with_sigint = request.stop_with_sigint;
  SpawnOutputRouter router(streams_, request, on_output, user_data);
  absl::StatusOr<exec::ProcessExit> exit = runner_.Run(spec, router, cancel_);
  router.Finish();
  plugin::SpawnOutcome outcome;
  if (!exit.ok()) {
    ReportError(std::string(exit.status().message()));
    return outcome;
  }
  outcome.started = true;
  outcome.exit_code = exit->exit_code;
  outcome.term_signal = exit->term_signal;
  outcome.cancelled = exit->cancelled || exit->timed_out;
  if (exit->timed_out) {
    std::lock_guard lock(mu_);
    timed_out_ = true;
  }
  return outcome;
}

bool ComponentCallContext::IsCancelled() {
  if (cancel_.cancelled()) return true;
  return deadline_ != absl::InfiniteFuture() && absl::Now() >= deadline_;
}

std::string ComponentCallContext::SetOutput(std::string key, std::string value,
                                            uint32_t flags) {
  const std::vector<std::string>& declared = secrets_.declared_sensitive;
  if (std::find(declared.begin(), declared.end(), key) != declared.end())
    flags |= GANTRY_OUTPUT_SENSITIVE;
  OutputValue output{std::move(value), flags};
  if (output.sensitive() && secrets_.set != nullptr) {
    // Now, not when the component ends: what it writes from here on is masked.
    std::vector<std::string> secrets;
    AppendSecretsOf(output, secrets);
    secrets_.set->Add(secrets);
  }
  std::lock_guard lock(mu_);
  outputs_[std::move(key)] = std::move(output);
  return "";
}

void ComponentCallContext::ReportError(std::string message) {
  std::lock_guard lock(mu_);
  errors_.push_back(std::move(message));
}

std::string ComponentCallContext::AddDependency(std::string component, std::string) {
  return absl::StrCat("add_dependency('", component,
                      "') during execute is refused: dependencies are found by discover");
}

std::string ComponentCallContext::ReportChanges(const plugin::ChangeSummary& changes) {
  auto count = [](int64_t n) { return n < 0 ? int64_t{-1} : n; };
  std::lock_guard lock(mu_);
  changes_ = record::Changes{changes.has_changes, count(changes.add), count(changes.change),
                             count(changes.destroy), changes.summary};
  // The plugin's words are shown everywhere: masked as any other text it gives.
  if (!changes_->summary.empty() && secrets_.set != nullptr)
    changes_->summary = secrets_.set->Snapshot()->Mask(changes_->summary);
  return "";
}

std::string ComponentCallContext::ReportBusy(std::string resource, std::string reason) {
  std::lock_guard lock(mu_);
  busy_.emplace(std::move(resource), std::move(reason));
  return "";
}

std::optional<std::pair<std::string, std::string>> ComponentCallContext::busy() const {
  std::lock_guard lock(mu_);
  return busy_;
}

void ComponentCallContext::Log(int32_t level, std::string_view message) {
  const auto spd_level = level >= GANTRY_LOG_ERROR  ? spdlog::level::err
                         : level == GANTRY_LOG_WARN ? spdlog::level::warn
                         : level == GANTRY_LOG_INFO ? spdlog::level::info
                                                    : spdlog::level::debug;
  std::string scratch;
  // The secrets as they are now: an output set a moment ago included.
  std::shared_ptr<const stream::SecretMasker> masker;
  if (secrets_.set != nullptr) {
    masker = secrets_.set->Snapshot();
    message = masker->Mask(message, &scratch);
  }
  spdlog::log(spd_level, "[{}] {}", component_.name, message);
}

std::map<std::string, OutputValue> ComponentCallContext::outputs() const {
  std::lock_guard lock(mu_);
  return outputs_;
}

std::optional<record::Changes> ComponentCallContext::changes() const {
  std::lock_guard lock(mu_);
  return changes_;
}

std::vector<std::string> ComponentCallContext::errors() const {
  std::lock_guard lock(mu_);
  return errors_;
}

bool ComponentCallContext::timed_out() const {
  std::lock_guard lock(mu_);
  return timed_out_;
}

}  // namespace gantry::run
