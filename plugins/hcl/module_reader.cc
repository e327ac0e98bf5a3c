#include "hcl/module_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <utility>

#include "hcl/json_parser.h"
#include "hcl/native_parser.h"

namespace gantry::terraform::hcl {
namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool IsJsonFile(std::string_view name) { return EndsWith(name, ".tf.json"); }

/// The whole file, or nullopt with `error` set.
std::optional<std::string> ReadWholeFile(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return std::move(content).str();
}

/// The configuration files' names in `dir`, sorted; a listing error is a problem.
std::vector<std::string> ListConfigurationFiles(const std::string& dir,
                                                std::vector<Problem>& problems) {
  std::vector<std::string> names;
  std::error_code error;
  fs::directory_iterator entries(dir, error);
  for (; !error && entries != fs::directory_iterator(); entries.increment(error)) {
    const std::string name = entries->path().filename().string();
    std::error_code kind_error;  // a dangling link is no file: skipped
    if (IsConfigurationFile(name) && entries->is_regular_file(kind_error)) {
      names.push_back(name);
    }
  }
  if (error) {
    AddProblem(problems, Location{dir, 0, 0},
               "cannot read the module directory: " + error.message());
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// Terraform allows only blocks at the top level of a file.
void ReportTopLevelAttributes(const File& file, bool json, std::vector<Problem>& problems) {
  for (const auto& [name, value] : file.attributes) {
    AddProblem(problems, value.where,
               json ? "'" + name + "' is not a Terraform block type"
                    : "'" + name +
                          "' is an attribute outside any block; Terraform allows "
                          "only blocks at the top level of a file");
  }
}

}  // namespace

bool IsConfigurationFile(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.back() == '~') return false;
  if (name.size() >= 2 && name.front() == '#' && name.back() == '#') return false;
  return EndsWith(name, ".tf") || IsJsonFile(name);
}

bool IsOverrideFile(std::string_view name) {
  const std::string_view stem = name.substr(0, name.size() - (IsJsonFile(name)        ? 8
                                                              : EndsWith(name, ".tf") ? 3
                                                                                      : 0));
  return stem == "override" || EndsWith(stem, "_override");
}

Module ReadModule(const std::string& dir) {
  Module module;
  for (const std::string& name : ListConfigurationFiles(dir, module.problems)) {
    const std::string path = dir + "/" + name;
    module.files.push_back(path);
    std::string error;
    const std::optional<std::string> text = ReadWholeFile(path, error);
    if (!text) {
      AddProblem(module.problems, Location{path, 0, 0}, "cannot read the file: " + error);
      continue;
    }
    File file = IsJsonFile(name) ? ParseJson(*text, path) : ParseNative(*text, path);
    ReportTopLevelAttributes(file, IsJsonFile(name), file.problems);
    const bool from_override = IsOverrideFile(name);
    for (Block& block : file.blocks) {
      block.from_override = from_override;
      module.blocks.push_back(std::move(block));
    }
    std::move(file.problems.begin(), file.problems.end(), std::back_inserter(module.problems));
  }
  return module;
}

}  // namespace gantry::terraform::hcl
