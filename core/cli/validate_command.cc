#include "core/cli/validate_command.h"

#include "core/cli/exit_codes.h"
#include "core/config/diagnostics.h"
#include "core/graph/deployment_check.h"

namespace gantry::cli {

int RunValidate(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
                const ValidateOptions& options, std::ostream& out, std::ostream& err) {
  config::Diagnostics diagnostics;
  graph::CheckDeployment(deployment, plugins, options.target, diagnostics);
  if (!diagnostics.empty()) {
    for (const std::string& message : diagnostics.messages()) err << message << "\n";
    err << "gantry: " << diagnostics.messages().size() << " problem"
        << (diagnostics.messages().size() == 1 ? "" : "s") << " in " << deployment.file << "\n";
    return kExitBadInput;
  }
  out << deployment.file << ": " << deployment.components.size() << " component"
      << (deployment.components.size() == 1 ? "" : "s") << ", valid\n";
  return kExitOk;
}

}  // namespace gantry::cli
