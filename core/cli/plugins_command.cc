#include "core/cli/plugins_command.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_format.h"

namespace gantry::cli {

void PrintPluginList(const plugin::PluginRegistry& plugins, std::ostream& out) {
  std::vector<std::vector<std::string>> rows = {{"NAME", "VERSION", "ABI", "TYPES", "PATH"}};
  for (const auto& p : plugins.plugins())
    rows.push_back({p->name(), p->version(), std::to_string(p->abi_version()),
                    absl::StrJoin(p->component_types(), ","), p->path()});
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

bool PrintPluginInfo(const plugin::PluginRegistry& plugins, const std::string& name,
                     std::ostream& out) {
  const plugin::LoadedPlugin* p = plugins.ByName(name);
  if (p == nullptr) p = plugins.ForType(name);
  if (p == nullptr) return false;
  const auto yes_no = [](bool b) { return b ? "yes" : "no"; };
  out << "name:          " << p->name() << "\n"
      << "version:       " << p->version() << "\n"
      << "description:   " << p->description() << "\n"
      << "path:          " << p->path() << "\n"
      << "abi version:   " << p->abi_version() << " (descriptor of " << p->descriptor_size()
      << " bytes)\n"
      << "types:         " << absl::StrJoin(p->component_types(), ", ") << "\n"
      << "operations:    "
      << (p->operations().empty() ? "plan, apply, destroy" : absl::StrJoin(p->operations(), ", "))
      << "\n"
      << "concurrent:    " << yes_no((p->capabilities() & GANTRY_CAP_CONCURRENT) != 0) << "\n"
      << "hooks:         validate=" << yes_no(p->has_validate())
      << " discover=" << yes_no(p->has_discover()) << " execute=" << yes_no(p->has_execute())
      << "\n";
  return true;
}

}  // namespace gantry::cli
