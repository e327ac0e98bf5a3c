#include "core/scaffold/recognizing_context.h"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace gantry::scaffold {

RecognizingContext::RecognizingContext(std::string plugin, std::vector<std::string> types,
                                       std::string dir)
    : plugin_(std::move(plugin)), types_(std::move(types)), dir_(std::move(dir)) {}

std::string RecognizingContext::ProposeComponent(plugin::ComponentProposal proposal) {
  if (std::find(types_.begin(), types_.end(), proposal.type) == types_.end())
    return absl::StrCat("propose_component: '", proposal.type, "' is not one of its types (",
                        absl::StrJoin(types_, ", "), ")");
  std::string source = proposal.source_dir.empty()
                           ? dir_
                           : std::filesystem::path(proposal.source_dir).lexically_normal().string();
  while (source.size() > 1 && source.back() == '/') source.pop_back();
  if (source != dir_ && source.rfind(dir_ + "/", 0) != 0)
    return absl::StrCat("propose_component: source_dir ", proposal.source_dir, " is not inside ",
                        dir_, ", the directory being recognised");
  Proposal out;
  out.plugin = plugin_;
  out.type = std::move(proposal.type);
  out.source_dir = std::move(source);
  out.name = std::move(proposal.name);
  out.note = std::move(proposal.note);
  for (char& c : out.note)
    if (c == '\n' || c == '\r') c = ' ';  // it becomes one comment line
  if (!proposal.settings_json.empty()) {
    out.settings = nlohmann::json::parse(proposal.settings_json, nullptr, false);
    if (!out.settings.is_object())
      return absl::StrCat("propose_component('", out.type,
                          "'): settings_json is not a JSON object: ", proposal.settings_json);
  }
  proposals_.push_back(std::move(out));
  return "";
}

}  // namespace gantry::scaffold
