#include "core/graph/git_changes.h"

#include <algorithm>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/exec/cancel_token.h"
#include "core/exec/output_sink.h"
#include "core/exec/posix_process_runner.h"

namespace gantry::graph {
namespace {

namespace fs = std::filesystem;

struct GitResult {
  int exit_code = -1;
  std::string out, err;
};

class CaptureSink : public exec::OutputSink {
 public:
  explicit CaptureSink(GitResult& result) : result_(result) {}
  void OnOutput(int stream, std::string_view chunk) override {
    (stream == 1 ? result_.out : result_.err).append(chunk);
  }

 private:
  GitResult& result_;
};

// `git ARGS...` in `dir`; an error only when git could not be started.
absl::StatusOr<GitResult> Git(const std::string& dir, std::vector<std::string> args) {
  exec::ProcessSpec spec;
  spec.argv = {"git"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.cwd = dir;
  spec.env_overrides = {"LC_ALL=C", "GIT_OPTIONAL_LOCKS=0"};
  spec.timeout = absl::Minutes(2);
  GitResult result;
  CaptureSink sink(result);
  exec::PosixProcessRunner runner;
  exec::CancelToken cancel;
  absl::StatusOr<exec::ProcessExit> exit = runner.Run(spec, sink, cancel);
  if (!exit.ok())
    return absl::InvalidArgumentError(absl::StrCat(
        "git could not be run (", exit.status().message(),
        "); comparing with a revision needs git: install it, or put it on PATH"));
  result.exit_code = exit->ok() ? 0 : (exit->exit_code > 0 ? exit->exit_code : 128);
  return result;
}

std::string Said(const std::string& err) {
  std::string text(absl::StripAsciiWhitespace(err));
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text.empty() ? "no message" : text;
}

// NUL-separated paths relative to `top`, made absolute.
void AddPaths(const std::string& top, const std::string& out, std::vector<std::string>& files) {
  for (absl::string_view path : absl::StrSplit(out, '\0', absl::SkipEmpty()))
    files.push_back((fs::path(top) / std::string(path)).lexically_normal().string());
}

}  // namespace

absl::StatusOr<GitChanges> ChangedSince(const std::string& dir, const std::string& since) {
  if (since.empty() || since.front() == '-')
    return absl::InvalidArgumentError(absl::StrCat(
        "'", since, "' is no revision; give a commit, branch or tag, e.g. HEAD~1 or origin/main"));
  // --show-cdup, not --show-toplevel: the top as `dir` spells it (git resolves symbolic
  // links), so that its paths compare with the deployment's.
  absl::StatusOr<GitResult> top = Git(dir, {"rev-parse", "--show-cdup"});
  if (!top.ok()) return top.status();
  if (top->exit_code != 0)
    return absl::InvalidArgumentError(absl::StrCat(
        "'", dir, "' is not in a git repository (git: ", Said(top->err),
        "); changes since a revision are read from git: run this in a git checkout"));
  GitChanges changes;
  const std::string up(absl::StripTrailingAsciiWhitespace(top->out));
  std::error_code ec;
  std::string top_dir = (fs::absolute(dir, ec) / up).lexically_normal().string();
  if (top_dir.size() > 1 && top_dir.back() == '/') top_dir.pop_back();
  changes.top_dir = top_dir;
  absl::StatusOr<GitResult> known = Git(
      changes.top_dir, {"rev-parse", "--verify", "--quiet", since + "^{commit}"});
  if (!known.ok()) return known.status();
  if (known->exit_code != 0)
    return absl::InvalidArgumentError(absl::StrCat(
        "git knows no revision '", since, "' in ", changes.top_dir,
        "; give a commit, branch or tag, e.g. HEAD~1 or origin/main (a shallow clone may "
        "lack it: fetch more history)"));
  absl::StatusOr<GitResult> diff =
      Git(changes.top_dir, {"diff", "--name-only", "--no-renames", "-z", since, "--"});
  if (!diff.ok()) return diff.status();
  if (diff->exit_code != 0)
    return absl::InvalidArgumentError(absl::StrCat("git diff against '", since,
                                                   "' failed: ", Said(diff->err)));
  absl::StatusOr<GitResult> untracked =
      Git(changes.top_dir, {"ls-files", "--others", "--exclude-standard", "-z"});
  if (!untracked.ok()) return untracked.status();
  if (untracked->exit_code != 0)
    return absl::InvalidArgumentError(absl::StrCat("git ls-files failed in ", changes.top_dir,
                                                   ": ", Said(untracked->err)));
  AddPaths(changes.top_dir, diff->out, changes.files);
  AddPaths(changes.top_dir, untracked->out, changes.files);
  std::sort(changes.files.begin(), changes.files.end());
  changes.files.erase(std::unique(changes.files.begin(), changes.files.end()), changes.files.end());
  return changes;
}

absl::StatusOr<std::string> FileAtRevision(const std::string& top_dir, const std::string& since,
                                           const std::string& path) {
  const std::string relative = fs::path(path).lexically_relative(top_dir).string();
  if (relative.empty() || relative.rfind("..", 0) == 0)
    return absl::NotFoundError(absl::StrCat(path, " is outside the repository ", top_dir));
  absl::StatusOr<GitResult> shown =
      Git(top_dir, {"cat-file", "blob", since + ":" + relative});
  if (!shown.ok()) return shown.status();
  if (shown->exit_code != 0)
    return absl::NotFoundError(absl::StrCat("not in ", since, " (git: ", Said(shown->err), ")"));
  return std::move(shown->out);
}

}  // namespace gantry::graph
