// A CallContext that records everything a plugin hook does, for tests.
#ifndef GANTRY_TESTS_SDK_RECORDING_CALL_CONTEXT_H_
#define GANTRY_TESTS_SDK_RECORDING_CALL_CONTEXT_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/plugin/call_context.h"

namespace gantry::plugin {

/// Records writes, outputs, errors, dependencies and log lines; refuses to spawn (the
/// fixtures never spawn). Thread-safe, as a CallContext must be.
class RecordingCallContext : public CallContext {
 public:
  struct Output {
    std::string value;
    uint32_t flags = 0;
  };

  void Write(int32_t stream, std::string_view data) override {
    std::lock_guard<std::mutex> lock(mu_);
    (stream == GANTRY_STREAM_STDERR ? stderr_ : stdout_).append(data);
  }
  SpawnOutcome Spawn(const SpawnRequest& request, SpawnOutputFn, void*) override {
    std::lock_guard<std::mutex> lock(mu_);
    spawned_.push_back(request.argv);
    errors_.push_back("spawn is not available in RecordingCallContext");
    return SpawnOutcome{};
  }
  bool IsCancelled() override { return cancelled_; }
  std::string SetOutput(std::string key, std::string value, uint32_t flags) override {
    std::lock_guard<std::mutex> lock(mu_);
    outputs_[std::move(key)] = Output{std::move(value), flags};
    return "";
  }
  void ReportError(std::string message) override {
    std::lock_guard<std::mutex> lock(mu_);
    errors_.push_back(std::move(message));
  }
  std::string AddDependency(std::string component, std::string reason) override {
    std::lock_guard<std::mutex> lock(mu_);
    dependencies_.emplace_back(std::move(component), std::move(reason));
    return "";
  }
  void Log(int32_t level, std::string_view message) override {
    std::lock_guard<std::mutex> lock(mu_);
    logs_.emplace_back(level, std::string(message));
  }

  void set_cancelled(bool cancelled) { cancelled_ = cancelled; }

  // Read after the hook returned.
  const std::string& stdout_text() const { return stdout_; }
  const std::string& stderr_text() const { return stderr_; }
  const std::map<std::string, Output>& outputs() const { return outputs_; }
  const std::vector<std::string>& errors() const { return errors_; }
  const std::vector<std::pair<std::string, std::string>>& dependencies() const {
    return dependencies_;
  }
  const std::vector<std::pair<int32_t, std::string>>& logs() const { return logs_; }
  const std::vector<std::vector<std::string>>& spawned() const { return spawned_; }

 private:
  std::mutex mu_;
  std::atomic<bool> cancelled_{false};
  std::string stdout_, stderr_;
  std::map<std::string, Output> outputs_;
  std::vector<std::string> errors_;
  std::vector<std::pair<std::string, std::string>> dependencies_;
  std::vector<std::pair<int32_t, std::string>> logs_;
  std::vector<std::vector<std::string>> spawned_;
};

}  // namespace gantry::plugin

#endif  // GANTRY_TESTS_SDK_RECORDING_CALL_CONTEXT_H_
