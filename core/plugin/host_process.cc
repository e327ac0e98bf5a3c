#include "core/plugin/host_process.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/exec/child_registry.h"
#include "core/plugin/host_protocol.h"

extern char** environ;

namespace gantry::plugin {

/// A hook call waiting for its kHookDone. Its host calls are served by the reader thread,
/// except spawn, which the waiting thread serves (it blocks for as long as the child runs).
struct HostProcess::Pending {
  CallContext* context = nullptr;
  std::deque<std::string> spawns;
  bool done = false;
  gantry_status status = GANTRY_STATUS_FAILED;
  bool serving = false;  // the reader thread is using context
};

namespace {

std::string EndedText(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = ::sigdescr_np(sig);
    return absl::StrCat("crashed (signal ", sig, name != nullptr ? absl::StrCat(", ", name) : "",
                        ")");
  }
  if (WIFEXITED(status)) return absl::StrCat("exited (status ", WEXITSTATUS(status), ")");
  return "ended";
}

// Waits for `fd` to be readable for at most `limit`; false on time out.
bool WaitReadable(int fd, absl::Duration limit) {
  const absl::Time until = absl::Now() + limit;
  for (;;) {
    const int64_t ms = std::max<int64_t>(0, absl::ToInt64Milliseconds(until - absl::Now()));
    pollfd p{fd, POLLIN, 0};
    const int n = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(ms, 1 << 30)));
    if (n > 0) return true;
    if (n == 0) return false;
    if (errno != EINTR) return true;  // let the read report it
  }
}

// "validate for db", "execute (apply) for db": the hook a time limit stopped.
std::string HookText(const HookCall& call) {
  if (call.hook == Hook::kRecognize) return "recognize for " + call.argument;
  const std::string name = call.component != nullptr ? call.component->name : "";
  if (call.hook == Hook::kExecute) return absl::StrCat("execute (", call.argument, ") for ", name);
  return absl::StrCat(HookName(call.hook), " for ", name);
}

// Reaps `pid` (blocking) and returns its wait status.
int WaitFor(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  exec::ChildRegistry::Instance().Reaped(pid);
  return status;
}

}  // namespace

std::string DescribeCall(const HookCall& call) {
  const std::string name = call.component != nullptr ? call.component->name : "";
  switch (call.hook) {
    case Hook::kExecute:
      if (call.argument == "plan") return "planning " + name;
      if (call.argument == "apply") return "applying " + name;
      if (call.argument == "destroy") return "destroying " + name;
      return absl::StrCat("running '", call.argument, "' for ", name);
    case Hook::kRecognize: return "recognizing " + call.argument;
    default: return absl::StrCat("running ", HookName(call.hook), " for ", name);
  }
}

absl::StatusOr<std::unique_ptr<HostProcess>> HostProcess::Start(const std::string& program,
                                                                const std::string& plugin_path,
                                                                absl::Duration load_limit) {
  const auto refuse = [&](const std::string& why) {
    return absl::FailedPreconditionError(absl::StrCat("plugin ", plugin_path, ": ", why));
  };
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    return refuse(absl::StrCat("cannot make a socket for its plugin host: ", std::strerror(errno)));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 3);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Its own process group: the terminal's Ctrl-C reaches gantry, which stops the hooks;
  // it must not kill the plugin host under them.
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &all);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                            POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> argv = {const_cast<char*>(program.c_str()),
                             const_cast<char*>(plugin_path.c_str()), nullptr};
  // Registered as it starts, so that gantry's sweep of leftover processes never takes
  // it for an orphan of a component (ChildRegistry).
  int spawned = 0;
  const pid_t pid = exec::ChildRegistry::Instance().Spawn([&] {
    pid_t child = -1;
    spawned = ::posix_spawn(&child, program.c_str(), &actions, &attributes, argv.data(), environ);
    return spawned == 0 ? child : -1;
  });
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    return refuse(absl::StrCat("cannot start its plugin host ", program, ": ",
                               std::strerror(spawned),
                               " (is Gantry installed whole? set GANTRY_PLUGIN_HOST to it)"));
  }
  std::string frame;
  const bool answered = WaitReadable(fds[0], load_limit) && wire::ReadFrame(fds[0], frame);
  if (!answered) {
    ::kill(pid, SIGKILL);
    const int status = WaitFor(pid);
    ::close(fds[0]);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      return refuse(absl::StrCat("its plugin host did not load it within ",
                                 absl::FormatDuration(load_limit), "; it was killed"));
    return refuse(absl::StrCat("its plugin host ", EndedText(status), " while loading it"));
  }
  wire::Reader r(frame);
  const auto kind = static_cast<protocol::Kind>(r.U8());
  (void)r.U64();
  PluginInfo info;
  std::string load_error;
  if (kind == protocol::Kind::kHello) {
    protocol::Get(r, info);
  } else {
    load_error = r.Str();
  }
  if (kind != protocol::Kind::kHello || !r.ok()) {
    ::close(fds[0]);  // the host ends at the end of its stream
    (void)WaitFor(pid);
    if (kind == protocol::Kind::kLoadFailed && r.ok())
      return absl::FailedPreconditionError(load_error);
    return refuse("its plugin host answered with a malformed message");
  }
  return std::unique_ptr<HostProcess>(new HostProcess(pid, fds[0], std::move(info)));
}

HostProcess::HostProcess(pid_t pid, int fd, PluginInfo info)
    : pid_(pid), fd_(fd), info_(std::move(info)) {
  reader_ = std::thread([this] { ReadLoop(); });
}

void HostProcess::BeginShutdown() { ::shutdown(fd_, SHUT_WR); }

HostProcess::~HostProcess() {
  BeginShutdown();  // end of stream: the plugin shuts down, the host exits
  {
    // A plugin whose shutdown never returns keeps the socket open: bounded, as hooks are.
    std::unique_lock<std::mutex> lock(mutex_);
    if (!changed_.wait_for(lock, std::chrono::seconds(2), [&] { return dead_; })) {
      lock.unlock();
      Kill("shutdown did not return within 2s");
    }
  }
  reader_.join();  // it reaps the host
  ::close(fd_);
}

bool HostProcess::alive() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return !dead_;
}

void HostProcess::Kill(const std::string& why, uint64_t culprit) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (dead_ || !killed_for_.empty()) return;
    killed_for_ = why;
    culprit_ = culprit;
  }
  ::kill(pid_, SIGKILL);
}

void HostProcess::Send(const wire::Writer& frame) {
  const std::lock_guard<std::mutex> lock(send_mutex_);
  (void)wire::SendFrame(fd_, frame.bytes());  // a host gone is noticed by the reader
}

void HostProcess::Reap() {
  // The socket closed: the host is ending. One that closed it and lingers is killed.
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  pollfd exited{pidfd, POLLIN, 0};
  if (pidfd < 0 || ::poll(&exited, 1, 1000) == 0) ::kill(pid_, SIGKILL);
  if (pidfd >= 0) ::close(pidfd);
  const int status = WaitFor(pid_);
  const std::lock_guard<std::mutex> lock(mutex_);
  death_ = killed_for_.empty() ? EndedText(status) : killed_for_;
  dead_ = true;
  changed_.notify_all();
}

void HostProcess::ReadLoop() {
  std::string frame;
  while (wire::ReadFrame(fd_, frame)) {
    wire::Reader r(frame);
    const auto kind = static_cast<protocol::Kind>(r.U8());
    const uint64_t id = r.U64();
    if (kind == protocol::Kind::kHookDone) {
      const int32_t status = r.I32();
      const std::lock_guard<std::mutex> lock(mutex_);
      if (auto it = pending_.find(id); it != pending_.end()) {
        it->second->done = true;
        it->second->status = static_cast<gantry_status>(status);
        changed_.notify_all();
      }
      continue;
    }
    if (kind != protocol::Kind::kRequest) continue;
    const uint64_t hook_id = r.U64();
    Pending* pending = nullptr;
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (auto it = pending_.find(hook_id); it != pending_.end()) pending = it->second;
      if (pending != nullptr) pending->serving = true;
    }
    if (pending == nullptr) {  // not a hook in flight (a host bug): answer, so nothing waits
      const auto method = static_cast<protocol::Method>(r.U8());
      if (!protocol::Answered(method)) continue;
      wire::Writer reply = protocol::Start(protocol::Kind::kReply, id);
      if (method == protocol::Method::kIsCancelled) {
        reply.Bool(true);
      } else if (method == protocol::Method::kSpawn) {
        protocol::Put(reply, SpawnOutcome{false, -1, 0, true});
      } else {
        reply.Str("the hook is no longer running");
      }
      Send(reply);
      continue;
    }
    Serve(*pending, frame);
    const std::lock_guard<std::mutex> lock(mutex_);
    pending->serving = false;
    changed_.notify_all();
  }
  Reap();
}

void HostProcess::Serve(Pending& pending, const std::string& frame) {
  wire::Reader r(frame);
  (void)r.U8();
  const uint64_t id = r.U64();
  (void)r.U64();
  const auto method = static_cast<protocol::Method>(r.U8());
  CallContext& context = *pending.context;
  wire::Writer reply = protocol::Start(protocol::Kind::kReply, id);
  switch (method) {
    case protocol::Method::kSpawn: {
      const std::lock_guard<std::mutex> lock(mutex_);
      pending.spawns.push_back(frame);
      changed_.notify_all();
      return;
    }
    case protocol::Method::kWrite: {
      const int32_t stream = r.I32();
      const std::string data = r.Str();
      context.Write(stream, data);
      return;
    }
    case protocol::Method::kLog: {
      const int32_t level = r.I32();
      context.Log(level, r.Str());
      return;
    }
    case protocol::Method::kReportError: context.ReportError(r.Str()); return;
    case protocol::Method::kReportDiagnostic: {
      const int32_t severity = r.I32();
      std::string setting = r.Str();
      context.ReportDiagnostic(severity, std::move(setting), r.Str());
      return;
    }
    case protocol::Method::kIsCancelled: reply.Bool(context.IsCancelled()); break;
    case protocol::Method::kSetOutput: {
      std::string key = r.Str();
      std::string value = r.Str();
      reply.Str(context.SetOutput(std::move(key), std::move(value), r.U32()));
      break;
    }
    case protocol::Method::kAddDependency: {
      std::string component = r.Str();
      reply.Str(context.AddDependency(std::move(component), r.Str()));
      break;
    }
    case protocol::Method::kDeclareOutput: {
      std::string name = r.Str();
      const uint32_t flags = r.U32();
      reply.Str(context.DeclareOutput(std::move(name), flags, r.Str()));
      break;
    }
    case protocol::Method::kReportChanges: {
      ChangeSummary changes;
      protocol::Get(r, changes);
      reply.Str(context.ReportChanges(changes));
      break;
    }
    case protocol::Method::kProvideKey: reply.Str(context.ProvideKey(r.Str())); break;
    case protocol::Method::kNeedKey: {
      std::string key = r.Str();
      reply.Str(context.NeedKey(std::move(key), r.Str()));
      break;
    }
    case protocol::Method::kProposeComponent: {
      ComponentProposal proposal;
      protocol::Get(r, proposal);
      reply.Str(context.ProposeComponent(std::move(proposal)));
      break;
    }
    case protocol::Method::kReportBusy: {
      std::string resource = r.Str();
      reply.Str(context.ReportBusy(std::move(resource), r.Str()));
      break;
    }
    case protocol::Method::kReportFile: {
      std::string path = r.Str();
      reply.Str(context.ReportFile(std::move(path), r.Str()));
      break;
    }
    default: return;  // not sent by this tree's plugin host
  }
  Send(reply);
}

void HostProcess::ServeSpawn(CallContext& context, const std::string& frame) {
  wire::Reader r(frame);
  (void)r.U8();
  const uint64_t id = r.U64();
  (void)r.U64();
  (void)r.U8();
  SpawnRequest request;
  protocol::Get(r, request);
  const bool wants_output = r.Bool();
  struct Forward {
    HostProcess* host;
    uint64_t id;
  } forward{this, id};
  // The child's output the plugin asked for goes back as kOutput frames for its on_output.
  const SpawnOutputFn relay = [](void* user_data, int32_t stream, const char* data,
                                 uint64_t size) {
    auto* f = static_cast<Forward*>(user_data);
    wire::Writer w = protocol::Start(protocol::Kind::kOutput, f->id);
    w.I32(stream).Str(std::string_view(data, size));
    f->host->Send(w);
  };
  const SpawnOutcome outcome =
      context.Spawn(request, wants_output ? relay : nullptr, wants_output ? &forward : nullptr);
  wire::Writer reply = protocol::Start(protocol::Kind::kReply, id);
  protocol::Put(reply, outcome);
  Send(reply);
}

gantry_status HostProcess::Run(CallContext& context, const HookCall& call, absl::Duration limit,
                               absl::Duration cancel_grace, HostLoss& loss) {
  const uint64_t id = next_hook_id_.fetch_add(1);
  Pending pending;
  pending.context = &context;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (dead_) {
      loss = {true, death_, !killed_for_.empty(), false};
      return GANTRY_STATUS_FAILED;
    }
    pending_[id] = &pending;
  }
  {
    wire::Writer w = protocol::Start(protocol::Kind::kHook, id);
    w.U8(static_cast<uint8_t>(call.hook));
    protocol::Put(w, call.component != nullptr ? *call.component : ComponentData{});
    w.Str(call.argument);
    Send(w);
  }
  const absl::Time started = absl::Now();
  std::optional<absl::Time> cancelled_at;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait_for(lock, std::chrono::milliseconds(50), [&] {
      return pending.done || dead_ || !pending.spawns.empty();
    });
    if (pending.done) break;
    if (!pending.spawns.empty()) {
      const std::string frame = std::move(pending.spawns.front());
      pending.spawns.pop_front();
      lock.unlock();
      ServeSpawn(context, frame);
      // A child is gantry's to stop (with its own grace); the plugin's time to return
      // counts from when it ended.
      if (cancelled_at) cancelled_at = absl::Now();
      lock.lock();
      continue;
    }
    if (dead_) {
      changed_.wait(lock, [&] { return !pending.serving; });
      pending_.erase(id);
      loss = {true, death_, !killed_for_.empty(), culprit_ == id};
      return cancelled_at ? GANTRY_STATUS_CANCELLED : GANTRY_STATUS_FAILED;
    }
    lock.unlock();
    const absl::Time now = absl::Now();
    if (call.hook == Hook::kExecute && !cancelled_at && context.IsCancelled()) cancelled_at = now;
    if (now - started > limit) {
      Kill(absl::StrCat(HookText(call), " did not return within ",
                        absl::FormatDuration(limit)),
           id);
    } else if (cancelled_at && now - *cancelled_at > cancel_grace) {
      Kill(absl::StrCat(HookText(call), " did not stop within ",
                        absl::FormatDuration(cancel_grace), " of being cancelled"),
           id);
    }
    lock.lock();
  }
  pending_.erase(id);
  return pending.status;
}

}  // namespace gantry::plugin
