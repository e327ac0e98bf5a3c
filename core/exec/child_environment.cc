#include "core/exec/child_environment.h"

#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace gantry::exec {

absl::StatusOr<std::vector<std::string>> BuildChildEnvironment(
    const char* const* inherited, const std::vector<std::string>& overrides, bool clear_env) {
  std::vector<std::string> env;
  if (!clear_env && inherited != nullptr) {
    for (const char* const* e = inherited; *e != nullptr; ++e) env.emplace_back(*e);
  }
  if (overrides.empty()) return env;

  // NAME -> position in env. Keys are copies: views into env would dangle as it grows.
  absl::flat_hash_map<std::string, size_t> index;
  index.reserve(env.size() + overrides.size());
  for (size_t i = 0; i < env.size(); ++i) {
    const std::string_view entry = env[i];
    index.try_emplace(std::string(entry.substr(0, entry.find('='))), i);
  }

  for (const std::string& entry : overrides) {
    const size_t eq = entry.find('=');
    if (eq == std::string::npos || eq == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("environment override '", entry, "' is not NAME=value"));
    }
    auto [it, inserted] = index.try_emplace(entry.substr(0, eq), env.size());
    if (inserted) {
      env.push_back(entry);
    } else {
      env[it->second] = entry;
    }
  }
  return env;
}

}  // namespace gantry::exec
