#include "core/cli/graph_command.h"

#include <sstream>
#include <string>

#include "core/cli/checked_graph.h"
#include "core/cli/exit_codes.h"
#include "core/exec/cancel_token.h"
#include "core/exec/output_sink.h"
#include "core/exec/posix_process_runner.h"
#include "core/graph/graph_format.h"

namespace gantry::cli {
namespace {

/// The child's stdout to `out`, its stderr kept to explain a failure.
class SvgSink : public exec::OutputSink {
 public:
  explicit SvgSink(std::ostream& out) : out_(out) {}
  void OnOutput(int stream, std::string_view chunk) override {
    if (stream == 1) out_ << chunk;
    else errors_.append(chunk);
  }
  const std::string& errors() const { return errors_; }

 private:
  std::ostream& out_;
  std::string errors_;
};

/// The dot rendering, drawn by Graphviz's `dot -Tsvg`.
int WriteSvg(const graph::Graph& graph, std::ostream& out, std::ostream& err) {
  std::ostringstream dot;
  if (absl::Status written = graph::WriteGraph(graph, "dot", dot); !written.ok()) {
    err << "gantry: " << written.message() << "\n";
    return kExitBadInput;
  }
  exec::ProcessSpec spec;
  spec.argv = {"dot", "-Tsvg"};
  spec.stdin_data = dot.str();
  spec.timeout = absl::Minutes(1);
  exec::PosixProcessRunner runner;
  exec::CancelToken cancel;
  SvgSink sink(out);
  absl::StatusOr<exec::ProcessExit> drawn = runner.Run(spec, sink, cancel);
  if (!drawn.ok()) {
    err << "gantry: --format svg draws with Graphviz's dot, which could not be run ("
        << drawn.status().message() << "); install graphviz, or take --format dot\n";
    return kExitBadInput;
  }
  if (!drawn->ok()) {
    err << "gantry: dot -Tsvg failed: " << sink.errors() << "\n";
    return kExitComponentFailed;
  }
  return kExitOk;
}

}  // namespace

int RunGraph(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
             const std::string& format, std::ostream& out, std::ostream& err) {
  std::optional<graph::Graph> graph = CheckAndBuildGraph(deployment, plugins, err);
  if (!graph) return kExitBadInput;
  if (format == "svg") return WriteSvg(*graph, out, err);
  if (absl::Status written = graph::WriteGraph(*graph, format, out); !written.ok()) {
    err << "gantry: " << written.message() << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace gantry::cli
