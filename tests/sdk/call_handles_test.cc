// A call handle routes host calls to its hook's context only while the hook runs: a
// handle kept past it (a plugin's leaked thread) is refused, also once its slot serves
// another call, and a hook's end waits for the host calls in flight through its handle.
#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

#include "core/plugin/call_handles.h"
#include "core/plugin/host_api.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sdk/recording_call_context.h"

namespace gantry::plugin {
namespace {

TEST(CallHandlesTest, AnOpenHandleRoutesToItsContext) {
  RecordingCallContext context;
  const OpenCall call(&context);
  const CallUse use(call.get());
  EXPECT_EQ(use.context(), &context);
}

TEST(CallHandlesTest, AClosedHandleIsRefusedEvenOnceItsSlotServesAnotherCall) {
  RecordingCallContext first, second;
  std::optional<OpenCall> call(std::in_place, &first);
  gantry_call* const stale = call->get();
  call.reset();
  EXPECT_EQ(CallUse(stale).context(), nullptr);
  const OpenCall next(&second);  // takes the slot just freed
  EXPECT_NE(next.get(), stale);
  EXPECT_EQ(CallUse(stale).context(), nullptr);
  EXPECT_EQ(CallUse(next.get()).context(), &second);
  EXPECT_EQ(HostApi()->set_output(stale, "k", "v", 0), GANTRY_STATUS_FAILED);
  EXPECT_TRUE(second.outputs().empty()) << "the stale call reached the next one";
}

TEST(CallHandlesTest, NullAndMadeUpHandlesAreRefused) {
  EXPECT_EQ(CallUse(nullptr).context(), nullptr);
  EXPECT_EQ(CallUse(reinterpret_cast<gantry_call*>(uintptr_t{0x1234})).context(), nullptr);
  EXPECT_EQ(CallUse(reinterpret_cast<gantry_call*>(~uintptr_t{0})).context(), nullptr);
}

TEST(CallHandlesTest, AHooksEndWaitsForTheHostCallsInFlight) {
  RecordingCallContext context;
  std::optional<OpenCall> call(std::in_place, &context);
  std::atomic<bool> entered{false}, release{false}, closed{false};
  std::thread late([&, handle = call->get()] {
    const CallUse use(handle);
    entered = true;
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_FALSE(closed) << "the handle closed while a call through it was running";
  });
  while (!entered) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread closer([&] {
    call.reset();
    closed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(closed);
  release = true;
  late.join();
  closer.join();
  EXPECT_TRUE(closed);
}

}  // namespace
}  // namespace gantry::plugin
