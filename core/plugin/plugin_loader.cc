#include "core/plugin/plugin_loader.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/dll/shared_library.hpp>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/plugin/host_api.h"
#include "core/plugin/in_process_hooks.h"
#include "core/plugin/library_handle.h"
#include "core/plugin/output_spec.h"
#include "core/plugin/private_group.h"
#include "core/plugin/setting_spec.h"

namespace gantry::plugin {
namespace {

namespace fs = std::filesystem;

absl::Status Refuse(const std::string& path, absl::string_view reason) {
  return absl::FailedPreconditionError(absl::StrCat("plugin ", path, ": ", reason));
}

// Like ssh with a loose key: code that anyone else could replace is never run. A
// group-writable file or directory of one's own, in one's user-private group (umask 002
// build directories), is not "anyone else".
absl::Status CheckPermissions(const std::string& path) {
  const uid_t me = ::geteuid();
  struct stat file_info {};
  if (::stat(path.c_str(), &file_info) != 0)
    return Refuse(path, "cannot be read (does it exist?)");
  if (!S_ISREG(file_info.st_mode)) return Refuse(path, "is not a regular file");
  if (const std::string why =
          WritableByOthers(file_info.st_mode, file_info.st_uid, file_info.st_gid, me);
      !why.empty())
    return Refuse(path, absl::StrCat("the file is ", why, " (writable by group or others); "
                                     "refusing to load it (fix with: chmod go-w on the file)"));
  const std::string dir = fs::path(path).parent_path().string();
  struct stat dir_info {};
  if (::stat(dir.c_str(), &dir_info) != 0) return Refuse(path, "its directory cannot be read");
  if (const std::string why =
          WritableByOthers(dir_info.st_mode, dir_info.st_uid, dir_info.st_gid, me);
      !why.empty())
    return Refuse(path, absl::StrCat("its directory ", dir, " is ", why,
                                     " (writable by group or others); refusing to load "
                                     "plugins from it (fix with: chmod go-w ", dir, ")"));
  return absl::OkStatus();
}

// Boost wraps dlerror() as "...(dlerror system message: TEXT): ..."; keep TEXT.
std::string DlerrorText(const std::string& what) {
  const std::string marker = "dlerror system message: ";
  const size_t start = what.find(marker);
  if (start == std::string::npos) return what;
  const size_t end = what.rfind(')');
  const size_t from = start + marker.size();
  return what.substr(from, end != std::string::npos && end > from ? end - from : std::string::npos);
}

absl::Status CheckDescriptor(const std::string& path, const gantry_plugin& d) {
  constexpr size_t kMinimum = offsetof(gantry_plugin, plugin_data);
  if (d.struct_size < kMinimum)
    return Refuse(path, absl::StrCat("its descriptor is too small (struct_size ", d.struct_size,
                                     "); rebuild it against the Gantry SDK"));
  if (d.abi_version < kHostMinAbi || d.abi_version > kHostMaxAbi)
    return Refuse(path, absl::StrCat("it speaks plugin ABI version ", d.abi_version,
                                     ", this host speaks ", kHostMinAbi, "..", kHostMaxAbi,
                                     "; use a plugin build for this host's ABI"));
  if (d.name == nullptr || *d.name == '\0') return Refuse(path, "its descriptor has no name");
  if (d.version == nullptr) return Refuse(path, "its descriptor has no version");
  if (d.component_types == nullptr || d.component_types[0] == nullptr)
    return Refuse(path, "it declares no component types");
  if (auto settings = ReadSettingSpecs(d); !settings.ok())
    return Refuse(path, absl::StrCat(settings.status().message(),
                                     "; fix the plugin's settings declaration"));
  if (auto outputs = ReadOutputSpecs(d); !outputs.ok())
    return Refuse(path, absl::StrCat(outputs.status().message(),
                                     "; fix the plugin's outputs declaration"));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<LoadedPlugin>> LoadPlugin(const std::string& given_path) {
  std::error_code ec;
  const std::string path = fs::absolute(given_path, ec).lexically_normal().string();
  if (absl::Status permissions = CheckPermissions(path); !permissions.ok()) return permissions;

  boost::dll::shared_library library;
  try {
    // rtld_now: a missing symbol fails here, not in the middle of a run. rtld_local:
    // plugins cannot see each other's symbols. An absolute path: no search surprises.
    library.load(boost::dll::fs::path(path),
                 boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    return Refuse(path, absl::StrCat("cannot be loaded as a shared library: ",
                                     DlerrorText(e.what())));
  }
  // Never unmapped, not even at exit: a thread the plugin started and never stopped may
  // still run its code, and would crash the host the moment the code went away.
  dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
  if (!library.has(GANTRY_ENTRY_SYMBOL))
    return Refuse(path, absl::StrCat("has no entry symbol ", GANTRY_ENTRY_SYMBOL,
                                     "; is it a Gantry plugin (built with gantry_add_plugin)?"));
  auto entry = library.get<const gantry_plugin*(uint32_t, uint32_t, const gantry_host*)>(
      GANTRY_ENTRY_SYMBOL);
  const gantry_plugin* descriptor = entry(kHostMinAbi, kHostMaxAbi, HostApi());
  if (descriptor == nullptr)
    return Refuse(path, absl::StrCat("its entry returned NULL: it refused this host (plugin ABI ",
                                     kHostMinAbi, "..", kHostMaxAbi,
                                     "); install a version of the plugin built for it"));
  if (absl::Status valid = CheckDescriptor(path, *descriptor); !valid.ok()) return valid;
  // The host's own zeroed copy: members the plugin was built without read as NULL.
  gantry_plugin copy{};
  std::memcpy(&copy, descriptor, std::min<size_t>(descriptor->struct_size, sizeof copy));
  copy.struct_size = sizeof copy;
  return std::make_unique<LoadedPlugin>(
      InfoOf(path, copy, descriptor->struct_size),
      std::make_unique<InProcessHooks>(std::make_unique<LibraryHandle>(std::move(library)),
                                       descriptor, copy));
}

}  // namespace gantry::plugin
