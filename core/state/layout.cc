#include "core/state/layout.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include "absl/strings/str_cat.h"

namespace gantry::state {

namespace fs = std::filesystem;

namespace {

bool IsPlainNameChar(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         ch == '.' || ch == '_' || ch == '-';
}

void AppendEscaped(unsigned char byte, std::string& out) {
  constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[byte >> 4];
  out += kHex[byte & 0xF];
}

}  // namespace

std::string ContainedName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  size_t start = 0;
  while (true) {
    const size_t end = std::min(name.find('/', start), name.size());
    const std::string_view segment = name.substr(start, end - start);
    if (start > 0) out += '/';
    if (segment.empty()) {
      out += '%';  // a real '%' is always escaped as %25, so this stands for nothing
    } else if (segment == "." || segment == "..") {
      for (char ch : segment) AppendEscaped(static_cast<unsigned char>(ch), out);
    } else {
      for (char ch : segment) {
        if (IsPlainNameChar(ch)) out += ch;
        else AppendEscaped(static_cast<unsigned char>(ch), out);
      }
    }
    if (end == name.size()) break;
    start = end + 1;
  }
  return out;
}

fs::path Layout::RunDir(std::string_view run) const { return RunsDir() / ContainedName(run); }

fs::path Layout::LogsDir(std::string_view run) const { return RunDir(run) / "logs"; }

fs::path Layout::LogPath(std::string_view run, std::string_view component) const {
  fs::path path = LogsDir(run) / ContainedName(component);
  path += ".log";
  return path;
}

fs::path Layout::JournalPath(std::string_view run) const { return RunDir(run) / "journal.jsonl"; }

fs::path Layout::SummaryPath(std::string_view run) const { return RunDir(run) / "summary.json"; }

fs::path Layout::LivePath(std::string_view run) const { return RunDir(run) / ".live"; }

fs::path Layout::PlanDir(std::string_view run, std::string_view component) const {
  return PlansDir(run) / ContainedName(component);
}

fs::path Layout::PlanRecordPath(std::string_view run, std::string_view component) const {
  fs::path path = PlansDir(run) / ContainedName(component);
  path += ".gantry.json";
  return path;
}

fs::path Layout::RunWorkspacesDir(std::string_view run) const {
  return WorkspacesDir() / ContainedName(run);
}

fs::path Layout::WorkspaceDir(std::string_view run, std::string_view component) const {
  return RunWorkspacesDir(run) / ContainedName(component);
}

fs::path Layout::StateDir(std::string_view target, std::string_view component) const {
  return StateRootDir() / ContainedName(target) / ContainedName(component);
}

fs::path Layout::OutputsPath(std::string_view target, std::string_view component) const {
  return StateDir(target, component) / kOutputsFileName;
}

fs::path Layout::TargetLockPath(std::string_view target) const {
  fs::path path = LocksDir() / ContainedName(target);
  path += ".lock";
  return path;
}

fs::path Layout::CacheDir(std::string_view plugin) const {
  return CacheRootDir() / ContainedName(plugin);
}

fs::path Layout::DurationsPath(std::string_view target) const {
  fs::path path = root_ / "durations" / ContainedName(target);
  path += ".json";
  return path;
}

absl::Status EnsureDir(const fs::path& dir, mode_t mode) {
  if (dir.empty()) return absl::OkStatus();
  const std::string name = dir.string();
  if (mkdir(name.c_str(), mode) == 0) return absl::OkStatus();
  int err = errno;
  if (err == ENOENT) {
    const fs::path parent = dir.parent_path();
    if (!parent.empty() && parent != dir) {
      if (absl::Status s = EnsureDir(parent, mode); !s.ok()) return s;
      if (mkdir(name.c_str(), mode) == 0) return absl::OkStatus();
      err = errno;
    }
  }
  if (err == EEXIST) {
    struct stat st;
    if (stat(name.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) return absl::OkStatus();
      err = ENOTDIR;
    } else {
      err = errno;  // removed since mkdir saw it: ENOENT, which callers may retry
    }
  }
  // Built without strerror: callers retry this from many threads at once, and TSan
  // reports the uninstrumented system Abseil's strerror cache as a race.
  if (err == ENOENT) {
    return absl::NotFoundError(
        absl::StrCat("cannot create directory '", name, "': removed while being created"));
  }
  return absl::ErrnoToStatus(err, absl::StrCat("cannot create directory '", name, "'"));
}

absl::Status EnsurePrivateDir(const fs::path& dir) {
  const std::string name = dir.string();
  struct stat st;
  if (stat(name.c_str(), &st) != 0) {
    if (errno != ENOENT) {
      return absl::ErrnoToStatus(errno, absl::StrCat("cannot use directory '", name, "'"));
    }
    // Made 0700 from the start (the umask can only take bits away); its parents as usual.
    if (absl::Status made = EnsureDir(dir.parent_path()); !made.ok()) return made;
    return EnsureDir(dir, 0700);
  }
  if (!S_ISDIR(st.st_mode)) {
    return absl::ErrnoToStatus(ENOTDIR, absl::StrCat("cannot create directory '", name, "'"));
  }
  // One made before gantry kept it private, or opened up by hand.
  if ((st.st_mode & 0077) != 0 && chmod(name.c_str(), 0700) != 0) {
    return absl::ErrnoToStatus(errno, absl::StrCat("cannot make ", name, " private"));
  }
  return absl::OkStatus();
}

absl::Status CheckNoNestedComponentNames(const std::vector<std::string>& names) {
  // Sorted, the names starting with a given name form one run right after it, so each
  // name is compared only with those.
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (size_t i = 0; i < sorted.size(); ++i) {
    const std::string& outer = sorted[i];
    for (size_t j = i + 1; j < sorted.size() && sorted[j].compare(0, outer.size(), outer) == 0;
         ++j) {
      if (sorted[j].size() > outer.size() && sorted[j][outer.size()] == '/') {
        return absl::InvalidArgumentError(absl::StrCat(
            "components '", outer, "' and '", sorted[j], "' cannot both exist: '", outer,
            "' would be a directory holding the workspace and state of '", sorted[j], "'"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace gantry::state
