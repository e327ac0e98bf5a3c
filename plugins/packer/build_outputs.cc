#include "build_outputs.h"

#include <algorithm>

namespace gantry::packer {
namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The stream's build name for a manifest entry, or the entry's own name.
std::string BuildOf(const ManifestEntry& entry, const std::map<std::string, std::string>& stream_ids) {
  if (stream_ids.count(entry.name) != 0) return entry.name;
  for (const auto& [build, id] : stream_ids)
    if (!entry.builder_type.empty() && EndsWith(build, "." + entry.builder_type + "." + entry.name))
      return build;
  for (const auto& [build, id] : stream_ids)
    if (EndsWith(build, "." + entry.name)) return build;
  return entry.name;
}

}  // namespace

std::string OutputKey(std::string_view name) {
  std::string key;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
    key += keep ? c : '_';
  }
  if (key.empty() || !((key[0] >= 'a' && key[0] <= 'z') || (key[0] >= 'A' && key[0] <= 'Z') ||
                       key[0] == '_'))
    key.insert(key.begin(), '_');
  return key;
}

BuildOutputs ComputeOutputs(const std::vector<std::string>& template_builds,
                            const std::map<std::string, std::string>& stream_ids,
                            const std::vector<ManifestEntry>& manifest_entries) {
  std::map<std::string, std::string> ids = stream_ids;
  std::map<std::string, bool> from_manifest;
  for (const ManifestEntry& entry : manifest_entries) {
    const std::string build = BuildOf(entry, stream_ids);
    if (from_manifest[build]) continue;  // two manifests of one build: the first
    from_manifest[build] = true;
    ids[build] = entry.artifact_id;
  }
  std::vector<std::string> order;
  for (const auto& [build, id] : ids) order.push_back(build);
  auto rank = [&](const std::string& build) {
    return static_cast<std::size_t>(
        std::find(template_builds.begin(), template_builds.end(), build) - template_builds.begin());
  };
  std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
    return rank(a) < rank(b);
  });

  BuildOutputs out;
  std::map<std::string, std::string> taken;  // key -> what set it
  auto add = [&](const std::string& key, const std::string& value, bool is_json,
                 const std::string& what) {
    if (const auto clash = taken.find(key); clash != taken.end()) {
      out.warnings.push_back("output '" + key + "' of " + what + " is left out: " +
                             clash->second + " set it already");
      return;
    }
    taken[key] = what;
    out.values.push_back({key, value, is_json});
  };
  if (order.empty()) return out;
  add("artifact_id", ids[order.front()], false, "build " + order.front());
  json::Object all;
  for (const std::string& build : order) all.emplace_back(build, ids[build]);
  add("artifact_ids", json::Value(std::move(all)).Dump(), true, "the builds");
  for (const std::string& build : order)
    add(OutputKey(build) + "_artifact_id", ids[build], false, "build " + build);
  for (const ManifestEntry& entry : manifest_entries)
    for (const auto& [name, value] : entry.custom_data) {
      const std::string key = OutputKey(name);
      const bool is_json = !value.is_string();
      const std::string text = is_json ? value.Dump() : value.as_string();
      const auto clash = taken.find(key);
      // The same key and value from several builds (a template-wide custom_data): once.
      if (clash != taken.end() && clash->second.rfind("custom_data", 0) == 0) {
        const auto set = std::find_if(out.values.begin(), out.values.end(),
                                      [&](const OutputValue& v) { return v.key == key; });
        if (set != out.values.end() && set->value == text) continue;
      }
      add(key, text, is_json, "custom_data." + name + " of build " + BuildOf(entry, stream_ids));
    }
  return out;
}

}  // namespace gantry::packer
