#include "core/run/record_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/record/html_report.h"
#include "core/state/layout.h"

namespace gantry::run {
namespace {

namespace fs = std::filesystem;

// Enough of a file to see how it begins: the tokens LooksLikeRecord matches are short.
constexpr size_t kHeadBytes = 512;

struct RecordFlag {
  const char* flag;
  RecordKind kind;
  const std::string* path;
};

const char* KindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kSummary: return "a gantry summary";
    case RecordKind::kEvents: return "a gantry events file";
    case RecordKind::kTrace: return "a gantry trace";
    case RecordKind::kHtmlReport: return "a gantry run report";
  }
  return "a gantry record";
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Whether `text` starts with `pieces`, each after optional whitespace; the piece "#"
// stands for a whole number.
bool StartsWithTokens(std::string_view text, std::initializer_list<std::string_view> pieces) {
  size_t at = 0;
  for (std::string_view piece : pieces) {
    while (at < text.size() && IsJsonSpace(text[at])) ++at;
    if (piece == "#") {
      const size_t start = at;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
      if (at == start) return false;
    } else {
      if (text.substr(at, piece.size()) != piece) return false;
      at += piece.size();
    }
  }
  return true;
}

// The first bytes of `path`, which the caller has seen is a regular file; empty when it
// cannot be read.
std::string ReadHead(const std::string& path) {
  std::string head(kHeadBytes, '\0');
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return {};
  ssize_t got;
  do {
    got = ::read(fd, head.data(), head.size());
  } while (got < 0 && errno == EINTR);
  ::close(fd);
  head.resize(got > 0 ? static_cast<size_t>(got) : 0);
  return head;
}

bool SameFile(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// Whether `path` is `dir` or below it, both resolved (symlinks, "..") as far as they exist.
bool IsInside(const fs::path& path, const fs::path& dir) {
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) return false;
  const fs::path root = fs::weakly_canonical(dir, ec);
  if (ec) return false;
  const fs::path relative = resolved.lexically_relative(root);
  return !relative.empty() && *relative.begin() != "..";
}

absl::Status Refuse(const RecordFlag& record, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(record.flag, ": '", *record.path, "' ", why));
}

// The checks of the directory a new file would be created in.
absl::Status CheckDirectory(const RecordFlag& record) {
  fs::path dir = fs::path(*record.path).parent_path();
  if (dir.empty()) dir = ".";
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR) {
      return Refuse(record, absl::StrCat("cannot be created: directory '", dir.string(),
                                         "' does not exist; create it first"));
    }
    return Refuse(record, absl::StrCat("cannot be created in '", dir.string(),
                                       "': ", std::strerror(err)));
  }
  if (!S_ISDIR(st.st_mode))
    return Refuse(record, absl::StrCat("cannot be created: '", dir.string(), "' is not a directory"));
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return Refuse(record, absl::StrCat("cannot be written: no permission to write in '",
                                       dir.string(), "'"));
  }
  return absl::OkStatus();
}

absl::Status CheckOne(const RecordFlag& record, const std::vector<RecordFlag>& earlier,
                      const config::Deployment& deployment) {
  const std::string& path = *record.path;
  const fs::path gantry_dir = state::Layout::ForDeployment(deployment.root_dir).root();
  if (IsInside(path, gantry_dir)) {
    return Refuse(record, absl::StrCat("is inside ", gantry_dir.string(),
                                       ", which holds gantry's own files (each run keeps its "
                                       "journal and summary.json there); name a file outside it"));
  }
  std::error_code ec;
  for (const RecordFlag& other : earlier) {
    if (fs::absolute(path, ec).lexically_normal() ==
        fs::absolute(*other.path, ec).lexically_normal())
      return Refuse(record, absl::StrCat("is also the file of ", other.flag, "; give each its own file"));
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT) return CheckDirectory(record);  // a new file (or a dangling link)
    if (err == ENOTDIR) {
      return Refuse(record, absl::StrCat("cannot be created: a part of its directory is not "
                                         "a directory"));
    }
    return Refuse(record, absl::StrCat("cannot be used: ", std::strerror(err)));
  }
  if (S_ISDIR(st.st_mode)) return Refuse(record, "is a directory; name a file");
  for (const std::string& file : deployment.files) {
    struct stat config;
    if (::stat(file.c_str(), &config) == 0 && SameFile(st, config)) {
      const bool main = file == deployment.file;
      const bool named = fs::absolute(path, ec).lexically_normal() == fs::path(file);
      return Refuse(record, absl::StrCat(
          "is ", main ? "the deployment file" : "a file the deployment includes",
          named ? "" : absl::StrCat(" ", file, " (through a link)"),
          "; it would be replaced. Name another file"));
    }
  }
  for (const RecordFlag& other : earlier) {
    struct stat seen;
    if (::stat(other.path->c_str(), &seen) == 0 && SameFile(st, seen))
      return Refuse(record, absl::StrCat("is also the file of ", other.flag, "; give each its own file"));
  }
  const bool replaced = record.kind != RecordKind::kEvents;
  if (!S_ISREG(st.st_mode)) {
    // A FIFO or a terminal is written to, never replaced: fine for events.
    if (replaced) {
      return Refuse(record, absl::StrCat("is not a regular file, and ", record.flag,
                                         " replaces its file whole; name a regular file"));
    }
  } else if (st.st_size > 0 && !LooksLikeRecord(record.kind, ReadHead(path))) {
    return Refuse(record, absl::StrCat("exists and is not ", KindName(record.kind), "; ",
                                       replaced ? "it would be replaced" : "it would be emptied",
                                       ". Remove it or name another file"));
  }
  if (replaced) return CheckDirectory(record);  // replaced by a rename in its directory
  if (::access(path.c_str(), W_OK) != 0)
    return Refuse(record, absl::StrCat("cannot be written: ", std::strerror(errno)));
  return absl::OkStatus();
}

}  // namespace

bool LooksLikeRecord(RecordKind kind, std::string_view head) {
  switch (kind) {
    case RecordKind::kSummary:
      return StartsWithTokens(head, {"{", "\"schema\"", ":", "#", ",", "\"run_id\""});
    case RecordKind::kEvents:
      return StartsWithTokens(head, {"{", "\"schema\"", ":", "#", ",", "\"event\""});
    case RecordKind::kTrace:
      return StartsWithTokens(head, {"{", "\"displayTimeUnit\"", ":", "\"ms\"", ",",
                                     "\"traceEvents\"", ":", "[", "{", "\"args\"", ":", "{",
                                     "\"name\"", ":", "\"gantry "});
    case RecordKind::kHtmlReport:
      return head.starts_with(record::kHtmlReportHead);
  }
  return false;
}

absl::Status CheckRecordFiles(const RunOptions& options, const config::Deployment& deployment) {
  const RecordFlag flags[] = {{"--summary", RecordKind::kSummary, &options.summary_file},
                              {"--events", RecordKind::kEvents, &options.events_file},
                              {"--trace", RecordKind::kTrace, &options.trace_file}};
  std::vector<RecordFlag> checked;
  for (const RecordFlag& record : flags) {
    if (record.path->empty()) continue;
    if (absl::Status status = CheckOne(record, checked, deployment); !status.ok()) return status;
    checked.push_back(record);
  }
  return absl::OkStatus();
}

absl::Status CheckRecordFile(const char* flag, RecordKind kind, const std::string& path,
                             const config::Deployment& deployment) {
  return CheckOne({flag, kind, &path}, {}, deployment);
}

}  // namespace gantry::run
