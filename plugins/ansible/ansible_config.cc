#include "ansible_config.h"

#include <filesystem>

#include "kit/files.h"

namespace gantry::ansible {

std::string_view Trim(std::string_view text) {
  const std::size_t start = text.find_first_not_of(" \t\r");
  if (start == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(" \t\r");
  return text.substr(start, end - start + 1);
}

namespace {

bool IsFile(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

// A pathlist (':' or ',' separated, as ansible splits it) with relative entries taken
// from `base_dir`.
std::string AbsolutePathList(std::string_view list, const std::string& base_dir) {
  std::string out;
  while (!list.empty()) {
    const std::size_t end = list.find_first_of(":,");
    const std::string_view entry = Trim(list.substr(0, end));
    if (!entry.empty()) {
      std::string path(entry);
      if (path.front() != '/' && path.front() != '~' && path.front() != '$')
        path = (std::filesystem::path(base_dir) / path).lexically_normal().string();
      out += (out.empty() ? "" : ":") + path;
    }
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> IniSection(std::string_view text, std::string_view section) {
  std::map<std::string, std::string> entries;
  bool inside = false;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = Trim(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      inside = line.size() >= 2 && line.back() == ']' &&
               Trim(line.substr(1, line.size() - 2)) == section;
      continue;
    }
    if (!inside) continue;
    const std::size_t separator = line.find_first_of("=:");
    if (separator == std::string_view::npos) continue;
    std::string_view value = Trim(line.substr(separator + 1));
    // An inline comment needs a space before it, as Python's configparser wants.
    for (std::string_view marker : {" #", " ;"})
      if (const std::size_t comment = value.find(marker); comment != std::string_view::npos)
        value = Trim(value.substr(0, comment));
    entries[std::string(Trim(line.substr(0, separator)))] = std::string(value);
  }
  return entries;
}

ConfigFacts FindConfig(const std::string& work_dir, const EnvLookup& env) {
  ConfigFacts facts;
  if (std::optional<std::string> named = env("ANSIBLE_CONFIG"); named && !named->empty()) {
    facts.path = named->front() == '/' ? *named : work_dir + "/" + *named;
    // A directory means <dir>/ansible.cfg to ansible.
    if (!IsFile(facts.path)) facts.path += "/ansible.cfg";
  } else if (IsFile(work_dir + "/ansible.cfg")) {
    facts.path = work_dir + "/ansible.cfg";
    facts.in_workspace = true;
  } else if (std::optional<std::string> home = env("HOME");
             home && IsFile(*home + "/.ansible.cfg")) {
    facts.path = *home + "/.ansible.cfg";
  } else if (IsFile("/etc/ansible/ansible.cfg")) {
    facts.path = "/etc/ansible/ansible.cfg";
  }
  const std::optional<std::string> text = facts.path.empty() ? std::nullopt
                                                             : kit::ReadFile(facts.path);
  if (!text) {
    if (!facts.in_workspace) facts.path.clear();
    return facts;
  }
  const std::map<std::string, std::string> defaults = IniSection(*text, "defaults");
  for (const char* key : {"callbacks_enabled", "callback_whitelist"})
    if (const auto found = defaults.find(key); found != defaults.end() && !found->second.empty()) {
      facts.callbacks_enabled = found->second;
      break;
    }
  facts.sets_collections_path =
      defaults.count("collections_path") != 0 || defaults.count("collections_paths") != 0;
  facts.sets_roles_path = defaults.count("roles_path") != 0;
  facts.sets_home = defaults.count("home") != 0;
  if (const auto found = defaults.find("callback_plugins"); found != defaults.end())
    facts.callback_plugins = AbsolutePathList(
        found->second, std::filesystem::path(facts.path).parent_path().string());
  return facts;
}

}  // namespace gantry::ansible
