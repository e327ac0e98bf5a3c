#include "core/state/workspace_remover.h"

#include <unistd.h>

#include <cerrno>

#include "absl/strings/str_cat.h"
#include "core/state/workspace.h"

namespace gantry::state {

WorkspaceRemover::WorkspaceRemover(const Layout& layout, std::string run)
    : layout_(layout),
      run_(std::move(run)),
      // A gather window, as for the journal's syncs: one wake-up per batch of finished
      // components, not one each, so the removals rarely run while a component starts.
      worker_([this](std::vector<std::string> components) { RemoveBatch(std::move(components)); },
              std::chrono::milliseconds(20)) {}

WorkspaceRemover::~WorkspaceRemover() {
  worker_.Drain();
  RemoveSpares();
}

std::optional<std::filesystem::path> WorkspaceRemover::TakeSpare() {
  std::lock_guard<std::mutex> lock(mu_);
  if (spares_.empty()) return std::nullopt;
  std::filesystem::path spare = std::move(spares_.back());
  spares_.pop_back();
  return spare;
}

std::vector<WorkspaceRemover::Failure> WorkspaceRemover::Drain() {
  worker_.Drain();
  RemoveSpares();
  std::lock_guard<std::mutex> lock(mu_);
  return std::exchange(failures_, {});
}

void WorkspaceRemover::RemoveBatch(std::vector<std::string> components) {
  std::vector<Failure> failed;
  for (std::string& component : components) {
    size_t spares;
    {
      std::lock_guard<std::mutex> lock(mu_);
      spares = spares_.size();
    }
    if (spares >= kMaxSpares) {
      if (absl::Status s = RemoveWorkspace(layout_, run_, component); !s.ok())
        failed.emplace_back(std::move(component), std::move(s));
      continue;
    }
    // '@' cannot be in a component name: a spare never takes a component's place.
    std::filesystem::path spare =
        layout_.RunWorkspacesDir(run_) / absl::StrCat("@spare-", ++named_);
    absl::StatusOr<bool> kept = RecycleWorkspace(layout_, run_, component, spare);
    if (!kept.ok()) {
      failed.emplace_back(std::move(component), kept.status());
    } else if (*kept) {
      std::lock_guard<std::mutex> lock(mu_);
      spares_.push_back(std::move(spare));
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (Failure& f : failed) failures_.push_back(std::move(f));
}

void WorkspaceRemover::RemoveSpares() {
  std::lock_guard<std::mutex> lock(mu_);
  for (const std::filesystem::path& spare : spares_) {
    if (rmdir(spare.c_str()) != 0 && errno != ENOENT) {
      failures_.emplace_back(spare.filename().string(),
                             absl::ErrnoToStatus(errno, absl::StrCat("cannot remove directory '",
                                                                     spare.string(), "'")));
    }
  }
  spares_.clear();
}

}  // namespace gantry::state
