#include "core/cli/graph_command.h"

#include "core/cli/checked_graph.h"
#include "core/cli/exit_codes.h"
#include "core/graph/graph_format.h"

namespace gantry::cli {

int RunGraph(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
             const std::string& format, std::ostream& out, std::ostream& err) {
  std::optional<graph::Graph> graph = CheckAndBuildGraph(deployment, plugins, err);
  if (!graph) return kExitBadInput;
  if (absl::Status written = graph::WriteGraph(*graph, format, out); !written.ok()) {
    err << "gantry: " << written.message() << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace gantry::cli
