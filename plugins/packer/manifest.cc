#include "manifest.h"

#include <stdexcept>

namespace gantry::packer {
namespace {

std::string StringMember(const json::Value& object, std::string_view key) {
  const json::Value* value = object.find(key);
  return value != nullptr && value->is_string() ? value->as_string() : "";
}

}  // namespace

Manifest ParseManifest(std::string_view text, const std::string& path) {
  const std::string fix = "; delete it (packer writes it anew) or fix it";
  json::Value root;
  try {
    root = json::Parse(text);
  } catch (const json::ParseError& e) {
    throw std::runtime_error("the manifest " + path + " is not valid JSON (" + e.what() + ")" + fix);
  }
  const json::Value* builds = root.is_object() ? root.find("builds") : nullptr;
  if (builds == nullptr || !builds->is_array())
    throw std::runtime_error("the manifest " + path +
                             " is not a packer manifest (no \"builds\" list)" + fix);
  Manifest manifest;
  manifest.last_run_uuid = StringMember(root, "last_run_uuid");
  for (const json::Value& build : builds->as_array()) {
    if (!build.is_object()) continue;
    ManifestEntry entry;
    entry.name = StringMember(build, "name");
    entry.builder_type = StringMember(build, "builder_type");
    entry.artifact_id = StringMember(build, "artifact_id");
    entry.run_uuid = StringMember(build, "packer_run_uuid");
    if (const json::Value* custom = build.find("custom_data"); custom && custom->is_object())
      entry.custom_data = custom->as_object();
    manifest.builds.push_back(std::move(entry));
  }
  return manifest;
}

std::set<std::string> RunIdsIn(const Manifest& manifest) {
  std::set<std::string> ids;
  if (!manifest.last_run_uuid.empty()) ids.insert(manifest.last_run_uuid);
  for (const ManifestEntry& entry : manifest.builds)
    if (!entry.run_uuid.empty()) ids.insert(entry.run_uuid);
  return ids;
}

std::vector<ManifestEntry> ThisRunEntries(const Manifest& after, const std::set<std::string>& before) {
  std::vector<ManifestEntry> entries;
  if (after.last_run_uuid.empty() || before.count(after.last_run_uuid) != 0) return entries;
  for (const ManifestEntry& entry : after.builds)
    if (entry.run_uuid == after.last_run_uuid) entries.push_back(entry);
  return entries;
}

}  // namespace gantry::packer
