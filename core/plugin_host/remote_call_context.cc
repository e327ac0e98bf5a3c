#include "core/plugin_host/remote_call_context.h"

#include <utility>

namespace gantry::plugin_host {

using plugin::protocol::Kind;
using plugin::protocol::Method;
using plugin::wire::Reader;
using plugin::wire::Writer;

Writer RemoteCallContext::Request(Method method, uint64_t id) const {
  Writer w = plugin::protocol::Start(Kind::kRequest, id);
  w.U64(hook_id_).U8(static_cast<uint8_t>(method));
  return w;
}

template <class Fill>
std::string RemoteCallContext::AskRefusal(Method method, Fill fill) {
  const uint64_t id = link_.NextId();
  Writer w = Request(method, id);
  fill(w);
  const std::string reply = link_.Ask(id, w);
  Reader r(reply);
  return r.Str();
}

void RemoteCallContext::Write(int32_t stream, std::string_view data) {
  Writer w = Request(Method::kWrite, 0);
  w.I32(stream).Str(data);
  link_.Send(w);
}

plugin::SpawnOutcome RemoteCallContext::Spawn(const plugin::SpawnRequest& request,
                                              plugin::SpawnOutputFn on_output, void* user_data) {
  const uint64_t id = link_.NextId();
  Writer w = Request(Method::kSpawn, id);
  plugin::protocol::Put(w, request);
  w.Bool(on_output != nullptr);
  // The child's output the plugin asked for comes as kOutput frames while it runs, and
  // reaches on_output on this thread, as the hook expects.
  const std::string reply = link_.Ask(id, w, [&](const std::string& frame) {
    Reader r(std::string_view(frame).substr(1 + sizeof(uint64_t)));
    const int32_t stream = r.I32();
    const std::string data = r.Str();
    if (on_output != nullptr && r.ok()) on_output(user_data, stream, data.data(), data.size());
  });
  Reader r(reply);
  plugin::SpawnOutcome outcome;
  plugin::protocol::Get(r, outcome);
  return outcome;
}

bool RemoteCallContext::IsCancelled() {
  const uint64_t id = link_.NextId();
  const std::string reply = link_.Ask(id, Request(Method::kIsCancelled, id));
  Reader r(reply);
  return r.Bool();
}

std::string RemoteCallContext::SetOutput(std::string key, std::string value, uint32_t flags) {
  return AskRefusal(Method::kSetOutput, [&](Writer& w) { w.Str(key).Str(value).U32(flags); });
}

void RemoteCallContext::ReportError(std::string message) {
  Writer w = Request(Method::kReportError, 0);
  w.Str(message);
  link_.Send(w);
}

std::string RemoteCallContext::AddDependency(std::string component, std::string reason) {
  return AskRefusal(Method::kAddDependency, [&](Writer& w) { w.Str(component).Str(reason); });
}

void RemoteCallContext::Log(int32_t level, std::string_view message) {
  Writer w = Request(Method::kLog, 0);
  w.I32(level).Str(message);
  link_.Send(w);
}

std::string RemoteCallContext::DeclareOutput(std::string name, uint32_t flags,
                                             std::string description) {
  return AskRefusal(Method::kDeclareOutput,
                    [&](Writer& w) { w.Str(name).U32(flags).Str(description); });
}

std::string RemoteCallContext::ReportChanges(const plugin::ChangeSummary& changes) {
  return AskRefusal(Method::kReportChanges,
                    [&](Writer& w) { plugin::protocol::Put(w, changes); });
}

std::string RemoteCallContext::ProvideKey(std::string key) {
  return AskRefusal(Method::kProvideKey, [&](Writer& w) { w.Str(key); });
}

std::string RemoteCallContext::NeedKey(std::string key, std::string reason) {
  return AskRefusal(Method::kNeedKey, [&](Writer& w) { w.Str(key).Str(reason); });
}

std::string RemoteCallContext::ReportBusy(std::string resource, std::string reason) {
  return AskRefusal(Method::kReportBusy, [&](Writer& w) { w.Str(resource).Str(reason); });
}

std::string RemoteCallContext::ReportFile(std::string path, std::string reason) {
  return AskRefusal(Method::kReportFile, [&](Writer& w) { w.Str(path).Str(reason); });
}

std::string RemoteCallContext::ProposeComponent(plugin::ComponentProposal proposal) {
  return AskRefusal(Method::kProposeComponent,
                    [&](Writer& w) { plugin::protocol::Put(w, proposal); });
}

void RemoteCallContext::ReportDiagnostic(int32_t severity, std::string setting,
                                         std::string message) {
  Writer w = Request(Method::kReportDiagnostic, 0);
  w.I32(severity).Str(setting).Str(message);
  link_.Send(w);
}

}  // namespace gantry::plugin_host
