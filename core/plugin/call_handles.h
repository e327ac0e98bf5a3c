// The ABI's gantry_call handles: one per hook call. A plugin may keep a handle past its
// hook (a thread it leaked, a pointer it cached); a host call through it must then be
// refused, never routed to a context that is gone, nor to another component's call.
#ifndef GANTRY_CORE_PLUGIN_CALL_HANDLES_H_
#define GANTRY_CORE_PLUGIN_CALL_HANDLES_H_

#include <cstdint>

#include "core/plugin/call_context.h"
#include "gantry/host.h"

namespace gantry::plugin {

struct CallSlot;  // call_handles.cc

/// An open handle for one hook call; closed when destroyed, which waits for the host
/// calls in flight through it (from any thread) to return. A handle is a slot number and
/// the slot's generation, not a pointer: a slot reused by a later call has another
/// generation, so a stale handle matches nothing.
class OpenCall {
 public:
  explicit OpenCall(CallContext* context);
  ~OpenCall();
  OpenCall(const OpenCall&) = delete;
  OpenCall& operator=(const OpenCall&) = delete;

  gantry_call* get() const { return handle_; }

 private:
  gantry_call* handle_;
  CallSlot* slot_;  // the slot itself, so that closing skips the lookup
};

/// A host call in progress through `handle`: context() is the hook's context while the
/// handle is open, or null (a NULL, stale or made-up handle); the handle's closing waits
/// until this is destroyed.
class CallUse {
 public:
  explicit CallUse(gantry_call* handle);
  ~CallUse();
  CallUse(const CallUse&) = delete;
  CallUse& operator=(const CallUse&) = delete;

  CallContext* context() const { return context_; }

 private:
  CallContext* context_ = nullptr;
  CallSlot* slot_ = nullptr;  // its slot, when context_ is set
};

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_CALL_HANDLES_H_
