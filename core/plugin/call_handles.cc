#include "core/plugin/call_handles.h"

#include <cstdint>
#include <deque>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace gantry::plugin {
namespace {

// A handle's value: (slot + 1) << 32 | generation. Never 0, never dereferenced.
constexpr int kSlotShift = 32;

struct Slot {
  absl::Mutex mu;
  CallContext* context ABSL_GUARDED_BY(mu) = nullptr;
  uint32_t generation ABSL_GUARDED_BY(mu) = 0;
  int in_flight ABSL_GUARDED_BY(mu) = 0;
};

// Slots live as long as the process (a deque keeps their addresses); a closed one is
// reused with the next generation.
class Slots {
 public:
  static Slots& Get() {
    static Slots* slots = new Slots;  // never destroyed: a leaked thread may still call
    return *slots;
  }

  uint32_t Take() {
    absl::MutexLock lock(&mu_);
    if (!free_.empty()) {
      const uint32_t index = free_.back();
      free_.pop_back();
      return index;
    }
    slots_.emplace_back();
    return static_cast<uint32_t>(slots_.size() - 1);
  }

  void Give(uint32_t index) {
    absl::MutexLock lock(&mu_);
    free_.push_back(index);
  }

  // The slot `index`, or null when there is none.
  Slot* Find(uint64_t index) {
    absl::MutexLock lock(&mu_);
    return index < slots_.size() ? &slots_[index] : nullptr;
  }

 private:
  absl::Mutex mu_;
  std::deque<Slot> slots_ ABSL_GUARDED_BY(mu_);
  std::vector<uint32_t> free_ ABSL_GUARDED_BY(mu_);
};

uint64_t ValueOf(const gantry_call* handle) { return reinterpret_cast<uintptr_t>(handle); }

}  // namespace

OpenCall::OpenCall(CallContext* context) {
  Slots& slots = Slots::Get();
  const uint32_t index = slots.Take();
  Slot& slot = *slots.Find(index);
  absl::MutexLock lock(&slot.mu);
  slot.context = context;
  ++slot.generation;
  handle_ = reinterpret_cast<gantry_call*>(
      static_cast<uintptr_t>((uint64_t{index} + 1) << kSlotShift | slot.generation));
}

OpenCall::~OpenCall() {
  const uint32_t index = static_cast<uint32_t>((ValueOf(handle_) >> kSlotShift) - 1);
  Slot& slot = *Slots::Get().Find(index);
  {
    absl::MutexLock lock(&slot.mu);
    slot.context = nullptr;  // from here on, calls through the handle are refused
    slot.mu.Await(absl::Condition(
        +[](int* in_flight) { return *in_flight == 0; }, &slot.in_flight));
  }
  Slots::Get().Give(index);
}

CallUse::CallUse(gantry_call* handle) {
  const uint64_t value = ValueOf(handle);
  if ((value >> kSlotShift) == 0) return;
  slot_ = static_cast<uint32_t>((value >> kSlotShift) - 1);
  Slot* slot = Slots::Get().Find(slot_);
  if (slot == nullptr) return;
  absl::MutexLock lock(&slot->mu);
  if (slot->context == nullptr || slot->generation != static_cast<uint32_t>(value)) return;
  context_ = slot->context;
  ++slot->in_flight;
}

CallUse::~CallUse() {
  if (context_ == nullptr) return;
  Slot& slot = *Slots::Get().Find(slot_);
  absl::MutexLock lock(&slot.mu);
  --slot.in_flight;
}

}  // namespace gantry::plugin
