// Test double: an OutputSink that keeps everything.
#ifndef GANTRY_TESTS_EXEC_COLLECTING_SINK_H_
#define GANTRY_TESTS_EXEC_COLLECTING_SINK_H_

#include <functional>
#include <string>
#include <string_view>

#include "core/exec/line_splitter.h"
#include "core/exec/output_sink.h"

namespace gantry::exec {

/// Appends each stream to a string; optionally reports stdout line by line as it comes,
/// on the runner's thread (tests use it to react once a child is up).
class CollectingSink : public OutputSink {
 public:
  void OnOutput(int stream, std::string_view chunk) override {
    if (chunk.empty()) ++empty_chunks;
    if (stream == 1) {
      out.append(chunk);
      if (on_stdout_line) stdout_lines_.Feed(chunk, on_stdout_line);
    } else if (stream == 2) {
      err.append(chunk);
    } else {
      ++bad_streams;
    }
  }

  std::function<void(std::string_view)> on_stdout_line;
  std::string out;
  std::string err;
  int empty_chunks = 0;
  int bad_streams = 0;

 private:
  LineSplitter stdout_lines_;
};

}  // namespace gantry::exec

#endif  // GANTRY_TESTS_EXEC_COLLECTING_SINK_H_
