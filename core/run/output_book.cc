#include "core/run/output_book.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/graph/reference_sites.h"
#include "gantry/host.h"

namespace gantry::run {

void OutputBook::Record(const std::string& component, Outputs outputs) {
  std::lock_guard lock(mu_);
  outputs_[component] = std::move(outputs);
}

std::optional<Outputs> OutputBook::Find(const std::string& component) {
  {
    std::lock_guard lock(mu_);
    auto it = outputs_.find(component);
    if (it != outputs_.end()) return it->second;
  }
  // Read outside the lock: a file read must not stall every other worker.
  std::optional<Outputs> persisted = persisted_ ? persisted_(component) : std::nullopt;
  std::lock_guard lock(mu_);
  return outputs_.try_emplace(component, std::move(persisted)).first->second;
}

std::optional<graph::OutputText> OutputBook::Lookup(const std::string& component,
                                                    const std::string& output) {
  std::optional<Outputs> outputs = Find(component);
  if (!outputs) return std::nullopt;
  auto it = outputs->find(output);
  if (it == outputs->end()) return std::nullopt;
  return graph::OutputText{it->second.value, (it->second.flags & GANTRY_OUTPUT_JSON) != 0};
}

void OutputBook::RecordPlanned(const std::string& component, Outputs outputs) {
  std::lock_guard lock(mu_);
  planned_[component] = std::move(outputs);
}

std::optional<graph::OutputText> OutputBook::LookupPlanned(const std::string& component,
                                                           const std::string& output) {
  std::lock_guard lock(mu_);
  auto found = planned_.find(component);
  if (found == planned_.end()) return std::nullopt;
  auto it = found->second.find(output);
  if (it == found->second.end()) return std::nullopt;
  return graph::OutputText{it->second.value, (it->second.flags & GANTRY_OUTPUT_JSON) != 0};
}

std::optional<std::vector<std::string>> OutputBook::Names(const std::string& component) {
  std::optional<Outputs> outputs = Find(component);
  if (!outputs) return std::nullopt;
  std::vector<std::string> names;
  for (const auto& [key, value] : *outputs) names.push_back(key);
  return names;
}

absl::Status CheckOutsideOutputs(const config::Deployment& deployment,
                                 const std::vector<bool>& will_run,
                                 const std::vector<std::string>& node_names, OutputBook& book,
                                 const plugin::PluginRegistry* plugins,
                                 const std::string& advice) {
  absl::flat_hash_map<std::string, bool> runs;
  for (size_t n = 0; n < node_names.size(); ++n) runs[node_names[n]] = will_run[n];
  std::vector<std::string> missing;
  for (const config::ComponentConfig& component : deployment.components) {
    auto self = runs.find(component.name);
    if (self == runs.end() || !self->second) continue;
    std::vector<graph::ReferenceError> errors;  // malformed ones were reported by validation
    const plugin::LoadedPlugin* plugin = plugins != nullptr ? plugins->ForType(component.type) : nullptr;
    for (const graph::Reference& ref : graph::ComponentReferences(component, plugin, errors)) {
      auto other = runs.find(ref.component);
      if (other == runs.end() || other->second) continue;  // unknown, or produced by this run
      if (!book.Lookup(ref.component, ref.output)) {
        missing.push_back(absl::StrCat("  ", ref.component, ".", ref.output, " (needed by ",
                                       component.name, " in ", ref.path, ")"));
      }
    }
  }
  if (missing.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "these outputs of components outside the selection are not recorded:\n",
      absl::StrJoin(missing, "\n"), "\n", advice));
}

}  // namespace gantry::run
