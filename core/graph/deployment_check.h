// Checks a loaded deployment against the loaded plugins: every problem, in one pass.
#ifndef GANTRY_CORE_GRAPH_DEPLOYMENT_CHECK_H_
#define GANTRY_CORE_GRAPH_DEPLOYMENT_CHECK_H_

#include <string>

#include "core/config/deployment.h"
#include "core/config/diagnostics.h"
#include "core/plugin/plugin_registry.h"
#include "core/stream/secret_masker.h"

namespace gantry::graph {

/// Reports, for every component: an unknown type (naming the loaded plugins' types) and
/// every problem its plugin's validate hook finds in its settings. (Dependencies are
/// checked by BuildGraph.) What the plugins say is masked with `secrets` (see
/// plugin::CollectingContext).
void CheckDeployment(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
                     const std::string& target, config::Diagnostics& diagnostics,
                     const stream::SecretMasker* secrets = nullptr);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_DEPLOYMENT_CHECK_H_
