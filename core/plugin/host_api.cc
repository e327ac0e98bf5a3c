#include "core/plugin/host_api.h"

#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/plugin/c_strings.h"
#include "core/plugin/call_handles.h"
#include "core/plugin/output_key.h"
#include "core/plugin/output_spec.h"
#include "nlohmann/json.hpp"
#include "spdlog/spdlog.h"

namespace gantry::plugin {
namespace {

// Every entry point tolerates a NULL, stale or made-up call handle (CallUse refuses it)
// and NULL strings: a plugin bug must become an error message, never a crash of the host.

// A request the host does not carry out: the plugin gets GANTRY_STATUS_FAILED and the user
// sees why as a warning (in the run's log, or in validate's report), so nothing a plugin
// asked for vanishes silently, while a plugin that handles the status fails nothing.
gantry_status Refuse(CallContext* context, const std::string& why) {
  context->ReportDiagnostic(GANTRY_DIAGNOSTIC_WARNING, "", why);
  return GANTRY_STATUS_FAILED;
}

void HostLog(gantry_call* call, int32_t level, const char* message) {
  const CallUse use(call);
  if (CallContext* context = use.context()) {
    context->Log(level, Str(message));
    return;
  }
  const spdlog::level::level_enum levels[] = {spdlog::level::debug, spdlog::level::info,
                                              spdlog::level::warn, spdlog::level::err};
  spdlog::log(levels[level < 0 ? 0 : level > 3 ? 3 : level], "plugin: {}", Str(message));
}

gantry_status HostWrite(gantry_call* call, int32_t stream, const char* data, uint64_t size) {
  const CallUse use(call);
  CallContext* context = use.context();
  if (context == nullptr || (data == nullptr && size > 0)) return GANTRY_STATUS_FAILED;
  if (stream != GANTRY_STREAM_STDOUT && stream != GANTRY_STREAM_STDERR)
    return Refuse(context, "write: unknown stream id " + std::to_string(stream) +
                               "; use GANTRY_STREAM_STDOUT or GANTRY_STREAM_STDERR");
  context->Write(stream, std::string_view(data, size));
  return GANTRY_STATUS_OK;
}

// The members release 0.2 appended, each only when the plugin's struct_size covers it.
// False (the reason reported) for a request the host refuses.
[[nodiscard]] bool ReadSince02(const gantry_spawn_request& request, SpawnRequest& copy,
                               CallContext& context) {
  if (GANTRY_STRUCT_HAS(&request, gantry_spawn_request, flags)) {
    copy.lines = (request.flags & GANTRY_SPAWN_LINES) != 0;
    copy.stop_with_sigint = (request.flags & GANTRY_SPAWN_STOP_WITH_SIGINT) != 0;
  }
  if (GANTRY_STRUCT_HAS(&request, gantry_spawn_request, stdin_size) &&
      request.stdin_data != nullptr) {
    copy.stdin_data.emplace(request.stdin_data, request.stdin_size);
  }
  if (GANTRY_STRUCT_HAS(&request, gantry_spawn_request, stdin_path))
    copy.stdin_path = Str(request.stdin_path);
  if (GANTRY_STRUCT_HAS(&request, gantry_spawn_request, stop_timeout_ms))
    copy.stop_timeout_ms = request.stop_timeout_ms;
  if (copy.stdin_data && !copy.stdin_path.empty()) {
    context.ReportError(absl::StrCat("spawn of '", copy.argv[0],
                                     "': the request sets both stdin_data and stdin_path "
                                     "(stdin file '", copy.stdin_path, "'); give one"));
    return false;
  }
  return true;
}

gantry_status HostSpawn(gantry_call* call, const gantry_spawn_request* request,
                        gantry_spawn_result* result) {
  const CallUse use(call);
  CallContext* context = use.context();
  if (context == nullptr) return GANTRY_STATUS_FAILED;
  if (request == nullptr || !GANTRY_STRUCT_HAS(request, gantry_spawn_request, argv) ||
      request->argv == nullptr || request->argv[0] == nullptr) {
    context->ReportError("spawn: the request has no argv (argv[0] must name the program)");
    return GANTRY_STATUS_FAILED;
  }
  SpawnRequest copy;
  copy.argv = StringList(request->argv);
  if (GANTRY_STRUCT_HAS(request, gantry_spawn_request, env)) copy.env = StringList(request->env);
  if (GANTRY_STRUCT_HAS(request, gantry_spawn_request, cwd)) copy.cwd = Str(request->cwd);
  if (GANTRY_STRUCT_HAS(request, gantry_spawn_request, flags)) {
    copy.capture_stdout = (request->flags & GANTRY_SPAWN_CAPTURE_STDOUT) != 0;
    copy.clear_env = (request->flags & GANTRY_SPAWN_CLEAR_ENV) != 0;
  }
  if (!ReadSince02(*request, copy, *context)) return GANTRY_STATUS_FAILED;
  SpawnOutputFn on_output = nullptr;
  void* user_data = nullptr;
  if (GANTRY_STRUCT_HAS(request, gantry_spawn_request, user_data)) {
    on_output = request->on_output;
    user_data = request->user_data;
  }
  const SpawnOutcome outcome = context->Spawn(copy, on_output, user_data);
  if (result != nullptr) {
    if (GANTRY_STRUCT_HAS(result, gantry_spawn_result, exit_code))
      result->exit_code = outcome.exit_code;
    if (GANTRY_STRUCT_HAS(result, gantry_spawn_result, term_signal))
      result->term_signal = outcome.term_signal;
    if (GANTRY_STRUCT_HAS(result, gantry_spawn_result, cancelled))
      result->cancelled = outcome.cancelled ? 1 : 0;
  }
  return outcome.started ? GANTRY_STATUS_OK : GANTRY_STATUS_FAILED;
}

int32_t HostIsCancelled(gantry_call* call) {
  const CallUse use(call);
  CallContext* context = use.context();
  return context != nullptr && context->IsCancelled() ? 1 : 0;
}

gantry_status HostSetOutput(gantry_call* call, const char* key, const char* value,
                            uint32_t flags) {
  const CallUse use(call);
  CallContext* context = use.context();
  if (context == nullptr) return GANTRY_STATUS_FAILED;
  const std::string problem = OutputKeyProblem(Str(key));
  if (!problem.empty()) return Refuse(context, "set_output: " + problem);
  if (value == nullptr)
    return Refuse(context, absl::StrCat("set_output('", key, "'): no value (NULL)"));
  // Checked here, once for every plugin: a dependent would otherwise fail reading it, far
  // from the plugin that set it.
  if ((flags & GANTRY_OUTPUT_JSON) != 0 && !nlohmann::json::accept(value)) {
    return Refuse(context, absl::StrCat("set_output('", key,
                                        "'): flagged JSON, but the value is not JSON"));
  }
  const std::string refused = context->SetOutput(key, value, flags);
  return refused.empty() ? GANTRY_STATUS_OK : Refuse(context, refused);
}

// What the user sees for a report without words: the plugin's bug, said as such.
std::string MessageOrNone(const char* message, const char* function) {
  if (message != nullptr && *message != '\0') return message;
  return absl::StrCat(function, " without a message (a bug in the plugin)");
}

void HostReportError(gantry_call* call, const char* message) {
  const CallUse use(call);
  if (CallContext* context = use.context())
    context->ReportError(MessageOrNone(message, "report_error"));
}

gantry_status HostAddDependency(gantry_call* call, const char* component, const char* reason) {
  const CallUse use(call);
  CallContext* context = use.context();
  if (context == nullptr) return GANTRY_STATUS_FAILED;
  if (component == nullptr || *component == '\0')
    return Refuse(context, "add_dependency: the dependency needs a component name");
  const std::string refused = context->AddDependency(component, Str(reason));
  return refused.empty() ? GANTRY_STATUS_OK : Refuse(context, refused);
}

gantry_status HostReportDiagnostic(gantry_call* call, int32_t severity, const char* setting,
                                   const char* message) {
  const CallUse use(call);
  CallContext* context = use.context();
  if (context == nullptr) return GANTRY_STATUS_FAILED;
  if (severity != GANTRY_DIAGNOSTIC_ERROR && severity != GANTRY_DIAGNOSTIC_WARNING) {
    // Shown as an error all the same: the plugin meant to say something.
    context->ReportError(absl::StrCat("report_diagnostic: unknown severity ", severity, ": ",
                                      Str(message)));
    return GANTRY_STATUS_FAILED;
  }
  context->ReportDiagnostic(severity, Str(setting),
                            MessageOrNone(message, "report_diagnostic"));
  return GANTRY_STATUS_OK;
}

gantry_status HostDeclareOutput(gantry_call* call, const char* name, uint32_t flags,
                                const char* description) {
  const CallUse use(call);
  CallContext* context = use.context();
  if (context == nullptr) return GANTRY_STATUS_FAILED;
  if (absl::Status ok = CheckOutputName(Str(name)); !ok.ok())
    return Refuse(context, absl::StrCat("declare_output: ", ok.message()));
  if ((flags & ~GANTRY_OUTPUT_SENSITIVE) != 0)
    return Refuse(context, absl::StrCat("declare_output('", name, "'): unknown flags ", flags,
                                        " (only GANTRY_OUTPUT_SENSITIVE)"));
  const std::string refused = context->DeclareOutput(name, flags, Str(description));
  return refused.empty() ? GANTRY_STATUS_OK : Refuse(context, refused);
}

// The plugin's words for its counts, as one short line: they go in a table cell.
std::string OneLineSummary(const char* text) {
  constexpr size_t kMaxBytes = 200;
  std::string line(text, strnlen(text, kMaxBytes));
  for (char& c : line)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  // Never end inside a UTF-8 sequence cut by the limit.
  while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) line.pop_back();
  if (!line.empty() && (static_cast<unsigned char>(line.back()) & 0x80) != 0) line.pop_back();
  return line;
}

gantry_status HostReportChanges(gantry_call* call, const gantry_changes* changes) {
  const CallUse use(call);
  CallContext* context = use.context();
  if (context == nullptr) return GANTRY_STATUS_FAILED;
  if (changes == nullptr || !GANTRY_STRUCT_HAS(changes, gantry_changes, destroy))
    return Refuse(context, "report_changes: no summary given, or its struct_size is too small "
                           "(build the plugin against the gantry SDK it was written for)");
  ChangeSummary copy;
  copy.has_changes = changes->has_changes != 0;
  copy.add = changes->add;
  copy.change = changes->change;
  copy.destroy = changes->destroy;
  if (GANTRY_STRUCT_HAS(changes, gantry_changes, summary) && changes->summary != nullptr)
    copy.summary = OneLineSummary(changes->summary);
  const std::string refused = context->ReportChanges(copy);
  return refused.empty() ? GANTRY_STATUS_OK : Refuse(context, refused);
}

// A call whose string `text` is required: refused with `empty_refusal` when it is NULL or
// empty, else served by `serve(context)` (which returns "" or why it refused).
template <typename Serve>
gantry_status ServeRequired(gantry_call* call, const char* text, const char* empty_refusal,
                            Serve serve) {
  const CallUse use(call);
  CallContext* context = use.context();
  if (context == nullptr) return GANTRY_STATUS_FAILED;
  if (text == nullptr || *text == '\0') return Refuse(context, empty_refusal);
  const std::string refused = serve(*context);
  return refused.empty() ? GANTRY_STATUS_OK : Refuse(context, refused);
}

gantry_status HostProvideKey(gantry_call* call, const char* key) {
  return ServeRequired(call, key, "provide_key: the key is empty",
                       [&](CallContext& context) { return context.ProvideKey(key); });
}

gantry_status HostNeedKey(gantry_call* call, const char* key, const char* reason) {
  return ServeRequired(call, key, "need_key: the key is empty", [&](CallContext& context) {
    return context.NeedKey(key, Str(reason));
  });
}

gantry_status HostProposeComponent(gantry_call* call, const gantry_proposal* proposal) {
  const CallUse use(call);
  CallContext* context = use.context();
  if (context == nullptr) return GANTRY_STATUS_FAILED;
  if (proposal == nullptr || !GANTRY_STRUCT_HAS(proposal, gantry_proposal, note))
    return Refuse(context, "propose_component: no proposal given, or its struct_size is too "
                           "small (build the plugin against the gantry SDK it was written for)");
  if (proposal->type == nullptr || *proposal->type == '\0')
    return Refuse(context, "propose_component: the proposal has no type");
  const std::string refused = context->ProposeComponent(
      ComponentProposal{proposal->type, Str(proposal->source_dir), Str(proposal->name),
                        Str(proposal->settings_json), Str(proposal->note)});
  return refused.empty() ? GANTRY_STATUS_OK : Refuse(context, refused);
}

gantry_status HostReportBusy(gantry_call* call, const char* resource, const char* reason) {
  const CallUse use(call);
  CallContext* context = use.context();
  if (context == nullptr) return GANTRY_STATUS_FAILED;
  const std::string refused = context->ReportBusy(Str(resource), Str(reason));
  return refused.empty() ? GANTRY_STATUS_OK : Refuse(context, refused);
}

gantry_status HostReportFile(gantry_call* call, const char* path, const char* reason) {
  return ServeRequired(call, path, "report_file: the path is empty", [&](CallContext& context) {
    return context.ReportFile(path, Str(reason));
  });
}

const void* HostGetExtension(const gantry_host*, const char*) { return nullptr; }

constexpr gantry_host kHost = {
    sizeof(gantry_host),
    GANTRY_ABI_VERSION,
    "gantry",
    GANTRY_VERSION,
    &HostLog,
    &HostWrite,
    &HostSpawn,
    &HostIsCancelled,
    &HostSetOutput,
    &HostReportError,
    &HostAddDependency,
    &HostGetExtension,
    &HostReportDiagnostic,
    &HostDeclareOutput,
    &HostReportChanges,
    &HostProvideKey,
    &HostNeedKey,
    &HostProposeComponent,
    &HostReportBusy,
    &HostReportFile,
};

}  // namespace

const gantry_host* HostApi() { return &kHost; }

}  // namespace gantry::plugin
