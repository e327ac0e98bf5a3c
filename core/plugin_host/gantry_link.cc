#include "core/plugin_host/gantry_link.h"

#include <utility>

#include "core/plugin/host_protocol.h"

namespace gantry::plugin_host {

namespace protocol = plugin::protocol;

void GantryLink::Send(const plugin::wire::Writer& frame) {
  const std::lock_guard<std::mutex> lock(send_mutex_);
  (void)plugin::wire::SendFrame(fd_, frame.bytes());
}

std::string GantryLink::Ask(uint64_t id, const plugin::wire::Writer& request,
                            const std::function<void(const std::string&)>& on_other) {
  Waiter waiter;
  {
    const std::lock_guard<std::mutex> lock(waiters_mutex_);
    waiters_[id] = &waiter;
  }
  Send(request);
  std::unique_lock<std::mutex> lock(waiters_mutex_);
  for (;;) {
    waiter.arrived.wait(lock, [&] { return !waiter.frames.empty(); });
    std::string frame = std::move(waiter.frames.front());
    waiter.frames.pop_front();
    if (static_cast<protocol::Kind>(frame[0]) == protocol::Kind::kReply) {
      waiters_.erase(id);
      return frame.substr(1 + sizeof(uint64_t));
    }
    if (on_other) {
      lock.unlock();  // the plugin's callback may call the host again
      on_other(frame);
      lock.lock();
    }
  }
}

bool GantryLink::Deliver(uint64_t id, std::string frame) {
  const std::lock_guard<std::mutex> lock(waiters_mutex_);
  auto it = waiters_.find(id);
  if (it == waiters_.end()) return false;
  it->second->frames.push_back(std::move(frame));
  it->second->arrived.notify_one();
  return true;
}

}  // namespace gantry::plugin_host
