// Builds the dependency graph of a deployment from its three sources of edges.
#ifndef GANTRY_CORE_GRAPH_GRAPH_BUILDER_H_
#define GANTRY_CORE_GRAPH_GRAPH_BUILDER_H_

#include "core/config/deployment.h"
#include "core/config/diagnostics.h"
#include "core/graph/graph.h"
#include "core/plugin/plugin_registry.h"
#include "core/stream/secret_masker.h"

namespace gantry::graph {

/// Node i is deployment.components[i]. Edges, merged per pair with their origins:
/// explicit `depends_on`; what each component's plugin discovers (add_dependency, and
/// need_key: a dependency on every other component whose discover provided that key,
/// with need_key's reason); and output references in vars and in settings declared as
/// holding them. Records each node's declared
/// outputs (static and discovered) and the files its discover reported (report_file). Reports a dependency on an unknown component (with
/// a suggestion), a malformed reference, a reference to an output its producer does not
/// declare, discovery errors, and every cycle as its full path. Components
/// whose type has no plugin are not discovered (CheckDeployment reports them). What the
/// plugins say is masked with `secrets` (see plugin::CollectingContext).
Graph BuildGraph(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
                 config::Diagnostics& diagnostics, const stream::SecretMasker* secrets = nullptr);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_GRAPH_BUILDER_H_
