#include "core/graph/cycle_report.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/graph/reference_sites.h"

namespace gantry::graph {
namespace {

// Why `dependent` depends on `dependency`: one phrase per origin of their edge.
std::vector<std::string> Origins(const Graph& graph, const config::ComponentConfig& dependent,
                                 NodeId dependency, NodeId dependent_id) {
  std::vector<std::string> why;
  for (const int32_t index : graph.out_edges(dependency)) {
    const Edge& edge = graph.edges()[index];
    if (edge.dependent != dependent_id) continue;
    if (edge.origins & kExplicit) {
      for (size_t i = 0; i < dependent.depends_on.size(); ++i)
        if (dependent.depends_on[i] == graph.name(dependency))
          why.push_back(absl::StrCat("depends_on at ", dependent.depends_on_locations[i].ToString()));
    }
    for (const std::string& reason : edge.reasons) {
      // Reference reasons read "<path> uses <output>" (see GraphBuilder).
      const size_t uses = reason.find(" uses ");
      if ((edge.origins & kReference) && uses != std::string::npos) {
        const std::string path = reason.substr(0, uses);
        why.push_back(absl::StrCat("the reference ", path, " = ${", graph.name(dependency), ".",
                                   reason.substr(uses + 6), "} at ",
                                   LocationOf(dependent, path).ToString()));
      } else if ((edge.origins & kDiscovered) && reason != "depends_on") {
        why.push_back(absl::StrCat("its plugin's discovery (", reason, ")"));
      }
    }
  }
  return why;
}

}  // namespace

std::string DescribeCycle(const Graph& graph, const config::Deployment& deployment,
                          const std::vector<NodeId>& cycle) {
  std::vector<std::string> names, steps;
  for (NodeId id : cycle) names.push_back(graph.name(id));
  for (size_t i = 0; i + 1 < cycle.size(); ++i) {
    const config::ComponentConfig& dependent = deployment.components[cycle[i]];
    steps.push_back(absl::StrCat(graph.name(cycle[i]), " -> ", graph.name(cycle[i + 1]), " by ",
                                 absl::StrJoin(Origins(graph, dependent, cycle[i + 1], cycle[i]),
                                               " and ")));
  }
  return absl::StrCat("dependency cycle: ", absl::StrJoin(names, " -> "),
                      " (each depends on the next): ", absl::StrJoin(steps, "; "),
                      "; remove one of these dependencies");
}

}  // namespace gantry::graph
