// The messages between gantry and a plugin host process (gantry-plugin-host), on top of
// wire.h's frames. Every frame starts with its Kind and an id:
//
//   host -> gantry  kHello      0, PluginInfo            the plugin loaded; serves hooks now
//                   kLoadFailed 0, message               it did not load (the loader's words)
//                   kHookDone   hook id, status          a hook returned
//                   kRequest    request id, hook id, Method, arguments: a host call
//   gantry -> host  kHook       hook id, Hook, ComponentData, argument
//                   kReply      request id, result       the answer to a kRequest
//                   kOutput     request id, stream, bytes: a spawned child's output for
//                               the on_output of the kSpawn request with that id
//
// A host call with nothing to answer (write, log, report_error, report_diagnostic) gets no
// kReply: it cannot fail once the plugin host's own host table accepted it, and frames keep
// their order, so it still lands before the hook's kHookDone.
#ifndef GANTRY_CORE_PLUGIN_HOST_PROTOCOL_H_
#define GANTRY_CORE_PLUGIN_HOST_PROTOCOL_H_

#include <cstdint>

#include "core/plugin/call_context.h"
#include "core/plugin/component_view.h"
#include "core/plugin/plugin_info.h"
#include "core/plugin/wire.h"

namespace gantry::plugin::protocol {

enum class Kind : uint8_t {
  kHello = 1,
  kLoadFailed,
  kHookDone,
  kRequest,
  kHook,
  kReply,
  kOutput,
};

/// The CallContext member a kRequest calls.
enum class Method : uint8_t {
  kWrite = 1,
  kSpawn,
  kIsCancelled,
  kSetOutput,
  kReportError,
  kAddDependency,
  kLog,
  kDeclareOutput,
  kReportChanges,
  kProvideKey,
  kNeedKey,
  kProposeComponent,
  kReportDiagnostic,
  kReportBusy,
  kReportFile,
};

/// Whether the caller waits for a kReply.
inline bool Answered(Method method) {
  return method != Method::kWrite && method != Method::kLog &&
         method != Method::kReportError && method != Method::kReportDiagnostic;
}

/// A frame's kind and id, written first.
inline wire::Writer Start(Kind kind, uint64_t id) {
  wire::Writer w;
  w.U8(static_cast<uint8_t>(kind)).U64(id);
  return w;
}

void Put(wire::Writer& w, const PluginInfo& info);
void Get(wire::Reader& r, PluginInfo& info);
void Put(wire::Writer& w, const ComponentData& component);
void Get(wire::Reader& r, ComponentData& component);
void Put(wire::Writer& w, const SpawnRequest& request);
void Get(wire::Reader& r, SpawnRequest& request);
void Put(wire::Writer& w, const SpawnOutcome& outcome);
void Get(wire::Reader& r, SpawnOutcome& outcome);
void Put(wire::Writer& w, const ChangeSummary& changes);
void Get(wire::Reader& r, ChangeSummary& changes);
void Put(wire::Writer& w, const ComponentProposal& proposal);
void Get(wire::Reader& r, ComponentProposal& proposal);

}  // namespace gantry::plugin::protocol

#endif  // GANTRY_CORE_PLUGIN_HOST_PROTOCOL_H_
