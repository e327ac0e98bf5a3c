#include "core/exec/process_tag.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/exec/unique_fd.h"

namespace gantry::exec {
namespace {

// An environment larger than this is read only this far: the tag is added last to the
// inherited block, but a child rebuilding its environment may move it anywhere, and
// real environments are a few KiB.
constexpr size_t kMaxEnviron = 1 << 20;

// The whole of a small /proc file, or "" when it cannot be read.
std::string ReadProcFile(const std::string& path, size_t limit) {
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return {};
  std::string text;
  char buffer[16384];
  while (text.size() < limit) {
    const ssize_t r = read(fd.get(), buffer, sizeof buffer);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    text.append(buffer, static_cast<size_t>(r));
  }
  return text;
}

// The value of NAME in one "NAME=value" entry, or nullopt.
std::optional<std::string_view> ValueOf(std::string_view entry, std::string_view name) {
  if (entry.size() <= name.size() || entry.substr(0, name.size()) != name ||
      entry[name.size()] != '=')
    return std::nullopt;
  return entry.substr(name.size() + 1);
}

}  // namespace

std::vector<std::string> ProcessTag::Environment() const {
  return {absl::StrCat(kRunIdVar, "=", run_id), absl::StrCat(kComponentVar, "=", component)};
}

std::optional<ProcessTag> ParseTag(std::string_view environ) {
  std::optional<std::string_view> run_id, component;
  while (!environ.empty()) {
    const size_t end = environ.find('\0');
    const std::string_view entry = environ.substr(0, end);
    environ.remove_prefix(end == std::string_view::npos ? environ.size() : end + 1);
    // The last definition wins, as getenv's callers would see after an override.
    if (auto v = ValueOf(entry, kRunIdVar)) run_id = v;
    if (auto v = ValueOf(entry, kComponentVar)) component = v;
  }
  if (!run_id || run_id->empty()) return std::nullopt;
  return ProcessTag{std::string(*run_id), std::string(component.value_or(""))};
}

std::optional<ProcessTag> ReadTag(pid_t pid, std::string* command) {
  const std::string dir = absl::StrCat("/proc/", pid, "/");
  std::optional<ProcessTag> tag = ParseTag(ReadProcFile(dir + "environ", kMaxEnviron));
  if (tag && command != nullptr) {
    *command = ReadProcFile(dir + "comm", 64);
    if (!command->empty() && command->back() == '\n') command->pop_back();
  }
  return tag;
}

std::vector<TaggedProcess> FindTaggedProcesses(
    const std::function<bool(const ProcessTag&)>& wanted) {
  std::vector<TaggedProcess> found;
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return found;
  const pid_t self = getpid();
  while (const dirent* entry = readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || pid <= 0 || pid == self) continue;
    TaggedProcess process;
    process.pid = static_cast<pid_t>(pid);
    std::optional<ProcessTag> tag = ReadTag(process.pid, &process.command);
    if (!tag || !wanted(*tag)) continue;
    process.tag = *std::move(tag);
    found.push_back(std::move(process));
  }
  closedir(proc);
  return found;
}

std::string DescribeProcesses(const std::vector<TaggedProcess>& processes) {
  return absl::StrJoin(processes, ", ", [](std::string* out, const TaggedProcess& p) {
    absl::StrAppend(out, p.pid, " (", p.command.empty() ? "?" : p.command, ")");
  });
}

}  // namespace gantry::exec
