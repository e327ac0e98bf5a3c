// The plugin host's end of its socket to gantry: sends frames from any thread, and lets a
// thread wait for the answer to its own request while the main thread reads every frame.
#ifndef GANTRY_CORE_PLUGIN_HOST_GANTRY_LINK_H_
#define GANTRY_CORE_PLUGIN_HOST_GANTRY_LINK_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "core/plugin/wire.h"

namespace gantry::plugin_host {

class GantryLink {
 public:
  explicit GantryLink(int fd) : fd_(fd) {}

  /// A new request id (never 0, which marks a request nobody answers).
  uint64_t NextId() { return next_id_.fetch_add(1) + 1; }
  /// Sends one frame. A failure means gantry is gone; the main thread notices the end
  /// of the stream and ends the process, so callers need not check.
  void Send(const plugin::wire::Writer& frame);
  /// Sends `request` (built with id `id`) and waits for its kReply, handing each frame
  /// that arrives for the id before it (kOutput) to `on_other`. Returns the reply's
  /// payload, positioned after its kind and id.
  std::string Ask(uint64_t id, const plugin::wire::Writer& request,
                  const std::function<void(const std::string&)>& on_other = nullptr);
  /// From the main thread: a frame for request `id` arrived. False when no thread waits
  /// for it (a late answer to a request that is gone).
  bool Deliver(uint64_t id, std::string frame);

 private:
  struct Waiter {
    std::deque<std::string> frames;
    std::condition_variable arrived;
  };

  int fd_;
  std::atomic<uint64_t> next_id_{0};
  std::mutex send_mutex_;
  std::mutex waiters_mutex_;
  std::map<uint64_t, Waiter*> waiters_;
};

}  // namespace gantry::plugin_host

#endif  // GANTRY_CORE_PLUGIN_HOST_GANTRY_LINK_H_
