#include "module_facts.h"

#include <filesystem>
#include <set>
#include <utility>

#include "hcl/module_reader.h"
#include "hcl/syntax.h"

namespace gantry::terraform {
namespace {

using hcl::Block;
using hcl::ExprKind;
using hcl::Expression;

std::string Where(const hcl::Location& where) {
  std::string file = where.file;
  if (const std::size_t slash = file.rfind('/'); slash != std::string::npos)
    file = file.substr(slash + 1);
  return file + ":" + std::to_string(where.line);
}

// A string argument as written: a plain string's value, a template's raw text.
bool AsConfigValue(const Expression& expression, ConfigValue& out) {
  if (expression.kind == ExprKind::kString) {
    out = ConfigValue{expression.value, false};
    return true;
  }
  if (expression.kind == ExprKind::kTemplate) {
    out = ConfigValue{expression.value, true};
    return true;
  }
  return false;
}

void ReadBackend(const Block& terraform, ModuleFacts& facts) {
  for (const Block* backend : terraform.BlocksOfType("backend")) {
    facts.has_backend = true;
    facts.backend_type = backend->labels.empty() ? "" : backend->labels[0];
    facts.backend_config.clear();
    for (const auto& [name, value] : backend->attributes) {
      ConfigValue config;
      if (AsConfigValue(value, config)) facts.backend_config[name] = config;
    }
  }
  if (!terraform.BlocksOfType("cloud").empty()) {
    facts.has_backend = true;
    facts.backend_type = "cloud";
  }
}

void ReadRemoteState(const Block& data, ModuleFacts& facts) {
  RemoteStateUse use;
  use.name = data.labels.size() > 1 ? data.labels[1] : "";
  use.where = Where(data.where);
  if (const Expression* backend = data.attribute("backend");
      backend != nullptr && backend->kind == ExprKind::kString)
    use.backend = backend->value;
  if (const Expression* workspace = data.attribute("workspace");
      workspace != nullptr && workspace->kind == ExprKind::kString)
    use.workspace = workspace->value;
  if (const Expression* config = data.attribute("config");
      config != nullptr && config->kind == ExprKind::kObject) {
    for (const auto& [key, value] : config->items) {
      ConfigValue text;
      if (AsConfigValue(value, text)) use.config[key] = text;
    }
  }
  facts.remote_states.push_back(std::move(use));
}

void ReadOutput(const Block& output, ModuleFacts& facts) {
  if (output.labels.empty()) return;
  ModuleOutput out{output.labels[0], false, ""};
  if (const Expression* sensitive = output.attribute("sensitive");
      sensitive != nullptr && sensitive->kind == ExprKind::kBool)
    out.sensitive = sensitive->value == "true";
  if (const Expression* description = output.attribute("description");
      description != nullptr && description->kind == ExprKind::kString)
    out.description = description->value;
  // An override file may set `sensitive` on an output defined elsewhere: either says so.
  for (ModuleOutput& existing : facts.outputs)
    if (existing.name == out.name) {
      existing.sensitive = existing.sensitive || out.sensitive;
      return;
    }
  facts.outputs.push_back(std::move(out));
}

void ReadModuleCall(const Block& module, ModuleFacts& facts) {
  const Expression* source = module.attribute("source");
  if (module.labels.empty() || source == nullptr || source->kind != ExprKind::kString) return;
  const std::string& path = source->value;
  if (path.rfind("./", 0) != 0 && path.rfind("../", 0) != 0) return;  // registry, git, ...
  facts.local_modules.push_back({module.labels[0], path, Where(module.where)});
}

}  // namespace

std::vector<LocalModuleDir> LocalModuleDirs(const std::string& dir, const ModuleFacts& facts) {
  std::vector<LocalModuleDir> found;
  std::set<std::string> seen = {std::filesystem::path(dir).lexically_normal().string()};
  // Breadth first: a module called by the root is named as the root writes it.
  std::vector<std::pair<std::string, ModuleFacts>> level;
  level.emplace_back(dir, facts);
  for (bool root = true; !level.empty(); root = false) {
    std::vector<std::pair<std::string, ModuleFacts>> next;
    for (const auto& [caller_dir, caller] : level) {
      for (const LocalModuleCall& call : caller.local_modules) {
        std::string called = (std::filesystem::path(caller_dir) / call.source).lexically_normal();
        if (called.size() > 1 && called.back() == '/') called.pop_back();
        if (!seen.insert(called).second) continue;
        std::string reason = "module " + call.source;
        if (!root) {
          const std::string from = std::filesystem::path(caller_dir).lexically_relative(dir);
          reason += " (in " + from + ")";
        }
        found.push_back({called, std::move(reason)});
        next.emplace_back(called, ReadModuleFacts(called));
      }
    }
    level = std::move(next);
  }
  return found;
}

ModuleFacts ReadModuleFacts(const std::string& dir) {
  const hcl::Module module = hcl::ReadModule(dir);
  ModuleFacts facts;
  facts.files = module.files;
  for (const hcl::Problem& problem : module.problems)
    facts.problems.push_back(hcl::ToString(problem.where) + ": " + problem.message);
  for (const Block& block : module.blocks) {
    if (block.type == "terraform") {
      ReadBackend(block, facts);
    } else if (block.type == "data" && !block.labels.empty() &&
               block.labels[0] == "terraform_remote_state") {
      ReadRemoteState(block, facts);
    } else if (block.type == "output") {
      ReadOutput(block, facts);
    } else if (block.type == "module") {
      ReadModuleCall(block, facts);
    } else if (block.type == "variable" && !block.labels.empty()) {
      facts.variables.push_back(block.labels[0]);
    }
  }
  return facts;
}

}  // namespace gantry::terraform
