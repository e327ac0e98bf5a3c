#include "core/plugin/call_handles.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <utility>
#include <vector>

namespace gantry::plugin {

// std::mutex, not absl::Mutex: ThreadSanitizer sees through pthreads, not through the
// uninstrumented Abseil of the distribution.
struct CallSlot {
  std::mutex mu;
  std::condition_variable idle;  // in_flight dropped to 0
  CallContext* context = nullptr;
  uint32_t generation = 0;
  int in_flight = 0;
};

namespace {

// A handle's value: (slot + 1) << 32 | generation. Never 0, never dereferenced.
constexpr int kSlotShift = 32;

// Slots live as long as the process (a deque keeps their addresses); a closed one is
// reused with the next generation.
class Slots {
 public:
  static Slots& Get() {
    static Slots* slots = new Slots;  // never destroyed: a leaked thread may still call
    return *slots;
  }

  // A free slot and its number.
  std::pair<CallSlot*, uint32_t> Take() {
    std::lock_guard lock(mu_);
    if (!free_.empty()) {
      const uint32_t index = free_.back();
      free_.pop_back();
      return {&slots_[index], index};
    }
    slots_.emplace_back();
    return {&slots_.back(), static_cast<uint32_t>(slots_.size() - 1)};
  }

  void Give(uint32_t index) {
    std::lock_guard lock(mu_);
    free_.push_back(index);
  }

  // The slot `index`, or null when there is none.
  CallSlot* Find(uint64_t index) {
    std::lock_guard lock(mu_);
    return index < slots_.size() ? &slots_[index] : nullptr;
  }

 private:
  std::mutex mu_;
  std::deque<CallSlot> slots_;  // guarded by mu_
  std::vector<uint32_t> free_;
};

uint64_t ValueOf(const gantry_call* handle) { return reinterpret_cast<uintptr_t>(handle); }

}  // namespace

OpenCall::OpenCall(CallContext* context) {
  const auto [slot, index] = Slots::Get().Take();
  slot_ = slot;
  std::lock_guard lock(slot_->mu);
  slot_->context = context;
  ++slot_->generation;
  handle_ = reinterpret_cast<gantry_call*>(
      static_cast<uintptr_t>((uint64_t{index} + 1) << kSlotShift | slot_->generation));
}

OpenCall::~OpenCall() {
  const uint32_t index = static_cast<uint32_t>((ValueOf(handle_) >> kSlotShift) - 1);
  CallSlot& slot = *slot_;
  {
    std::unique_lock lock(slot.mu);
    slot.context = nullptr;  // from here on, calls through the handle are refused
    slot.idle.wait(lock, [&slot] { return slot.in_flight == 0; });
  }
  Slots::Get().Give(index);
}

CallUse::CallUse(gantry_call* handle) {
  const uint64_t value = ValueOf(handle);
  if ((value >> kSlotShift) == 0) return;
  CallSlot* slot = Slots::Get().Find((value >> kSlotShift) - 1);
  if (slot == nullptr) return;
  slot_ = slot;
  std::lock_guard lock(slot->mu);
  if (slot->context == nullptr || slot->generation != static_cast<uint32_t>(value)) return;
  context_ = slot->context;
  ++slot->in_flight;
}

CallUse::~CallUse() {
  if (context_ == nullptr) return;
  CallSlot& slot = *slot_;
  std::lock_guard lock(slot.mu);
  if (--slot.in_flight == 0) slot.idle.notify_all();
}

}  // namespace gantry::plugin
