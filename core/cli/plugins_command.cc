#include "core/cli/plugins_command.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"

namespace gantry::cli {

void PrintPluginList(const plugin::PluginRegistry& plugins, std::ostream& out) {
  std::vector<std::vector<std::string>> rows = {
      {"NAME", "VERSION", "ABI", "TYPES", "RUNS IN", "PATH"}};
  for (const auto& p : plugins.plugins())
    rows.push_back({p->name(), p->version(), std::to_string(p->abi_version()),
                    absl::StrJoin(p->component_types(), ","), p->runs_in(), p->path()});
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i + 1 < row.size(); ++i)
      line += absl::StrFormat("%-*s  ", static_cast<int>(widths[i]), row[i]);
    out << line << row.back() << "\n";
  }
}

namespace {

std::string Operations(const plugin::LoadedPlugin& p) {
  return p.operations().empty() ? "plan, apply, destroy" : absl::StrJoin(p.operations(), ", ");
}

std::string Flags(const plugin::SettingSpec& s) {
  std::vector<std::string> flags;
  if (s.required()) flags.push_back("required");
  if (s.sensitive()) flags.push_back("sensitive");
  if ((s.flags & GANTRY_SETTING_REFERENCES) != 0) flags.push_back("references");
  return absl::StrJoin(flags, ",");
}

std::string Kinds(const plugin::SettingSpec& s) {
  std::string kinds = plugin::KindsShort(s.types);
  if (s.item_types != 0) absl::StrAppend(&kinds, " of ", plugin::KindsShort(s.item_types));
  return kinds;
}

void PrintSettingsText(const plugin::LoadedPlugin& p, std::ostream& out);
void PrintOutputsText(const plugin::LoadedPlugin& p, std::ostream& out);
void PrintRows(const std::vector<std::vector<std::string>>& rows, std::ostream& out);

void PrintText(const plugin::LoadedPlugin& p, std::ostream& out) {
  const auto yes_no = [](bool b) { return b ? "yes" : "no"; };
  out << "name:          " << p.name() << "\n"
      << "version:       " << p.version() << "\n"
      << "description:   " << p.description() << "\n"
      << "path:          " << p.path() << "\n"
      << "runs in:       " << p.runs_in() << "\n"
      << "abi version:   " << p.abi_version() << " (descriptor of " << p.descriptor_size()
      << " bytes)\n"
      << "types:         " << absl::StrJoin(p.component_types(), ", ") << "\n"
      << "operations:    " << Operations(p) << "\n"
      << "concurrent:    " << yes_no((p.capabilities() & GANTRY_CAP_CONCURRENT) != 0) << "\n"
      << "hooks:         validate=" << yes_no(p.has_validate())
      << " discover=" << yes_no(p.has_discover()) << " execute=" << yes_no(p.has_execute())
      << "\n";
  PrintSettingsText(p, out);
  PrintOutputsText(p, out);
}

/// Rows under a header line, columns aligned, indented by two.
void PrintRows(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  for (const auto& row : rows) {
    std::string line = "  ";
    for (size_t i = 0; i + 1 < row.size(); ++i)
      line += absl::StrFormat("%-*s  ", static_cast<int>(widths[i]), row[i]);
    out << line << row.back() << "\n";
  }
}

void PrintSettingsText(const plugin::LoadedPlugin& p, std::ostream& out) {
  if (!p.settings()) {
    out << "settings:      not declared (every key is passed to the plugin unchecked)\n";
    return;
  }
  if (p.settings()->empty()) {
    out << "settings:      none\n";
    return;
  }
  std::vector<std::vector<std::string>> rows = {{"SETTING", "KIND", "FLAGS", "DEFAULT", "DESCRIPTION"}};
  for (const plugin::SettingSpec& s : *p.settings()) {
    std::string description = s.description;
    if (!s.allowed.empty())
      absl::StrAppend(&description, description.empty() ? "" : " ", "(one of: ",
                      absl::StrJoin(s.allowed, ", "), ")");
    rows.push_back({s.name, Kinds(s), Flags(s).empty() ? "-" : Flags(s),
                    s.default_json.empty() ? "-" : s.default_json, description});
  }
  out << "settings:\n";
  PrintRows(rows, out);
}

void PrintOutputsText(const plugin::LoadedPlugin& p, std::ostream& out) {
  if (!p.outputs()) {
    out << "outputs:       not declared (any output may be referenced; checked at run time)\n";
    return;
  }
  const char* more = p.has_discover() ? "discover may declare more per component" : "";
  if (p.outputs()->empty()) {
    out << "outputs:       " << (p.has_discover() ? "declared per component by discover" : "none")
        << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows = {{"OUTPUT", "FLAGS", "DESCRIPTION"}};
  for (const plugin::OutputSpec& o : *p.outputs())
    rows.push_back({o.name, o.sensitive ? "sensitive" : "-", o.description});
  out << "outputs:" << (*more != '\0' ? absl::StrCat("       (", more, ")") : "") << "\n";
  PrintRows(rows, out);
}

nlohmann::json ToJson(const plugin::LoadedPlugin& p) {
  nlohmann::json j = {{"name", p.name()},
                      {"version", p.version()},
                      {"description", p.description()},
                      {"path", p.path()},
                      {"abi_version", p.abi_version()},
                      {"types", p.component_types()},
                      {"operations", p.operations()},
                      {"concurrent", (p.capabilities() & GANTRY_CAP_CONCURRENT) != 0},
                      {"settings", nullptr},
                      {"outputs", nullptr}};
  if (p.outputs()) {
    j["outputs"] = nlohmann::json::array();
    for (const plugin::OutputSpec& o : *p.outputs())
      j["outputs"].push_back(
          {{"name", o.name}, {"sensitive", o.sensitive}, {"description", o.description}});
  }
  if (p.settings()) {
    j["settings"] = nlohmann::json::array();
    for (const plugin::SettingSpec& s : *p.settings()) {
      nlohmann::json setting = {{"name", s.name},
                                {"kinds", plugin::KindsShort(s.types)},
                                {"item_kinds", s.item_types == 0 ? "any" : plugin::KindsShort(s.item_types)},
                                {"required", s.required()},
                                {"sensitive", s.sensitive()},
                                {"references", (s.flags & GANTRY_SETTING_REFERENCES) != 0},
                                {"default", nullptr},
                                {"allowed", s.allowed},
                                {"description", s.description}};
      if (!s.default_json.empty())
        setting["default"] = nlohmann::json::parse(s.default_json, nullptr, false);
      j["settings"].push_back(std::move(setting));
    }
  }
  return j;
}

/// For generated docs: `|` and line ends would break a table cell.
std::string Cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else out += (c == '\n' ? ' ' : c);
  }
  return out.empty() ? "-" : out;
}

void PrintSettingsMarkdown(const plugin::LoadedPlugin& p, std::ostream& out);

void PrintMarkdown(const plugin::LoadedPlugin& p, std::ostream& out) {
  out << "## " << p.name() << " " << p.version() << "\n\n"
      << p.description() << "\n\n"
      << "Component types: " << absl::StrJoin(p.component_types(), ", ")
      << ". Operations: " << Operations(p) << ".\n\n";
  PrintSettingsMarkdown(p, out);
  out << "\n";
  if (!p.outputs()) {
    out << "Outputs are not declared.\n";
    return;
  }
  if (p.has_discover()) out << "Discover may declare more outputs per component.\n\n";
  if (p.outputs()->empty()) {
    out << "No static outputs.\n";
    return;
  }
  out << "| Output | Flags | Description |\n"
      << "| --- | --- | --- |\n";
  for (const plugin::OutputSpec& o : *p.outputs())
    out << "| `" << Cell(o.name) << "` | " << (o.sensitive ? "sensitive" : "-") << " | "
        << Cell(o.description) << " |\n";
}

void PrintSettingsMarkdown(const plugin::LoadedPlugin& p, std::ostream& out) {
  if (!p.settings()) {
    out << "Settings are not declared.\n";
    return;
  }
  out << "| Setting | Kind | Flags | Default | Description |\n"
      << "| --- | --- | --- | --- | --- |\n";
  for (const plugin::SettingSpec& s : *p.settings()) {
    std::string description = s.description;
    if (!s.allowed.empty())
      absl::StrAppend(&description, " One of: ", absl::StrJoin(s.allowed, ", "), ".");
    out << "| `" << s.name << "` | " << Cell(Kinds(s)) << " | " << Cell(Flags(s)) << " | "
        << (s.default_json.empty() ? "-" : "`" + Cell(s.default_json) + "`") << " | "
        << Cell(description) << " |\n";
  }
}

}  // namespace

bool PrintPluginInfo(const plugin::PluginRegistry& plugins, const std::string& name,
                     const std::string& format, std::ostream& out) {
  const plugin::LoadedPlugin* p = plugins.ByName(name);
  if (p == nullptr) p = plugins.ForType(name);
  if (p == nullptr) return false;
  if (format == "json") {
    out << ToJson(*p).dump(2) << "\n";
  } else if (format == "markdown") {
    PrintMarkdown(*p, out);
  } else {
    PrintText(*p, out);
  }
  return true;
}

}  // namespace gantry::cli
