// Keeps the last bytes of an attempt's output, for matching `retry_on` patterns.
#ifndef GANTRY_CORE_RUN_OUTPUT_TAIL_H_
#define GANTRY_CORE_RUN_OUTPUT_TAIL_H_

#include <string>
#include <string_view>

#include <mutex>
#include "core/exec/output_sink.h"

namespace gantry::run {

/// Passes every chunk on to `next` and remembers the last `max_bytes` of both streams
/// together. Thread-safe (a plugin may write from its own threads while a child's output
/// arrives).
class OutputTail : public exec::OutputSink {
 public:
  OutputTail(exec::OutputSink& next, size_t max_bytes = 64 * 1024)
      : next_(next), max_bytes_(max_bytes) {}

  void OnOutput(int stream, std::string_view chunk) override;

  /// The remembered bytes (may start mid-line).
  std::string Text() const;
  /// Forgets everything (a new attempt starts).
  void Clear();

 private:
  exec::OutputSink& next_;
  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::string tail_;
};

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_OUTPUT_TAIL_H_
