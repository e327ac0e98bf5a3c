#include "core/plugin/process_hooks.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/plugin/search_path.h"

namespace gantry::plugin {

std::string PluginHostProgram() {
  if (const char* env = std::getenv("GANTRY_PLUGIN_HOST"); env != nullptr && *env != '\0')
    return env;
  return (std::filesystem::path(ProgramDir()) / "gantry-plugin-host").string();
}

absl::StatusOr<std::unique_ptr<LoadedPlugin>> LoadPluginInHost(const std::string& given_path,
                                                               const PluginPolicy& policy) {
  HostLimits limits;
  std::error_code ec;
  const std::string path =
      std::filesystem::absolute(given_path, ec).lexically_normal().string();
  const std::string program = PluginHostProgram();
  absl::StatusOr<std::unique_ptr<HostProcess>> host =
      HostProcess::Start(program, path, limits.check);
  if (!host.ok()) return host.status();
  PluginInfo info = (*host)->info();
  if (auto it = policy.hook_timeout.find(info.name); it != policy.hook_timeout.end())
    limits.check = it->second;
  if (auto it = policy.stop_timeout.find(info.name); it != policy.stop_timeout.end())
    limits.cancel_grace = it->second;
  return std::make_unique<LoadedPlugin>(
      std::move(info), std::make_unique<ProcessHooks>(program, *std::move(host), limits));
}

ProcessHooks::ProcessHooks(std::string program, std::unique_ptr<HostProcess> host,
                           HostLimits limits)
    : program_(std::move(program)), limits_(limits), info_(host->info()), host_(std::move(host)) {}

void ProcessHooks::BeginShutdown() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (host_ != nullptr) host_->BeginShutdown();
}

pid_t ProcessHooks::host_pid() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return host_ != nullptr && host_->alive() ? host_->pid() : 0;
}

std::shared_ptr<HostProcess> ProcessHooks::Current(CallContext& context, const HookCall& call) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (host_ != nullptr && host_->alive()) return host_;
  absl::StatusOr<std::unique_ptr<HostProcess>> fresh =
      HostProcess::Start(program_, info_.path, limits_.check);
  if (fresh.ok() && ((*fresh)->info().name != info_.name || (*fresh)->info().types != info_.types))
    fresh = absl::FailedPreconditionError("the file now holds another plugin");
  if (!fresh.ok()) {
    context.ReportError(absl::StrCat("plugin ", info_.name, " could not be restarted for ",
                                     DescribeCall(call), ": ", fresh.status().message()));
    return nullptr;
  }
  host_ = *std::move(fresh);
  return host_;
}

gantry_status ProcessHooks::Run(CallContext& context, const HookCall& call) {
  std::unique_lock<std::mutex> serial(serial_, std::defer_lock);
  if ((info_.capabilities & GANTRY_CAP_CONCURRENT) == 0) serial.lock();
  const std::shared_ptr<HostProcess> host = Current(context, call);
  if (host == nullptr) return GANTRY_STATUS_FAILED;
  const absl::Duration limit =
      call.hook == Hook::kExecute ? absl::InfiniteDuration() : limits_.check;
  HostLoss loss;
  const gantry_status status = host->Run(context, call, limit, limits_.cancel_grace, loss);
  if (!loss.lost) return status;
  if (loss.culprit) {
    context.ReportError(absl::StrCat("plugin ", info_.name, ": ", loss.why,
                                     "; its plugin host was killed"));
  } else if (loss.killed) {
    context.ReportError(absl::StrCat("plugin ", info_.name, " was stopped while ",
                                     DescribeCall(call), ": ", loss.why));
  } else {
    context.ReportError(absl::StrCat("plugin ", info_.name, " ", loss.why, " while ",
                                     DescribeCall(call)));
  }
  return status;
}

}  // namespace gantry::plugin
