#include "core/plugin/plugin_registry.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <system_error>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/plugin/plugin_loader.h"
#include "core/plugin/process_hooks.h"

namespace gantry::plugin {
namespace {

namespace fs = std::filesystem;

// The "*.so" files of a directory, sorted so that loading order (and so which of two
// conflicting plugins is refused) does not depend on the file system.
std::vector<std::string> PluginFiles(const std::string& directory) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".so") files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::unique_ptr<PluginRegistry> PluginRegistry::Load(const std::vector<std::string>& directories,
                                                     PluginPolicy policy) {
  auto registry = std::make_unique<PluginRegistry>();
  registry->policy_ = std::move(policy);
  absl::flat_hash_set<std::string> seen_file_names;
  absl::flat_hash_set<std::string> seen_directories;
  std::vector<std::string> files;
  for (const std::string& directory : directories) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(directory, ec);
    if (!seen_directories.insert(canonical.string()).second) continue;
    registry->searched_.push_back(fs::is_directory(directory, ec) ? directory
                                                                  : directory + " (missing)");
    for (const std::string& file : PluginFiles(directory)) {
      // An earlier directory shadows a later one's file of the same name, as PATH does.
      if (!seen_file_names.insert(fs::path(file).filename().string()).second) continue;
      files.push_back(file);
    }
  }
  // Plugin hosts start side by side (each costs a process start and its dynamic
  // linking); in-process loads stay on this thread, as the ABI promises the entry point.
  std::vector<std::future<absl::StatusOr<std::unique_ptr<LoadedPlugin>>>> in_host(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    if (registry->policy_.ForFile(files[i]) == Isolation::kProcess)
      in_host[i] = std::async(std::launch::async, LoadPluginInHost, files[i], registry->policy_);
  }
  std::vector<absl::StatusOr<std::unique_ptr<LoadedPlugin>>> in_process(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    if (!in_host[i].valid()) in_process[i] = LoadPlugin(files[i]);
  }
  for (size_t i = 0; i < files.size(); ++i) {  // in order: the first of two claims wins
    registry->Register(files[i], in_host[i].valid() ? in_host[i].get() : std::move(in_process[i]));
  }
  return registry;
}

PluginRegistry::~PluginRegistry() {
  // Every plugin host told first, so that they shut down side by side.
  for (const auto& plugin : plugins_) plugin->BeginShutdown();
}

void PluginRegistry::AddFile(const std::string& path) {
  Register(path, policy_.ForFile(path) == Isolation::kProcess ? LoadPluginInHost(path, policy_)
                                                             : LoadPlugin(path));
}

void PluginRegistry::Register(const std::string& path,
                              absl::StatusOr<std::unique_ptr<LoadedPlugin>> loaded) {
  // The name, which a [plugins.NAME] setting goes by, is known once the plugin is loaded:
  // loaded the default way first, and again the other way when its setting says so.
  if (loaded.ok()) {
    const Isolation first = policy_.ForFile(path);
    const Isolation wanted = policy_.For((*loaded)->name(), path);
    if (wanted != first) {
      loaded->reset();
      loaded = wanted == Isolation::kProcess ? LoadPluginInHost(path, policy_) : LoadPlugin(path);
    }
  }
  if (!loaded.ok()) {
    errors_.push_back({path, std::string(loaded.status().message())});
    return;
  }
  Adopt(*std::move(loaded));
}

void PluginRegistry::Adopt(std::unique_ptr<LoadedPlugin> adopted) {
  LoadedPlugin& plugin = *adopted;
  for (const std::string& type : plugin.component_types()) {
    if (const LoadedPlugin* other = ForType(type)) {
      errors_.push_back(
          {plugin.path(),
           absl::StrCat("plugin ", plugin.path(), ": component type '", type,
                        "' is already provided by plugin '", other->name(), "' (",
                        other->path(), "); remove one of the two from the plugin path")});
      return;
    }
  }
  if (const LoadedPlugin* other = ByName(plugin.name())) {
    errors_.push_back({plugin.path(), absl::StrCat("plugin ", plugin.path(), ": the name '",
                                                   plugin.name(), "' is already used by ",
                                                   other->path())});
    return;
  }
  for (const std::string& type : plugin.component_types()) by_type_[type] = &plugin;
  plugins_.push_back(std::move(adopted));
}

const LoadedPlugin* PluginRegistry::ForType(const std::string& type) const {
  auto it = by_type_.find(type);
  return it != by_type_.end() ? it->second : nullptr;
}

const LoadedPlugin* PluginRegistry::ByName(const std::string& name) const {
  for (const auto& plugin : plugins_)
    if (plugin->name() == name) return plugin.get();
  return nullptr;
}

std::vector<std::string> PluginRegistry::ComponentTypes() const {
  std::vector<std::string> types;
  for (const auto& [type, plugin] : by_type_) types.push_back(type);
  std::sort(types.begin(), types.end());
  return types;
}

}  // namespace gantry::plugin
