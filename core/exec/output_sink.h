// Where a child's captured output goes.
#ifndef GANTRY_CORE_EXEC_OUTPUT_SINK_H_
#define GANTRY_CORE_EXEC_OUTPUT_SINK_H_

#include <string_view>

namespace gantry::exec {

/// Receives a child's output as it arrives. Called on the thread running
/// ProcessRunner::Run, never concurrently for one run; chunks of one stream come in the
/// order the child wrote them, with no line or size alignment (see LineSplitter).
class OutputSink {
 public:
  virtual ~OutputSink() = default;

  /// `stream` is 1 for stdout, 2 for stderr. `chunk` is valid only during the call and
  /// is never empty.
  virtual void OnOutput(int stream, std::string_view chunk) = 0;
};

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_OUTPUT_SINK_H_
