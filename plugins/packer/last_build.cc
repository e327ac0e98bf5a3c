#include "last_build.h"

#include <algorithm>
#include <filesystem>

#include "gantry/json.hpp"
#include "kit/files.h"

namespace gantry::packer {

std::string BuildInputsFingerprint(const std::string& source_copy, std::string_view settings_json,
                                   std::string_view vars_json) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator it(source_copy, fs::directory_options::none, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error))
    if (it->is_regular_file(error)) files.push_back(fs::relative(it->path(), source_copy, error));
  std::sort(files.begin(), files.end());  // the walk's order is the file system's
  const std::string_view separator("\0", 1);
  uint64_t hash = kit::Fnv1a("gantry-packer-build-1");
  for (const std::string& file : files) {
    hash = kit::Fnv1a(separator, kit::Fnv1a(file, hash));
    hash = kit::Fnv1a(separator, kit::Fnv1a(kit::ReadFile(source_copy + "/" + file)
                                                .value_or("<unreadable>"),
                                            hash));
  }
  hash = kit::Fnv1a(separator, kit::Fnv1a(settings_json, hash));
  return kit::Hex(kit::Fnv1a(vars_json, hash));
}

std::string LastBuildJson(const LastBuild& build) {
  json::Array outputs;
  for (std::size_t i = 0; i < build.outputs.size(); ++i) {
    outputs.push_back(json::Object{
        {"key", build.outputs[i].key},
        {"value", build.outputs[i].value},
        {"json", build.outputs[i].is_json},
        {"sensitive", i < build.sensitive.size() && build.sensitive[i]}});
  }
  return json::Value(json::Object{{"fingerprint", build.fingerprint},
                                  {"outputs", std::move(outputs)}})
             .Dump() +
         "\n";
}

std::optional<LastBuild> ParseLastBuild(std::string_view text) {
  try {
    const json::Value record = json::Parse(text);
    if (!record.is_object()) return std::nullopt;
    const json::Value* fingerprint = record.find("fingerprint");
    const json::Value* outputs = record.find("outputs");
    if (fingerprint == nullptr || !fingerprint->is_string() || outputs == nullptr ||
        !outputs->is_array())
      return std::nullopt;
    LastBuild build;
    build.fingerprint = fingerprint->as_string();
    for (const json::Value& output : outputs->as_array()) {
      const json::Value* key = output.is_object() ? output.find("key") : nullptr;
      const json::Value* value = output.is_object() ? output.find("value") : nullptr;
      if (key == nullptr || !key->is_string() || value == nullptr || !value->is_string())
        return std::nullopt;
      const json::Value* is_json = output.find("json");
      const json::Value* sensitive = output.find("sensitive");
      build.outputs.push_back({key->as_string(), value->as_string(),
                               is_json != nullptr && is_json->is_bool() && is_json->as_bool()});
      build.sensitive.push_back(sensitive != nullptr && sensitive->is_bool() &&
                                sensitive->as_bool());
    }
    return build;
  } catch (const json::ParseError&) {
    return std::nullopt;
  }
}

}  // namespace gantry::packer
