#include "core/state/workspace_remover.h"

#include "core/state/workspace.h"

namespace gantry::state {

WorkspaceRemover::WorkspaceRemover(const Layout& layout, std::string run)
    : layout_(layout), run_(std::move(run)), thread_([this] { Loop(); }) {}

WorkspaceRemover::~WorkspaceRemover() {
  Drain();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_.notify_one();
  thread_.join();
}

void WorkspaceRemover::Remove(std::string component) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(component));
    ++queued_;
  }
  work_.notify_one();
}

std::vector<WorkspaceRemover::Failure> WorkspaceRemover::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t target = queued_;
  done_.wait(lock, [&] { return removed_ >= target; });
  return std::exchange(failures_, {});
}

void WorkspaceRemover::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    std::vector<std::string> batch = std::exchange(queue_, {});
    lock.unlock();
    std::vector<Failure> failed;
    for (std::string& component : batch) {
      if (absl::Status s = RemoveWorkspace(layout_, run_, component); !s.ok())
        failed.emplace_back(std::move(component), std::move(s));
    }
    lock.lock();
    for (Failure& f : failed) failures_.push_back(std::move(f));
    removed_ += batch.size();
    done_.notify_all();
  }
}

}  // namespace gantry::state
