#include "core/scaffold/component_names.h"

#include <filesystem>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/config/config_loader.h"

namespace gantry::scaffold {
namespace {

// `wanted` made into a valid name: bad characters become '-', empty and dot segments go.
std::string Valid(const std::string& wanted) {
  std::vector<std::string> segments;
  for (absl::string_view piece : absl::StrSplit(wanted, '/', absl::SkipEmpty())) {
    std::string segment(piece);
    for (char& c : segment)
      if (!config::IsComponentNameChar(c)) c = '-';
    if (segment != "." && segment != "..") segments.push_back(std::move(segment));
  }
  std::string name = absl::StrJoin(segments, "/");
  return config::CheckComponentName(name).empty() ? name : "component";
}

std::string Wanted(const Proposal& proposal, const std::filesystem::path& root) {
  if (!proposal.name.empty()) return proposal.name;
  const std::filesystem::path relative =
      std::filesystem::path(proposal.source_dir).lexically_relative(root);
  if (relative.empty() || relative == ".") return root.filename().string();
  return relative.string();
}

}  // namespace

std::vector<std::string> NameComponents(const std::vector<Proposal>& proposals,
                                        const std::string& root) {
  const std::filesystem::path root_path = std::filesystem::path(root).lexically_normal();
  std::vector<std::string> names;
  std::set<std::string> taken;
  for (const Proposal& proposal : proposals) {
    const std::string base = Valid(Wanted(proposal, root_path));
    std::string name = base;
    if (taken.count(name) != 0) name = Valid(absl::StrCat(base, "-", proposal.type));
    for (int n = 2; taken.count(name) != 0; ++n) name = absl::StrCat(base, "-", n);
    taken.insert(name);
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace gantry::scaffold
