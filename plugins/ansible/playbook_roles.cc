#include "playbook_roles.h"

#include "ansible_config.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace gantry::ansible {
namespace {

size_t Indent(std::string_view line) {
  const size_t first = line.find_first_not_of(' ');
  return first == std::string_view::npos ? line.size() : first;
}

// A scalar as written: quotes and a trailing comment removed.
std::string Scalar(std::string_view text) {
  text = Trim(text);
  if (const size_t hash = text.find(" #"); hash != std::string_view::npos) text = Trim(text.substr(0, hash));
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front())
    text = text.substr(1, text.size() - 2);
  return std::string(text);
}

// The value of `key:` in `text` ("role: web", "{ role: web, tags: x }"); empty when absent.
std::string ValueOf(std::string_view text, std::string_view key) {
  for (size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
    const bool starts = at == 0 || text[at - 1] == ' ' || text[at - 1] == '{' || text[at - 1] == ',';
    const size_t colon = at + key.size();
    if (!starts || colon >= text.size() || text[colon] != ':') continue;
    std::string_view value = text.substr(colon + 1);
    value = value.substr(0, std::min(value.find(','), value.find('}')));
    return Scalar(value);
  }
  return {};
}

void Add(std::vector<std::string>& names, std::string name) {
  if (name.empty() || name.find("{{") != std::string::npos) return;
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
}

}  // namespace

std::vector<std::string> RoleNames(std::string_view text) {
  std::vector<std::string> names;
  enum class In { kNothing, kRoles, kRoleTask } in = In::kNothing;
  size_t block_indent = 0;
  size_t at = 0;
  while (at <= text.size()) {
    const size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    at = end + 1;
    const std::string_view body = Trim(line);
    if (body.empty() || body.front() == '#') continue;
    const size_t indent = Indent(line);
    if (in != In::kNothing && indent <= block_indent &&
        !(in == In::kRoles && indent == block_indent && body.rfind("- ", 0) == 0))
      in = In::kNothing;
    std::string_view item = body.rfind("- ", 0) == 0 ? Trim(body.substr(2)) : body;
    if (in == In::kRoles) {
      if (body.rfind("- ", 0) == 0 && item.find(':') == std::string_view::npos) {
        Add(names, Scalar(item));  // - common
        continue;
      }
      std::string role = ValueOf(item, "role");
      Add(names, role.empty() && body.rfind("- ", 0) == 0 ? ValueOf(item, "name") : role);
      continue;
    }
    if (in == In::kRoleTask) {
      Add(names, ValueOf(item, "name"));
      continue;
    }
    const size_t colon = item.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = item.substr(0, colon);
    const std::string_view rest = Trim(item.substr(colon + 1));
    if (key == "roles" && rest.empty()) {
      in = In::kRoles;
      block_indent = indent;
    } else if (key == "include_role" || key == "import_role" ||
               key == "ansible.builtin.include_role" || key == "ansible.builtin.import_role") {
      if (rest.empty()) {
        in = In::kRoleTask;
        block_indent = indent + (body.rfind("- ", 0) == 0 ? 2 : 0);
      } else if (const size_t name = rest.find("name="); name != std::string_view::npos) {
        Add(names, Scalar(rest.substr(name + 5, rest.find(' ', name) - name - 5)));
      } else {
        Add(names, ValueOf(rest, "name"));
      }
    }
  }
  return names;
}

std::string RoleDir(const std::string& playbook_dir, const std::string& source_dir,
                    const std::string& name) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> candidates;
  if (name.find('/') != std::string::npos || name.front() == '.') {
    candidates.push_back(fs::path(playbook_dir) / name);
  } else {
    candidates.push_back(fs::path(playbook_dir) / "roles" / name);
    candidates.push_back(fs::path(source_dir) / "roles" / name);
  }
  for (const fs::path& candidate : candidates)
    if (fs::is_directory(candidate, ec)) return candidate.lexically_normal().string();
  return {};
}

}  // namespace gantry::ansible
