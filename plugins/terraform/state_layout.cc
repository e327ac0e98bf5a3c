#include "state_layout.h"

#include "gantry/json.hpp"

namespace gantry::terraform {

std::string DataDir(std::string_view state_dir) { return std::string(state_dir) + "/.terraform"; }

std::string InitMarkerPath(std::string_view state_dir) {
  return DataDir(state_dir) + "/gantry-init";
}

std::string SavedLockFilePath(std::string_view state_dir) {
  return DataDir(state_dir) + "/gantry.terraform.lock.hcl";
}

std::string LocalStatePath(std::string_view state_dir, std::string_view workspace) {
  if (workspace == "default") return std::string(state_dir) + "/terraform.tfstate";
  return std::string(state_dir) + "/terraform.tfstate.d/" + std::string(workspace) +
         "/terraform.tfstate";
}

namespace {

// A .tf.json string is a template: "${" and "%{" in a path must be written "$${", "%%{".
std::string TemplateLiteral(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((text[i] == '$' || text[i] == '%') && i + 1 < text.size() && text[i + 1] == '{')
      out += text[i];
    out += text[i];
  }
  std::string quoted;
  json::detail::DumpString(out, quoted);
  return quoted;
}

}  // namespace

std::string LocalBackendConfig(std::string_view state_dir) {
  const std::string path = TemplateLiteral(std::string(state_dir) + "/terraform.tfstate");
  const std::string workspace_dir =
      TemplateLiteral(std::string(state_dir) + "/terraform.tfstate.d");
  return "{\n"
         "  \"//\": \"Written by gantry: this component's state lives in its state directory, "
         "outside the disposable workspace.\",\n"
         "  \"terraform\": {\"backend\": {\"local\": {\n"
         "    \"path\": " + path + ",\n"
         "    \"workspace_dir\": " + workspace_dir + "\n"
         "  }}}\n"
         "}\n";
}

}  // namespace gantry::terraform
