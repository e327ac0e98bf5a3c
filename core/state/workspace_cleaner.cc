#include "core/state/workspace_cleaner.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/exec/process_tag.h"
#include "core/state/lock_file.h"
#include "core/state/run_id.h"
#include "core/state/workspace.h"

namespace gantry::state {

namespace fs = std::filesystem;

namespace {

absl::StatusOr<std::vector<std::string>> ListNames(const fs::path& dir) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) {
    return absl::ErrnoToStatus(errno, absl::StrCat("cannot read directory '", dir.string(), "'"));
  }
  std::vector<std::string> names;
  while (true) {
    errno = 0;
    const struct dirent* entry = readdir(d);
    if (entry == nullptr) break;
    if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0) {
      names.emplace_back(entry->d_name);
    }
  }
  const int err = errno;
  closedir(d);
  if (err != 0) {
    return absl::ErrnoToStatus(err, absl::StrCat("cannot read directory '", dir.string(), "'"));
  }
  std::sort(names.begin(), names.end());
  return names;
}

absl::Time ModificationTime(const struct stat& st) { return absl::TimeFromTimespec(st.st_mtim); }

}  // namespace

absl::StatusOr<CleanReport> CleanWorkspaces(const Layout& layout, const CleanOptions& options) {
  CleanReport report;
  const fs::path root = layout.WorkspacesDir();
  absl::StatusOr<std::vector<std::string>> names = ListNames(root);
  if (!names.ok()) {
    if (absl::IsNotFound(names.status())) return report;
    return names.status();
  }
  // Which runs still have processes, found in one pass over /proc.
  absl::flat_hash_map<std::string, std::vector<exec::TaggedProcess>> running;
  for (exec::TaggedProcess& process :
       exec::FindTaggedProcesses([](const exec::ProcessTag& tag) { return IsValidRunId(tag.run_id); })) {
    running[process.tag.run_id].push_back(std::move(process));
  }
  for (const std::string& name : *names) {
    const fs::path dir = root / name;
    struct stat st;
    if (!IsValidRunId(name) || lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      report.ignored.push_back(dir.string());
      continue;
    }
    // Hold the run's .live lock while deciding and removing. A run that has no runs/<run>/
    // (or no .live) any more is not live; there is nothing to hold then.
    absl::StatusOr<FileLock> live = FileLock::Acquire(layout.LivePath(name), absl::ZeroDuration(),
                                                      nullptr, FileLock::Create::kNo);
    if (!live.ok()) {
      if (absl::IsUnavailable(live.status())) {
        report.kept_live.push_back(dir.string());
        continue;
      }
      if (!absl::IsNotFound(live.status())) {
        report.failed.push_back({dir.string(), std::string(live.status().message())});
        continue;
      }
    }
    if (auto busy = running.find(name); busy != running.end()) {
      report.kept_busy.push_back({dir.string(), exec::DescribeProcesses(busy->second)});
      continue;
    }
    if (options.older_than.has_value() &&
        options.now - ModificationTime(st) < *options.older_than) {
      report.kept_recent.push_back(dir.string());
      continue;
    }
    absl::StatusOr<uint64_t> freed = RemoveTree(dir);
    if (freed.ok()) {
      report.removed.push_back(dir.string());
      report.bytes_freed += *freed;
    } else {
      report.failed.push_back({dir.string(), std::string(freed.status().message())});
    }
  }
  return report;
}

}  // namespace gantry::state
