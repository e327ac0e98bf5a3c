// One running gantry-plugin-host: its socket, the thread reading it, and the hook calls in
// flight through it. The hooks' host calls are carried out here on their real contexts.
#ifndef GANTRY_CORE_PLUGIN_HOST_PROCESS_H_
#define GANTRY_CORE_PLUGIN_HOST_PROCESS_H_

#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/plugin/call_context.h"
#include "core/plugin/plugin_hooks.h"
#include "core/plugin/plugin_info.h"
#include "core/plugin/wire.h"

namespace gantry::plugin {

/// How one hook call through a plugin host ended, when the host did not answer it.
struct HostLoss {
  bool lost = false;
  /// "crashed (signal 11, Segmentation fault)", "exited (status 3)"; or, when gantry
  /// killed the host, why: "validate for db did not return within 1m".
  std::string why;
  bool killed = false;   ///< gantry killed the host (a time limit)
  bool culprit = false;  ///< ... for this very call
};

class HostProcess {
 public:
  /// Starts `program` for the plugin at `plugin_path` and waits (at most `load_limit`)
  /// for it to load the plugin. The error is the loader's own refusal, or why the host
  /// could not start or ended while loading.
  static absl::StatusOr<std::unique_ptr<HostProcess>> Start(const std::string& program,
                                                            const std::string& plugin_path,
                                                            absl::Duration load_limit);
  /// Closes the socket (the plugin shuts down as it would in process) and reaps the host,
  /// killing it when it does not end within a second.
  ~HostProcess();
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  const PluginInfo& info() const { return info_; }
  pid_t pid() const { return pid_; }
  bool alive() const;

  /// Runs one hook in the host. `limit` bounds its time (InfiniteDuration: none); an
  /// execute is also given `cancel_grace` to return once its context is cancelled (or,
  /// when later, once the last child it spawned ended: stopping a child is gantry's, with
  /// the child's own grace). Past either the host is killed. A hook the host did not
  /// answer returns FAILED (CANCELLED when cancelled) with `loss` saying why; the caller
  /// reports it.
  gantry_status Run(CallContext& context, const HookCall& call, absl::Duration limit,
                    absl::Duration cancel_grace, HostLoss& loss);

  /// Closes gantry's side of the socket: the plugin shuts down and the host ends, while
  /// the caller goes on (the destructor reaps it).
  void BeginShutdown();

  /// Kills the host for hook `culprit` (0: none); every hook in flight ends with `why`.
  void Kill(const std::string& why, uint64_t culprit = 0);

 private:
  struct Pending;

  HostProcess(pid_t pid, int fd, PluginInfo info);
  void ReadLoop();
  void Serve(Pending& pending, const std::string& frame);
  void ServeSpawn(CallContext& context, const std::string& frame);
  void Send(const wire::Writer& frame);
  void Reap();

  const pid_t pid_;
  const int fd_;
  PluginInfo info_;
  std::thread reader_;
  std::atomic<uint64_t> next_hook_id_{1};
  std::mutex send_mutex_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<uint64_t, Pending*> pending_;  // by hook id
  bool dead_ = false;
  std::string death_;       // why the host ended, set before dead_
  std::string killed_for_;  // set by Kill: gantry ended it, and why
  uint64_t culprit_ = 0;    // the hook it was killed for
};

/// Words for a hook call in messages: "applying network/vpc", "running validate for db".
std::string DescribeCall(const HookCall& call);

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_HOST_PROCESS_H_
