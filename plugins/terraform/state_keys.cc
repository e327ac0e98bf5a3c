#include "state_keys.h"

#include <vector>

#include "kit/file_keys.h"
#include "state_layout.h"

namespace gantry::terraform {
namespace {

constexpr std::string_view kPrefix = "terraform.state:";

std::string WorkspaceDir(const KeyContext& context) {
  return kit::WorkspaceStandIn(context.project_dir, context.component);
}

// A template's known references replaced; nullopt when one is left that cannot be known
// statically (a local, a resource attribute, a function call).
std::optional<std::string> Resolve(const ConfigValue& value, const KeyContext& context) {
  if (!value.templated) return value.text;
  std::string out;
  std::size_t i = 0;
  while (i < value.text.size()) {
    const std::size_t open = value.text.find("${", i);
    if (open == std::string::npos) {
      out += value.text.substr(i);
      break;
    }
    out += value.text.substr(i, open - i);
    const std::size_t close = value.text.find('}', open);
    if (close == std::string::npos) return std::nullopt;
    std::string reference = value.text.substr(open + 2, close - open - 2);
    while (!reference.empty() && reference.front() == ' ') reference.erase(0, 1);
    while (!reference.empty() && reference.back() == ' ') reference.pop_back();
    if (reference == "path.module" || reference == "path.root") {
      out += ".";
    } else if (reference == "path.cwd") {
      out += WorkspaceDir(context);
    } else if (reference == "terraform.workspace") {
      out += context.workspace;
    } else if (reference.rfind("var.", 0) == 0 &&
               context.string_vars.count(reference.substr(4)) != 0) {
      out += context.string_vars.at(reference.substr(4));
    } else {
      return std::nullopt;
    }
    i = close + 1;
  }
  return out;
}

// The default workspace's file for a path that may name another workspace's
// (<dir>/terraform.tfstate.d/<workspace>/<file>): a key names the state, not a workspace.
std::string WithoutWorkspace(const std::string& path) {
  const std::string marker = "/terraform.tfstate.d/";
  const std::size_t at = path.rfind(marker);
  if (at == std::string::npos) return path;
  const std::size_t file = path.find('/', at + marker.size());
  if (file == std::string::npos) return path;
  return path.substr(0, at) + path.substr(file);
}

std::optional<std::string> KeyOf(const std::string& backend,
                                 const std::map<std::string, ConfigValue>& config,
                                 const KeyContext& context, std::string& why_not) {
  auto get = [&](const char* name) -> std::optional<std::string> {
    const auto found = config.find(name);
    if (found == config.end()) {
      why_not = std::string("its config has no ") + name;
      return std::nullopt;
    }
    std::optional<std::string> value = Resolve(found->second, context);
    if (!value) why_not = std::string("its ") + name + " is computed (" + found->second.text + ")";
    return value;
  };
  if (backend == "local") {
    const auto path = config.count("path") != 0 ? get("path")
                                                : std::optional<std::string>("terraform.tfstate");
    if (!path) return std::nullopt;
    return std::string(kPrefix) + "local:" +
           WithoutWorkspace(NormalizePath(*path, WorkspaceDir(context)));
  }
  if (backend == "s3") {
    const auto bucket = get("bucket");
    const auto key = bucket ? get("key") : std::nullopt;
    if (!key) return std::nullopt;
    return std::string(kPrefix) + "s3:" + *bucket + "/" + *key;
  }
  if (backend == "gcs") {
    const auto bucket = get("bucket");
    if (!bucket) return std::nullopt;
    std::optional<std::string> prefix = "";
    if (config.count("prefix") != 0) prefix = get("prefix");
    if (!prefix) return std::nullopt;
    return std::string(kPrefix) + "gcs:" + *bucket + "/" + *prefix;
  }
  if (backend == "azurerm") {
    const auto account = get("storage_account_name");
    const auto container = account ? get("container_name") : std::nullopt;
    const auto key = container ? get("key") : std::nullopt;
    if (!key) return std::nullopt;
    return std::string(kPrefix) + "azurerm:" + *account + "/" + *container + "/" + *key;
  }
  why_not = backend.empty() ? "its backend is computed"
                            : "backend '" + backend + "' is not one gantry matches (local, s3, gcs, azurerm)";
  return std::nullopt;
}

}  // namespace

std::string NormalizePath(std::string_view path, std::string_view base) {
  std::string joined = !path.empty() && path.front() == '/'
                           ? std::string(path)
                           : std::string(base) + "/" + std::string(path);
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= joined.size()) {
    std::size_t slash = joined.find('/', i);
    if (slash == std::string::npos) slash = joined.size();
    const std::string part = joined.substr(i, slash - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = slash + 1;
  }
  std::string out;
  for (const std::string& part : parts) out += "/" + part;
  return out.empty() ? "/" : out;
}

std::optional<std::string> ProvidedKey(const ModuleFacts& facts, const KeyContext& context) {
  if (!facts.has_backend)
    return std::string(kPrefix) + "local:" + LocalStatePath(context.state_dir, "default");
  std::string why_not;
  return KeyOf(facts.backend_type, facts.backend_config, context, why_not);
}

std::optional<std::string> NeededKey(const RemoteStateUse& use, const KeyContext& context,
                                     std::string& why_not) {
  return KeyOf(use.backend, use.config, context, why_not);
}

}  // namespace gantry::terraform
