#include "core/scaffold/discovered_edges.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/config/deployment.h"
#include "core/config/diagnostics.h"
#include "core/graph/deployment_check.h"
#include "core/graph/graph_builder.h"

namespace gantry::scaffold {

ProposedGraph DiscoverProposed(const std::vector<Proposal>& proposals,
                               const std::vector<std::string>& names, const std::string& root,
                               const plugin::PluginRegistry& plugins) {
  // A deployment's components are sorted by name; `order` maps them back.
  std::vector<size_t> order(proposals.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return names[a] < names[b]; });
  config::Deployment deployment;
  deployment.root_dir = root;
  deployment.file = root + "/gantry.toml";
  deployment.files = {deployment.file};
  for (size_t index : order) {
    config::ComponentConfig component;
    component.name = names[index];
    // No line yet: problems read "component NAME: error: ...".
    component.location.file = absl::StrCat("component ", names[index]);
    component.type = proposals[index].type;
    component.source_dir = proposals[index].source_dir;
    component.settings = proposals[index].settings;
    deployment.components.push_back(std::move(component));
  }
  config::Diagnostics diagnostics;
  graph::CheckDeployment(deployment, plugins, deployment.target, diagnostics);
  const graph::Graph graph = graph::BuildGraph(deployment, plugins, diagnostics);

  ProposedGraph out;
  out.needs.resize(proposals.size());
  for (const graph::Edge& edge : graph.edges()) {
    if ((edge.origins & graph::kDiscovered) == 0 || edge.dependency == edge.dependent) continue;
    out.needs[order[edge.dependent]].push_back(
        {graph.name(edge.dependency), absl::StrJoin(edge.reasons, "; ")});
  }
  for (auto& needs : out.needs)
    std::sort(needs.begin(), needs.end(),
              [](const auto& a, const auto& b) { return a.component < b.component; });
  out.problems = diagnostics.messages();
  return out;
}

}  // namespace gantry::scaffold
