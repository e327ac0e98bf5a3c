#include "core/cli/checked_graph.h"

#include "core/config/diagnostics.h"
#include "core/graph/deployment_check.h"
#include "core/graph/graph_builder.h"
#include "core/run/secrets_of.h"
#include "core/stream/secret_masker.h"

namespace gantry::cli {

std::optional<graph::Graph> CheckAndBuildGraph(const config::Deployment& deployment,
                                               const plugin::PluginRegistry& plugins,
                                               std::ostream& err) {
  // The components' common-key problems first, so that they and the plugins' findings
  // are reported in one pass.
  config::Diagnostics diagnostics = deployment.component_problems;
  // Validate and discover see the literal vars: what a plugin says of one is masked.
  const stream::SecretMasker secrets(run::ConfiguredSecrets(deployment, plugins));
  graph::CheckDeployment(deployment, plugins, deployment.target, diagnostics, &secrets);
  graph::Graph graph = graph::BuildGraph(deployment, plugins, diagnostics, &secrets);
  for (const std::string& warning : diagnostics.warnings()) err << warning << "\n";
  if (diagnostics.empty()) return graph;
  const std::vector<std::string> messages = diagnostics.messages();
  for (const std::string& message : messages) err << message << "\n";
  err << "gantry: " << messages.size() << " problem" << (messages.size() == 1 ? "" : "s")
      << " in " << deployment.file << "\n";
  return std::nullopt;
}

}  // namespace gantry::cli
