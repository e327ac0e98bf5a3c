#include "recognize.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "gantry/json.hpp"
#include "kit/files.h"
#include "kit/proposals.h"
#include "template_facts.h"

namespace gantry::packer {
namespace {

namespace fs = std::filesystem;

// A legacy template is a JSON object with "builders"; other JSON files (vars, manifests,
// package.json...) are not. Large files are not templates worth reading.
bool IsLegacyTemplate(const fs::path& path) {
  std::error_code error;
  if (fs::file_size(path, error) > (1u << 20) || error) return false;
  try {
    const json::Value value = json::Parse(kit::ReadFile(path.string()).value_or(""));
    return value.is_object() && value.find("builders") != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

std::string Note(const std::string& what, const TemplatePlace& place) {
  const TemplateFacts facts = ReadTemplate(place);
  std::string note = "packer template (" + what + ")";
  if (facts.builds_known && !facts.builds.empty()) {
    note += "; builds: ";
    for (size_t i = 0; i < facts.builds.size(); ++i) note += (i == 0 ? "" : ", ") + facts.builds[i];
  }
  return note;
}

}  // namespace

std::vector<Proposal> RecognizeTemplates(const std::string& dir) {
  std::vector<std::string> hcl, legacy;
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    std::error_code type_error;
    if (!it->is_regular_file(type_error)) continue;
    const std::string name = it->path().filename().string();
    if (name.ends_with(".pkr.hcl") || name.ends_with(".pkr.json"))
      hcl.push_back(name);
    else if (name.ends_with(".json") && IsLegacyTemplate(it->path()))
      legacy.push_back(name);
  }
  std::sort(hcl.begin(), hcl.end());
  std::sort(legacy.begin(), legacy.end());
  std::vector<Proposal> proposals;
  if (!hcl.empty()) {
    std::string files;
    for (const std::string& name : hcl) files += (files.empty() ? "" : ", ") + name;
    proposals.push_back(Proposal{"packer", dir, "", "", Note(files, PlaceTemplate(dir, ""))});
  }
  // Each legacy template is a component of its own (the host names them apart).
  for (const std::string& name : legacy)
    proposals.push_back(Proposal{"packer", dir, "",
                                 json::Value(json::Object{{"template", name}}).Dump(),
                                 Note(name, PlaceTemplate(dir, name))});
  return proposals;
}

Status Recognize(const Call& call, const std::string& dir) {
  return kit::ProposeAll(call, RecognizeTemplates(dir));
}

}  // namespace gantry::packer
