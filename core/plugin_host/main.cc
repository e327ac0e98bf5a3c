// gantry-plugin-host: runs one plugin out of gantry's process, so that a crash, an exit()
// or a hang in the plugin ends this process only. gantry starts it as
// `gantry-plugin-host PLUGIN.so` with its socket as fd 3; the plugin sees the ordinary
// host table, and every service it asks for is carried out by gantry (host_protocol.h).
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "core/plugin/host_protocol.h"
#include "core/plugin/plugin_loader.h"
#include "core/plugin_host/gantry_link.h"
#include "core/plugin_host/remote_call_context.h"

namespace gantry::plugin_host {
namespace {

using plugin::protocol::Kind;

constexpr int kSocketFd = 3;

gantry_status RunHook(const plugin::LoadedPlugin& plugin, plugin::CallContext& context,
                      plugin::Hook hook, const plugin::ComponentData& component,
                      const std::string& argument) {
  switch (hook) {
    case plugin::Hook::kValidate: return plugin.Validate(context, component);
    case plugin::Hook::kDiscover: return plugin.Discover(context, component);
    case plugin::Hook::kExecute: return plugin.Execute(context, component, argument);
    case plugin::Hook::kCheckSavedPlan: return plugin.CheckSavedPlan(context, component);
    case plugin::Hook::kRecognize: return plugin.Recognize(context, argument);
  }
  return GANTRY_STATUS_UNSUPPORTED;
}

// Runs each job on an idle thread, starting one when none is idle. Threads are never
// joined: the process ends with _exit.
class ThreadPool {
 public:
  void Run(std::function<void()> job) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (idle_ > static_cast<int>(jobs_.size())) {
      jobs_.push_back(std::move(job));
      ready_.notify_one();
      return;
    }
    lock.unlock();
    std::thread([this, job = std::move(job)]() mutable { Work(std::move(job)); }).detach();
  }

 private:
  void Work(std::function<void()> job) {
    for (;;) {
      job();
      std::unique_lock<std::mutex> lock(mutex_);
      ++idle_;
      ready_.wait(lock, [&] { return !jobs_.empty(); });
      --idle_;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  int idle_ = 0;
};

int Serve(const std::string& path) {
  GantryLink link(kSocketFd);
  absl::StatusOr<std::unique_ptr<plugin::LoadedPlugin>> loaded = plugin::LoadPlugin(path);
  if (!loaded.ok()) {
    plugin::wire::Writer w = plugin::protocol::Start(Kind::kLoadFailed, 0);
    w.Str(std::string(loaded.status().message()));
    link.Send(w);
    return 0;
  }
  const plugin::LoadedPlugin& plugin = **loaded;
  {
    plugin::wire::Writer w = plugin::protocol::Start(Kind::kHello, 0);
    plugin::protocol::Put(w, plugin.info());
    link.Send(w);
  }
  std::atomic<int> running{0};
  // A thread per hook in flight, so that hooks of a concurrent plugin overlap as they
  // would in gantry (LoadedPlugin serializes the others); kept for the next hook, as
  // starting a thread costs more than the rest of a call.
  ThreadPool pool;
  std::string frame;
  while (plugin::wire::ReadFrame(kSocketFd, frame)) {
    plugin::wire::Reader r(frame);
    const auto kind = static_cast<Kind>(r.U8());
    const uint64_t id = r.U64();
    if (!r.ok()) continue;
    if (kind == Kind::kReply || kind == Kind::kOutput) {
      link.Deliver(id, std::move(frame));
      continue;
    }
    if (kind != Kind::kHook) continue;
    const auto hook = static_cast<plugin::Hook>(r.U8());
    auto component = std::make_shared<plugin::ComponentData>();
    plugin::protocol::Get(r, *component);
    std::string argument = r.Str();
    if (!r.ok()) {  // not from this tree's gantry; answered, so that nothing waits for it
      plugin::wire::Writer done = plugin::protocol::Start(Kind::kHookDone, id);
      done.I32(GANTRY_STATUS_FAILED);
      link.Send(done);
      continue;
    }
    ++running;
    pool.Run([&link, &plugin, &running, id, hook, component, argument = std::move(argument)] {
      RemoteCallContext context(link, id);
      const gantry_status status = RunHook(plugin, context, hook, *component, argument);
      plugin::wire::Writer done = plugin::protocol::Start(Kind::kHookDone, id);
      done.I32(status);
      --running;  // before gantry hears of it: it may close the socket at once
      link.Send(done);
    });
  }
  // gantry closed the socket (or is gone). With no hook running the plugin shuts down as
  // it would in process; a hook still running (hung, or gantry died) is simply ended.
  if (running.load() == 0) loaded->reset();
  std::fflush(nullptr);
  ::_exit(0);
}

}  // namespace
}  // namespace gantry::plugin_host

// In a sanitizer build, a plugin's crash still ends the host with its signal, as gantry
// reports it ("crashed (signal 11, ...)"), rather than with the sanitizer's exit status.
// Under TSan, no second's sleep at the end (atexit_sleep_ms, for a process that ends with
// threads still there): this one always does, its pool's idle threads (see ThreadPool),
// and gantry waited that second for every host of every run.
#if defined(GANTRY_SANITIZE_ADDRESS)
extern "C" const char* __asan_default_options() { return "handle_segv=0:handle_abort=0"; }
#endif
#if defined(__SANITIZE_THREAD__)
extern "C" const char* __tsan_default_options() {
  return "handle_segv=0:handle_abort=0:atexit_sleep_ms=0";
}
#endif

int main(int argc, char** argv) {
  if (argc != 2 || ::fcntl(3, F_GETFD) < 0) {
    std::fprintf(stderr, "gantry-plugin-host: gantry starts this program for a plugin run out "
                         "of process; it is not run by hand\n");
    return 2;
  }
  ::fcntl(3, F_SETFD, FD_CLOEXEC);  // nothing the plugin starts may hold gantry's socket
  std::signal(SIGPIPE, SIG_IGN);
  return gantry::plugin_host::Serve(argv[1]);
}
