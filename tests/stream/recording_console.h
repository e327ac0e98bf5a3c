// Test double: a Console that records every Output call.
#ifndef GANTRY_TESTS_STREAM_RECORDING_CONSOLE_H_
#define GANTRY_TESTS_STREAM_RECORDING_CONSOLE_H_

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/console/console.h"

namespace gantry::stream {

class RecordingConsole : public console::Console {
 public:
  struct Call {
    std::string component;
    int stream;
    std::string lines;
  };

  void RunStarted(const record::RunRecord&) override {}
  void ComponentStarted(const record::ComponentRecord&) override {}
  void Output(const std::string& component, int stream, console::LineBlock lines) override {
    std::lock_guard<std::mutex> lock(mu_);
    calls_.push_back(Call{component, stream, std::string(lines.head).append(lines.body)});
  }
  void ComponentFinished(const record::ComponentRecord&) override {}
  void RunFinished(const record::RunRecord&) override {}
  void Notice(std::string_view message) override {
    std::lock_guard<std::mutex> lock(mu_);
    notices_.emplace_back(message);
  }
  std::vector<std::string> notices() const {
    std::lock_guard<std::mutex> lock(mu_);
    return notices_;
  }

  std::vector<Call> calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  /// Everything output for `stream` (0: both), in call order.
  std::string Text(int stream = 0) const {
    std::lock_guard<std::mutex> lock(mu_);
    std::string text;
    for (const Call& call : calls_) {
      if (stream == 0 || call.stream == stream) text += call.lines;
    }
    return text;
  }

 private:
  mutable std::mutex mu_;
  std::vector<Call> calls_;
  std::vector<std::string> notices_;
};

}  // namespace gantry::stream

#endif  // GANTRY_TESTS_STREAM_RECORDING_CONSOLE_H_
