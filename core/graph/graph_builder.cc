#include "core/graph/graph_builder.h"

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "core/config/suggest.h"
#include "core/graph/cycle_report.h"
#include "core/graph/cycles.h"
#include "core/graph/plugin_view.h"
#include "core/graph/reference_sites.h"
#include "core/graph/references.h"
#include "core/plugin/collecting_context.h"

namespace gantry::graph {
namespace {

class Builder {
 public:
  Builder(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
          config::Diagnostics& diagnostics, const stream::SecretMasker* secrets)
      : deployment_(deployment), plugins_(plugins), diagnostics_(diagnostics), secrets_(secrets) {}

  Graph Build() {
    size_t explicit_edges = 0;
    for (const config::ComponentConfig& c : deployment_.components) {
      explicit_edges += c.depends_on.size();
    }
    graph_.Reserve(deployment_.components.size(), explicit_edges);
    for (const config::ComponentConfig& c : deployment_.components) graph_.AddNode(c.name, c.type);
    for (NodeId n = 0; n < static_cast<NodeId>(graph_.size()); ++n) {
      const config::ComponentConfig& c = deployment_.components[n];
      AddExplicit(n, c);
      AddDiscovered(n, c);
    }
    AddNeededKeys();  // after every discover: a key's providers are all known
    // After every discover: a reference is checked against what its producer declared.
    for (NodeId n = 0; n < static_cast<NodeId>(graph_.size()); ++n)
      AddReferences(n, deployment_.components[n]);
    ReportCycles();
    return std::move(graph_);
  }

 private:
  // The node called `name`, or -1 after reporting it (with a suggestion).
  NodeId Resolve(const std::string& name, const config::SourceLocation& where,
                 const std::string& what) {
    const NodeId id = graph_.Find(name);
    if (id >= 0) return id;
    if (names_.empty())
      for (const auto& c : deployment_.components) names_.push_back(c.name);
    diagnostics_.Error(where, absl::StrCat(what, " '", name, "', which is not defined",
                                           Suggestion(name)));
    return -1;
  }

  // A near spelling, else the components whose last part is the name ("vpc" for
  // "network/vpc"): names grow a prefix as a deployment grows.
  std::string Suggestion(const std::string& name) const {
    if (std::string near = config::DidYouMean(name, names_); !near.empty()) return near;
    std::vector<std::string> nested;
    for (const std::string& candidate : names_)
      if (absl::EndsWith(candidate, absl::StrCat("/", name))) nested.push_back(absl::StrCat("'", candidate, "'"));
    if (nested.empty()) return "";
    return absl::StrCat(" (did you mean ", absl::StrJoin(nested, " or "), "?)");
  }

  void AddExplicit(NodeId n, const config::ComponentConfig& c) {
    for (size_t i = 0; i < c.depends_on.size(); ++i) {
      const NodeId dep = Resolve(c.depends_on[i], c.depends_on_locations[i],
                                 absl::StrCat("component '", c.name, "' depends on"));
      if (dep >= 0) graph_.AddEdge(dep, n, kExplicit, "depends_on");
    }
  }

  void AddReferences(NodeId n, const config::ComponentConfig& c) {
    std::vector<ReferenceError> errors;
    const plugin::LoadedPlugin* plugin = plugins_.ForType(c.type);
    for (const Reference& ref : ComponentReferences(c, plugin, errors)) {
      const NodeId dep = Resolve(ref.component, LocationOf(c, ref.path),
                                 absl::StrCat("component '", c.name, "' references ",
                                              ref.path, " = ${", ref.component, ".",
                                              ref.output, "}: component"));
      if (dep < 0) continue;
      graph_.AddEdge(dep, n, kReference, absl::StrCat(ref.path, " uses ", ref.output));
      CheckDeclared(c, ref, dep);
    }
    for (const ReferenceError& error : errors)
      diagnostics_.Error(LocationOf(c, error.path),
                         absl::StrCat("component '", c.name, "': ", error.path, ": ", error.message));
  }

  // A producer that declares its outputs must declare the one referenced.
  void CheckDeclared(const config::ComponentConfig& c, const Reference& ref, NodeId producer) {
    const plugin::DeclaredOutputs& declared = graph_.declared_outputs(producer);
    if (!declared) return;  // undeclared (custom): checked when read, at run time
    const std::vector<std::string> names = plugin::OutputNames(*declared);
    if (std::find(names.begin(), names.end(), ref.output) != names.end()) return;
    const std::string near = config::ClosestMatch(ref.output, names);
    diagnostics_.Error(
        LocationOf(c, ref.path),
        absl::StrCat("component '", c.name, "' (", c.type, ") references ${", ref.component, ".",
                     ref.output, "} in ", ref.path, ": component '", ref.component, "' (type ",
                     graph_.type(producer), ") declares no output '", ref.output, "'",
                     near.empty() ? "" : absl::StrCat("; did you mean '", near, "'?"),
                     near.empty() ? "; its" : " Its", " outputs: ",
                     names.empty() ? "none" : absl::StrJoin(names, ", ")));
  }

  void AddDiscovered(NodeId n, const config::ComponentConfig& c) {
    const plugin::LoadedPlugin* plugin = plugins_.ForType(c.type);
    if (plugin == nullptr) return;
    graph_.SetDeclaredOutputs(n, plugin->outputs());
    if (!plugin->has_discover()) return;
    plugin::CollectingContext context(plugin::CollectingContext::Pass::kDiscover, secrets_);
    const gantry_status status = plugin->Discover(
        context, PluginView(c, deployment_.target, deployment_.root_dir, plugin->name()));
    if (plugin->outputs()) {
      std::vector<plugin::OutputSpec> declared = *plugin->outputs();
      plugin::MergeOutputs(declared, context.declared_outputs());
      graph_.SetDeclaredOutputs(n, std::move(declared));
    }
    for (const std::string& error : context.errors())
      diagnostics_.Error(c.location, absl::StrCat("component '", c.name, "': discovery by plugin '",
                                                  plugin->name(), "': ", error));
    if (status != GANTRY_STATUS_OK && context.errors().empty())
      diagnostics_.Error(c.location, absl::StrCat("component '", c.name, "': plugin '",
                                                  plugin->name(), "' failed to discover its "
                                                  "dependencies without saying why"));
    for (const plugin::DiscoveredDependency& d : context.dependencies()) {
      const NodeId dep = Resolve(d.component, c.location,
                                 absl::StrCat("component '", c.name, "' (found by plugin '",
                                              plugin->name(), "': ", d.reason, ") depends on"));
      if (dep >= 0) graph_.AddEdge(dep, n, kDiscovered, d.reason);
    }
    for (std::string& key : context.provided_keys()) {
      std::vector<NodeId>& providers = providers_[std::move(key)];
      if (providers.empty() || providers.back() != n) providers.push_back(n);  // once each
    }
    for (plugin::NeededKey& need : context.needed_keys()) needs_.emplace_back(n, std::move(need));
    AddFiles(n, c, context.reported_files());
  }

  // report_file's paths, absolute: relative ones from the source dir (the deployment's
  // directory for a component without one).
  void AddFiles(NodeId n, const config::ComponentConfig& c,
                const std::vector<plugin::ReportedFile>& files) {
    const std::filesystem::path base = c.source_dir.empty() ? deployment_.root_dir : c.source_dir;
    for (const plugin::ReportedFile& file : files) {
      DependedFile depended;
      depended.path = (base / file.path).lexically_normal().string();
      if (depended.path.size() > 1 && depended.path.back() == '/') depended.path.pop_back();
      depended.reason = file.reason.empty() ? file.path : file.reason;
      graph_.AddFile(n, std::move(depended));
    }
  }

  // A component needing a key depends on every other component providing it, as on a
  // dependency its plugin discovered. Keys match exactly; one nobody else provides adds
  // nothing (something outside the deployment provides it).
  void AddNeededKeys() {
    for (const auto& [dependent, need] : needs_) {
      const auto providers = providers_.find(need.key);
      if (providers == providers_.end()) continue;
      for (const NodeId provider : providers->second) {
        if (provider == dependent) continue;
        graph_.AddEdge(provider, dependent, kDiscovered,
                       need.reason.empty() ? absl::StrCat("needs '", need.key, "'") : need.reason);
      }
    }
  }

  void ReportCycles() {
    for (const std::vector<NodeId>& cycle : FindCycles(graph_)) {
      diagnostics_.Error(deployment_.components[cycle.front()].location,
                         DescribeCycle(graph_, deployment_, cycle));
    }
  }

  const config::Deployment& deployment_;
  const plugin::PluginRegistry& plugins_;
  config::Diagnostics& diagnostics_;
  const stream::SecretMasker* const secrets_;
  Graph graph_;
  std::vector<std::string> names_;  // for suggestions, filled on first need
  // provide_key and need_key, as discover reported them.
  absl::flat_hash_map<std::string, std::vector<NodeId>> providers_;  // key -> in node order
  std::vector<std::pair<NodeId, plugin::NeededKey>> needs_;
};

}  // namespace

Graph BuildGraph(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
                 config::Diagnostics& diagnostics, const stream::SecretMasker* secrets) {
  return Builder(deployment, plugins, diagnostics, secrets).Build();
}

}  // namespace gantry::graph
