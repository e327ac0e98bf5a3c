// `gantry export gitlab|github`: the deployment's graph as a CI pipeline.
#ifndef GANTRY_CORE_CLI_EXPORT_COMMAND_H_
#define GANTRY_CORE_CLI_EXPORT_COMMAND_H_

#include <ostream>
#include <string>

#include "core/ci/pipeline.h"
#include "core/config/deployment.h"
#include "core/graph/selection.h"
#include "core/plugin/plugin_registry.h"

namespace gantry::cli {

struct ExportCommandOptions {
  std::string engine;  ///< gitlab or github
  graph::SelectionOptions selection;
  ci::ExportOptions pipeline;
  std::string output_file;    ///< -o; empty: stdout
  size_t max_needs = 50;      ///< gitlab: the instance's ci_max_needs
  std::string changed_since;  ///< --changed-since REF; empty: not given
};

/// Prints (or writes to -o FILE, never over a file it did not write) the pipeline, and
/// says on `err` what the engine cannot keep. With --changed-since and nothing changed,
/// the pipeline's one job says so (an engine refuses a pipeline without jobs). Exit 0,
/// or 2 on bad input.
int RunExport(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
              ExportCommandOptions options, std::ostream& out, std::ostream& err);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_EXPORT_COMMAND_H_
