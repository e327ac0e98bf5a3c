#include "validation.h"

#include <filesystem>
#include <vector>

#include "kit/program.h"

namespace gantry::ansible {
namespace {

namespace fs = std::filesystem;

// An error when `source_dir`/`path` is not a file (or, `directory_ok`, a directory); false
// then. An absent inventory is only a warning: another component may write it first.
bool CheckExists(const Call& call, const std::string& source_dir, const std::string& setting,
                 const std::string& path, bool directory_ok) {
  std::error_code error;
  const fs::path full = fs::path(source_dir) / path;
  const fs::file_status status = fs::status(full, error);
  if (fs::is_regular_file(status) || (directory_ok && fs::is_directory(status))) return true;
  std::string message = setting + ": " + full.string();
  if (fs::exists(status)) {
    message += directory_ok ? " is neither a file nor a directory" : " is not a file";
  } else {
    message += " does not exist";
    const fs::path relative(path);
    const std::string dir = (fs::path(source_dir) / relative.parent_path()).string();
    if (const std::string near = NearFileName(dir, relative.filename().string()); !near.empty())
      message += "; did you mean " + setting + " = \"" +
                 (relative.parent_path() / near).string() + "\"?";
    else
      message += " (paths are relative to source, " + source_dir + ")";
    if (directory_ok) {
      call.Warn(setting, message + "; fine if another component writes it before this one runs");
      return true;
    }
  }
  call.Error(setting, message);
  return false;
}

}  // namespace

std::string NearFileName(const std::string& dir, const std::string& name) {
  std::vector<std::string> names;
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error))
    names.push_back(it->path().filename().string());
  std::vector<std::string_view> known(names.begin(), names.end());
  return DidYouMean(name, known);
}

bool CheckComponent(const Call& call, const Component& component,
                    const AnsibleSettings& settings) {
  if (component.source_dir.empty()) {
    call.Error("an ansible component needs source = \"<directory holding its playbook>\"");
    return false;
  }
  const std::string source(component.source_dir);
  bool ok = true;
  if (!settings.playbook.empty())
    ok = CheckExists(call, source, "playbook", settings.playbook, false) && ok;
  if (!settings.destroy_playbook.empty())
    ok = CheckExists(call, source, "destroy_playbook", settings.destroy_playbook, false) && ok;
  if (!settings.inventory.empty())
    ok = CheckExists(call, source, "inventory", settings.inventory, true) && ok;
  const std::string program = kit::ProgramPath(settings.binary, component.project_dir);
  if (!settings.binary.empty() && !kit::ProgramExists(program))
    call.Warn("binary", "'" + settings.binary + "' is not " +
                            (program.find('/') != std::string::npos ? "an executable file"
                                                                    : "found in PATH") +
                            ": install ansible-core (it brings ansible-playbook), or set "
                            "binary = \"<path>\"; the component cannot run without it");
  return ok;
}

}  // namespace gantry::ansible
