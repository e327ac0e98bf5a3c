// One background thread that works through queued items in batches.
#ifndef GANTRY_CORE_EXEC_BATCH_WORKER_H_
#define GANTRY_CORE_EXEC_BATCH_WORKER_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gantry::exec {

/// Hands queued items to `handle` on a thread of its own: everything queued by the time
/// the thread gets to it, as one batch in queue order. With a gather window the thread
/// first waits up to that long for more items (group commit), unless a Drain waits or
/// the worker is being destroyed. Thread-safe; `handle` runs on the worker's thread only,
/// one batch at a time, so it needs no lock of its own for state only it touches.
///
/// An owner whose handler uses the owner's members declares the worker last, so that
/// the worker (draining and joining) goes first.
class BatchWorker {
 public:
  using Handler = std::function<void(std::vector<std::string> batch)>;

  explicit BatchWorker(Handler handle,
                       std::chrono::milliseconds gather_window = std::chrono::milliseconds(0));
  /// Drain(), then stops the thread.
  ~BatchWorker();
  BatchWorker(const BatchWorker&) = delete;
  BatchWorker& operator=(const BatchWorker&) = delete;

  /// Queues `item`.
  void Push(std::string item);
  /// Waits until every item queued before this call has been handled.
  void Drain();

 private:
  void Loop();

  const Handler handle_;
  const std::chrono::milliseconds gather_window_;
  std::mutex mu_;
  std::condition_variable work_, done_;
  std::vector<std::string> queue_;
  uint64_t queued_ = 0;   // items queued so far
  uint64_t handled_ = 0;  // items whose batch has been handled
  int draining_ = 0;      // Drain calls waiting
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_BATCH_WORKER_H_
