#include "core/state/workspace_remover.h"

#include "core/state/workspace.h"

namespace gantry::state {

WorkspaceRemover::WorkspaceRemover(const Layout& layout, std::string run)
    : layout_(layout),
      run_(std::move(run)),
      worker_([this](std::vector<std::string> components) { RemoveBatch(std::move(components)); }) {}

std::vector<WorkspaceRemover::Failure> WorkspaceRemover::Drain() {
  worker_.Drain();
  std::lock_guard<std::mutex> lock(mu_);
  return std::exchange(failures_, {});
}

void WorkspaceRemover::RemoveBatch(std::vector<std::string> components) {
  std::vector<Failure> failed;
  for (std::string& component : components) {
    if (absl::Status s = RemoveWorkspace(layout_, run_, component); !s.ok())
      failed.emplace_back(std::move(component), std::move(s));
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (Failure& f : failed) failures_.push_back(std::move(f));
}

}  // namespace gantry::state
