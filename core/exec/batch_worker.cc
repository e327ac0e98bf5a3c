#include "core/exec/batch_worker.h"

#include <utility>

namespace gantry::exec {

BatchWorker::BatchWorker(Handler handle, std::chrono::milliseconds gather_window)
    : handle_(std::move(handle)), gather_window_(gather_window), thread_([this] { Loop(); }) {}

BatchWorker::~BatchWorker() {
  Drain();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_.notify_one();
  thread_.join();
}

void BatchWorker::Push(std::string item) {
  bool first;
  {
    std::lock_guard<std::mutex> lock(mu_);
    first = queue_.empty();
    queue_.push_back(std::move(item));
    ++queued_;
  }
  // Only the first item of a batch needs the thread: it is then gathering or busy, and
  // checks the queue before it sleeps again. Waking it for every item would cost the
  // pusher (a caller on a component's path) a futex call and the CPUs a context switch.
  if (first) work_.notify_one();
}

void BatchWorker::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t target = queued_;
  ++draining_;
  work_.notify_one();  // no gathering while someone waits
  done_.wait(lock, [&] { return handled_ >= target; });
  --draining_;
}

void BatchWorker::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    if (gather_window_ > std::chrono::milliseconds(0)) {
      work_.wait_for(lock, gather_window_, [&] { return stopping_ || draining_ > 0; });
    }
    std::vector<std::string> batch = std::exchange(queue_, {});
    const uint64_t upto = queued_;
    lock.unlock();
    handle_(std::move(batch));
    lock.lock();
    handled_ = upto;
    done_.notify_all();
  }
}

}  // namespace gantry::exec
