#include "recognize.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "gantry/json.hpp"
#include "kit/files.h"
#include "kit/proposals.h"

namespace gantry::ansible {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxPlaybookBytes = 1u << 20;

// A name with something before the extension: ".yml" alone is a hidden file, not YAML.
bool IsYaml(const std::string& name) {
  return (name.size() > 4 && name.ends_with(".yml")) || (name.size() > 5 && name.ends_with(".yaml"));
}

std::string Stem(const std::string& name) { return name.substr(0, name.rfind('.')); }

bool IsTeardown(const std::string& name) {
  const std::string stem = Stem(name);
  return stem == "destroy" || stem == "teardown" || stem == "cleanup";
}

// The key a line of a play sets ("hosts" for "- hosts: all" or "  hosts: all"), or "".
std::string_view PlayKey(std::string_view line) {
  size_t start = 0;
  if (line.substr(0, 2) == "- ") start = 2;
  while (start < line.size() && line[start] == ' ') ++start;
  if (start > 6) return {};  // deeper than a play's own keys
  const size_t colon = line.find(':', start);
  if (colon == std::string_view::npos) return {};
  return line.substr(start, colon - start);
}

std::string ReadSmallFile(const fs::path& path) {
  std::error_code error;
  if (fs::file_size(path, error) > kMaxPlaybookBytes || error) return {};
  return kit::ReadFile(path.string()).value_or("");
}

}  // namespace

bool LooksLikePlaybook(std::string_view text) {
  bool first_content = true;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    begin = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t content = line.find_first_not_of(' ');
    if (content == std::string_view::npos || line[content] == '#' || line == "---") continue;
    // A playbook is a list: its first content line is an item at the top level.
    if (first_content && line.substr(0, 1) != "-") return false;
    first_content = false;
    const std::string_view key = PlayKey(line);
    if (key == "hosts" || key == "import_playbook" || key == "ansible.builtin.import_playbook")
      return true;
  }
  return false;
}

std::vector<Proposal> RecognizePlaybooks(const std::string& dir) {
  std::vector<std::string> playbooks;
  std::string inventory;
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    std::error_code type_error;
    if (it->is_directory(type_error)) {
      if (name == "inventory") inventory = name;
      continue;
    }
    if (!it->is_regular_file(type_error)) continue;
    if (name == "inventory" || name == "inventory.ini" || name == "inventory.yml" ||
        name == "inventory.yaml" || name == "hosts" || name == "hosts.ini" || name == "hosts.yml") {
      if (inventory.empty() || name < inventory) inventory = name;
      continue;
    }
    if (IsYaml(name) && LooksLikePlaybook(ReadSmallFile(it->path()))) playbooks.push_back(name);
  }
  std::sort(playbooks.begin(), playbooks.end());
  // destroy.yml beside exactly one other playbook is that one's destroy_playbook.
  std::string teardown;
  if (playbooks.size() == 2) {
    for (size_t i = 0; i < 2; ++i)
      if (IsTeardown(playbooks[i]) && !IsTeardown(playbooks[1 - i])) teardown = playbooks[i];
    if (!teardown.empty())
      playbooks.erase(std::find(playbooks.begin(), playbooks.end(), teardown));
  }
  std::vector<Proposal> proposals;
  for (const std::string& playbook : playbooks) {
    json::Object settings{{"playbook", playbook}};
    std::string note = "ansible playbook " + playbook;
    if (!teardown.empty()) {
      settings.emplace_back("destroy_playbook", teardown);
      note += ", destroyed by " + teardown;
    }
    if (!inventory.empty()) {
      settings.emplace_back("inventory", inventory);
      note += "; inventory " + inventory;
    } else {
      note += "; no inventory found: runs against localhost (set hosts or inventory)";
    }
    proposals.push_back(Proposal{"ansible", dir, "", json::Value(std::move(settings)).Dump(), note});
  }
  return proposals;
}

Status Recognize(const Call& call, const std::string& dir) {
  return kit::ProposeAll(call, RecognizePlaybooks(dir));
}

}  // namespace gantry::ansible
