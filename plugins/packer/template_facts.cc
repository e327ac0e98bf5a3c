#include "template_facts.h"

#include <algorithm>
#include <filesystem>

#include "gantry/json.hpp"
#include "hcl/native_parser.h"
#include "kit/files.h"

namespace gantry::packer {
namespace {

namespace fs = std::filesystem;
namespace hcl = gantry::terraform::hcl;

constexpr const char* kDefaultManifest = "packer-manifest.json";

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool IsHclTemplateFile(std::string_view name) {
  return EndsWith(name, ".pkr.hcl") || EndsWith(name, ".pkr.json");
}

// The HCL2 template files directly in `dir`, sorted, as packer reads a directory.
std::vector<std::string> HclFilesIn(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (IsHclTemplateFile(name) && name.front() != '.' && entry.is_regular_file(error))
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// "source.null.one" or "null.one" -> "null.one".
std::string SourceName(std::string reference) {
  if (reference.rfind("source.", 0) == 0) reference.erase(0, 7);
  return reference;
}

void AddCustomDataKey(const std::string& key, TemplateFacts& facts) {
  if (std::find(facts.custom_data_keys.begin(), facts.custom_data_keys.end(), key) ==
      facts.custom_data_keys.end())
    facts.custom_data_keys.push_back(key);
}

// A manifest post-processor: its output file (or unknown: computed) and custom_data keys.
void AddManifest(const hcl::Block& block, TemplateFacts& facts) {
  if (const hcl::Expression* custom = block.attribute("custom_data")) {
    if (custom->kind == hcl::ExprKind::kObject)
      for (const auto& [key, value] : custom->items) AddCustomDataKey(key, facts);
    else
      facts.custom_data_known = false;
  }
  const hcl::Expression* output = block.attribute("output");
  if (output == nullptr)
    facts.manifests.push_back(kDefaultManifest);
  else if (output->kind == hcl::ExprKind::kString)
    facts.manifests.push_back(output->value);
  else
    facts.manifests_known = false;
}

void ReadBuildBlock(const hcl::Block& build, TemplateFacts& facts) {
  std::string prefix;
  if (const hcl::Expression* name = build.attribute("name")) {
    if (name->kind != hcl::ExprKind::kString) {
      facts.builds_known = false;
      return;
    }
    if (!name->value.empty()) prefix = name->value + ".";
  }
  if (const hcl::Expression* sources = build.attribute("sources")) {
    if (sources->kind != hcl::ExprKind::kTuple) facts.builds_known = false;
    for (const auto& [key, item] : sources->items) {
      if (item.kind == hcl::ExprKind::kString)
        facts.builds.push_back(prefix + SourceName(item.value));
      else
        facts.builds_known = false;
    }
  }
  for (const hcl::Block* source : build.BlocksOfType("source")) {
    if (source->labels.size() != 1) {
      facts.builds_known = false;
      continue;
    }
    std::string name = SourceName(source->labels[0]);
    if (const hcl::Expression* rename = source->attribute("name")) {
      const std::size_t dot = name.find('.');
      if (rename->kind != hcl::ExprKind::kString || dot == std::string::npos) {
        facts.builds_known = false;
        continue;
      }
      name = name.substr(0, dot + 1) + rename->value;
    }
    facts.builds.push_back(prefix + name);
  }
  auto manifests_in = [&](const hcl::Block& parent) {
    for (const hcl::Block* post : parent.BlocksOfType("post-processor"))
      if (!post->labels.empty() && post->labels[0] == "manifest") AddManifest(*post, facts);
  };
  manifests_in(build);
  for (const hcl::Block* chain : build.BlocksOfType("post-processors")) manifests_in(*chain);
}

void ReadHclFile(const std::string& path, TemplateFacts& facts) {
  facts.files.push_back(path);
  if (EndsWith(path, ".pkr.json")) {
    // HCL2's JSON syntax needs packer's schema to tell blocks from attributes: not read.
    facts.builds_known = facts.manifests_known = facts.custom_data_known = false;
    return;
  }
  const std::optional<std::string> text = kit::ReadFile(path);
  if (!text) {
    facts.problems.push_back("cannot read " + path);
    facts.builds_known = facts.manifests_known = facts.custom_data_known = false;
    return;
  }
  const hcl::File file = hcl::ParseNative(*text, path);
  for (const hcl::Problem& problem : file.problems)
    facts.problems.push_back(hcl::ToString(problem.where) + ": " + problem.message);
  if (!file.problems.empty())
    facts.builds_known = facts.manifests_known = facts.custom_data_known = false;
  for (const hcl::Block& block : file.blocks) {
    if (block.type == "build") ReadBuildBlock(block, facts);
    if (block.type == "packer" && !block.BlocksOfType("required_plugins").empty())
      facts.wants_init = true;
  }
}

// One legacy post-processor definition: "manifest" alone, or {"type": "manifest", ...}.
void ReadLegacyPostProcessor(const json::Value& item, TemplateFacts& facts) {
  if (item.is_string()) {
    if (item.as_string() == "manifest") facts.manifests.push_back(kDefaultManifest);
    return;
  }
  if (!item.is_object()) return;
  const json::Value* type = item.find("type");
  if (type == nullptr || !type->is_string() || type->as_string() != "manifest") return;
  if (const json::Value* custom = item.find("custom_data"); custom != nullptr) {
    if (custom->is_object())
      for (const auto& [key, value] : custom->as_object()) AddCustomDataKey(key, facts);
    else
      facts.custom_data_known = false;
  }
  const json::Value* output = item.find("output");
  if (output == nullptr)
    facts.manifests.push_back(kDefaultManifest);
  else if (output->is_string() && output->as_string().find("{{") == std::string::npos)
    facts.manifests.push_back(output->as_string());
  else
    facts.manifests_known = false;
}

void ReadLegacyJson(const std::string& path, TemplateFacts& facts) {
  facts.files.push_back(path);
  json::Value root;
  try {
    const std::optional<std::string> text = kit::ReadFile(path);
    if (!text) throw std::runtime_error("cannot be read");
    root = json::Parse(*text);
  } catch (const std::exception& e) {
    facts.problems.push_back(path + ": " + e.what());
    facts.builds_known = facts.manifests_known = facts.custom_data_known = false;
    return;
  }
  const json::Value* builders = root.find("builders");
  if (builders != nullptr && builders->is_array()) {
    for (const json::Value& builder : builders->as_array()) {
      const json::Value* name = builder.find("name");
      if (name == nullptr || !name->is_string()) name = builder.find("type");
      if (name != nullptr && name->is_string())
        facts.builds.push_back(name->as_string());
      else
        facts.builds_known = false;
    }
  }
  const json::Value* posts = root.find("post-processors");
  if (posts == nullptr || !posts->is_array()) return;
  for (const json::Value& item : posts->as_array()) {
    if (item.is_array())  // a sequence: each step in turn
      for (const json::Value& step : item.as_array()) ReadLegacyPostProcessor(step, facts);
    else
      ReadLegacyPostProcessor(item, facts);
  }
}

}  // namespace

TemplatePlace PlaceTemplate(const std::string& dir, const std::string& template_path) {
  TemplatePlace place;
  const std::string path = template_path.empty() ? dir : dir + "/" + template_path;
  std::error_code error;
  if (fs::is_directory(path, error)) {
    place.run_dir = path;
    place.argument = ".";
    if (HclFilesIn(path).empty())
      place.error = path + " holds no .pkr.hcl or .pkr.json file; name a legacy JSON template "
                           "with template = \"<file>.json\", or point template at the "
                           "directory of your .pkr.hcl files";
    return place;
  }
  const fs::path file(path);
  place.run_dir = file.parent_path().string();
  place.argument = file.filename().string();
  if (!fs::exists(file, error)) {
    place.error = "template " + path + " does not exist";
  } else if (IsHclTemplateFile(place.argument)) {
    place.kind = TemplateKind::kHclFile;
  } else if (EndsWith(place.argument, ".json")) {
    place.kind = TemplateKind::kLegacyJson;
  } else {
    place.error = "template " + path + " is neither a .pkr.hcl or .pkr.json file nor a "
                  "legacy .json template";
  }
  return place;
}

TemplateFacts ReadTemplate(const TemplatePlace& place) {
  TemplateFacts facts;
  if (!place.error.empty()) return facts;
  switch (place.kind) {
    case TemplateKind::kHclDirectory:
      for (const std::string& file : HclFilesIn(place.run_dir)) ReadHclFile(file, facts);
      break;
    case TemplateKind::kHclFile:
      ReadHclFile(place.run_dir + "/" + place.argument, facts);
      break;
    case TemplateKind::kLegacyJson:
      ReadLegacyJson(place.run_dir + "/" + place.argument, facts);
      break;
  }
  return facts;
}

bool GlobMatches(std::string_view pattern, std::string_view name) {
  // Iterative wildcard matching: on a mismatch, let the last '*' take one more character.
  std::size_t p = 0, n = 0, star = std::string_view::npos, star_n = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p, ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_n = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++star_n;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<std::string> SelectBuilds(const std::vector<std::string>& builds,
                                      const std::vector<std::string>& only,
                                      const std::vector<std::string>& except, bool legacy) {
  auto matches_any = [&](const std::vector<std::string>& patterns, const std::string& build) {
    for (const std::string& pattern : patterns)
      if (legacy ? pattern == build : GlobMatches(pattern, build)) return true;
    return false;
  };
  std::vector<std::string> selected;
  for (const std::string& build : builds) {
    if (!only.empty() && !matches_any(only, build)) continue;
    if (matches_any(except, build)) continue;
    selected.push_back(build);
  }
  return selected;
}

}  // namespace gantry::packer
