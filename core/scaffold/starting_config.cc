#include "core/scaffold/starting_config.h"

#include <cstdio>
#include <filesystem>

#include "absl/strings/str_cat.h"

namespace gantry::scaffold {
namespace {

constexpr char kHeader[] =
    "# A starting gantry.toml, written by `gantry init` from what the plugins recognised\n"
    "# in this directory tree. Check each component, then run `gantry validate`,\n"
    "# `gantry graph` and `gantry plan`.\n"
    "#\n"
    "# - Dependencies marked \"found by discovery\" need no depends_on: gantry finds them\n"
    "#   on every run. Add depends_on = [\"name\"] for any it cannot see.\n"
    "# - Pass a component's outputs to another with a reference in its vars, e.g.\n"
    "#   vars = { vpc_id = \"${network.vpc_id}\" }: that also orders them.\n"
    "# - Secrets: list sensitive vars in sensitive = [\"password\"] to mask them.\n"
    "\n"
    "[gantry]\n"
    "# Independent components run at once, up to this many (default 1).\n"
    "# max_concurrency = 4\n";

std::string QuotedString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// A plugin's words as one comment line: a line break would end the comment and leave
// the rest as (invalid) TOML.
std::string OneLine(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

std::string RelativeSource(const std::string& source, const std::string& root) {
  const std::filesystem::path relative =
      std::filesystem::path(source).lexically_relative(std::filesystem::path(root));
  return relative.empty() ? std::string(".") : relative.string();
}

}  // namespace

std::string TomlKey(const std::string& key) {
  bool bare = !key.empty();
  for (char c : key)
    bare = bare && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-');
  return bare ? key : QuotedString(key);
}

std::string TomlValue(const nlohmann::json& value) {
  if (value.is_string()) return QuotedString(value.get<std::string>());
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return value.dump();
  if (value.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < value.size(); ++i)
      absl::StrAppend(&out, i == 0 ? "" : ", ", TomlValue(value[i]));
    return out + "]";
  }
  if (value.is_object()) {
    if (value.empty()) return "{}";
    std::string out = "{ ";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      absl::StrAppend(&out, first ? "" : ", ", TomlKey(key), " = ", TomlValue(item));
      first = false;
    }
    return out + " }";
  }
  return "\"\"";
}

std::string StartingConfig(const std::vector<Proposal>& proposals,
                           const std::vector<std::string>& names,
                           const std::vector<std::vector<FoundDependency>>& needs,
                           const std::string& root) {
  std::string out = kHeader;
  for (size_t i = 0; i < proposals.size(); ++i) {
    const Proposal& proposal = proposals[i];
    out += "\n";
    if (!proposal.note.empty()) absl::StrAppend(&out, "# ", OneLine(proposal.note), "\n");
    if (i < needs.size())
      for (const FoundDependency& need : needs[i])
        absl::StrAppend(&out, "# found by discovery: depends on ", need.component,
                        need.reason.empty() ? "" : absl::StrCat(" (", OneLine(need.reason), ")"),
                        "\n");
    absl::StrAppend(&out, "[components.", TomlKey(names[i]), "]\n");
    absl::StrAppend(&out, "type = ", QuotedString(proposal.type), "\n");
    absl::StrAppend(&out, "source = ", QuotedString(RelativeSource(proposal.source_dir, root)),
                    "\n");
    for (const auto& [key, value] : proposal.settings.items())
      if (key != "type" && key != "source")
        absl::StrAppend(&out, TomlKey(key), " = ", TomlValue(value), "\n");
  }
  return out;
}

}  // namespace gantry::scaffold
