#include "core/graph/affected.h"

#include <algorithm>
#include <filesystem>
#include <queue>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/graph/graph_order.h"

namespace gantry::graph {
namespace {

namespace fs = std::filesystem;

std::string Shown(const std::string& path, const std::string& top_dir) {
  if (top_dir.empty() || !IsUnder(path, top_dir)) return path;
  return fs::path(path).lexically_relative(top_dir).string();
}

// Why component `c` (node n) is directly affected; empty when it is not.
class DirectReasons {
 public:
  DirectReasons(const Graph& graph, const config::Deployment& now, const AffectedInputs& inputs)
      : graph_(graph), now_(now), inputs_(inputs) {
    for (const std::string& file : now.files) deployment_files_.insert(file);
    state_dir_ = (fs::path(now.root_dir) / ".gantry").string();
  }

  std::string Of(NodeId n, const config::ComponentConfig& c) const {
    if (std::string why = SettingsReason(c); !why.empty()) return why;
    if (!c.source_dir.empty())
      for (const std::string& path : inputs_.changed)
        if (IsUnder(path, c.source_dir) && !deployment_files_.count(path) &&
            !IsUnder(path, state_dir_))
          return absl::StrCat("source changed: ", Shown(path, inputs_.top_dir));
    for (const DependedFile& file : graph_.files(n))
      for (const std::string& path : inputs_.changed)
        if (IsUnder(path, file.path))
          return absl::StrCat(file.reason, " changed: ", Shown(path, inputs_.top_dir));
    return {};
  }

 private:
  std::string SettingsReason(const config::ComponentConfig& c) const {
    if (inputs_.before == nullptr) return {};
    const std::string file = Shown(c.location.file.empty() ? now_.file : c.location.file,
                                   inputs_.top_dir);
    if (!inputs_.before->ok())
      return absl::StrCat(Shown(now_.file, inputs_.top_dir), " at ", inputs_.since,
                          " could not be read, so every component counts as changed (",
                          FirstLine(inputs_.before->status().message()), ")");
    const config::ComponentConfig* old = (*inputs_.before)->Find(c.name);
    if (old == nullptr) return absl::StrCat(file, ": new since ", inputs_.since);
    if (old->effective_table != c.effective_table || old->source_dir != c.source_dir)
      return absl::StrCat(file, ": its settings changed");
    return {};
  }

  static std::string FirstLine(absl::string_view text) {
    return std::string(text.substr(0, text.find('\n')));
  }

  const Graph& graph_;
  const config::Deployment& now_;
  const AffectedInputs& inputs_;
  std::set<std::string> deployment_files_;
  std::string state_dir_;
};

}  // namespace

bool IsUnder(const std::string& path, const std::string& dir) {
  if (dir.empty() || !absl::StartsWith(path, dir)) return false;
  return path.size() == dir.size() || path[dir.size()] == '/' || dir.back() == '/';
}

AffectedSet FindAffected(const Graph& graph, const config::Deployment& now,
                         const AffectedInputs& inputs) {
  AffectedSet result;
  const DirectReasons direct(graph, now, inputs);
  std::vector<std::string> reasons(graph.size());
  std::vector<bool> is_direct(graph.size(), false);
  std::queue<NodeId> reached;
  for (NodeId n = 0; n < static_cast<NodeId>(graph.size()); ++n) {
    const config::ComponentConfig* c = now.Find(graph.name(n));
    if (c == nullptr) continue;
    reasons[n] = direct.Of(n, *c);
    if (reasons[n].empty()) continue;
    is_direct[n] = true;
    reached.push(n);
  }
  // Dependents, breadth first: each names the nearest selected component it depends on.
  while (!reached.empty()) {
    const NodeId n = reached.front();
    reached.pop();
    for (int32_t e : graph.out_edges(n)) {
      const NodeId next = graph.edges()[e].dependent;
      if (!reasons[next].empty()) continue;
      reasons[next] = absl::StrCat("depends on ", graph.name(n));
      reached.push(next);
    }
  }
  for (NodeId n : DependencyOrder(graph))
    if (!reasons[n].empty()) result.components.push_back({n, reasons[n], is_direct[n]});
  if (inputs.before != nullptr && inputs.before->ok())
    for (const config::ComponentConfig& old : (*inputs.before)->components)
      if (now.Find(old.name) == nullptr) result.removed.push_back(old.name);
  return result;
}

}  // namespace gantry::graph
