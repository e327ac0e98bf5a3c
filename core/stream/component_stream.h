// The host's side of stream injection for one component: its log file and the console.
#ifndef GANTRY_CORE_STREAM_COMPONENT_STREAM_H_
#define GANTRY_CORE_STREAM_COMPONENT_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/console/console.h"
#include "core/exec/output_sink.h"
#include "core/exec/unique_fd.h"
#include "core/stream/line_blocks.h"
#include "core/stream/secret_masker.h"
#include "core/stream/secret_set.h"

namespace gantry::stream {

/// Everything one component writes during a run (its plugin's writes and its children's
/// stdout/stderr) goes through one ComponentStream, which tees it, masked, to the
/// component's log file and to the console.
///
/// - Lines: each stream (1 stdout, 2 stderr; any other number counts as stdout) is cut
///   into whole lines by its own LineBlocks (exec::LineSplitter's lines: "\r\n" ends a
///   line like "\n"; a line longer than 1 MiB is cut into 1 MiB lines), a block per
///   chunk, with no work and no copy per line. Only whole lines go out, each ending in
///   '\n'; the unfinished last line of a stream waits for more bytes or for Close().
/// - Masking: secrets are replaced on whole lines, so a secret split across chunks (or
///   across writes) is still masked, and the 1 MiB cut never splits one (see
///   LineBlocks). The log and the console get the same masked text. The secrets are the
///   run's as they are when lines go out: one learned while the component runs (its own
///   sensitive output, set_output) masks every line sent out after Add returned, the
///   unfinished line pending then included; a line sent out while Add runs, on another
///   thread, may miss it. Costs an atomic load per call, a new snapshot when it moved.
/// - Log: opened with O_APPEND (a retry, or a second ComponentStream on the same path,
///   appends) and mode 0644, parent directories created. All the lines completed by one
///   OnOutput call are written with one writev(2) before the call returns: no syscall per
///   line, no user-space buffer left to lose if the host dies afterwards (a kill -9 loses
///   nothing OnOutput has returned from; the kernel has it). The first write error (a
///   full disk) is kept (see log_status) and handed to `on_log_error` at once; the log
///   is not written again (a later write that fits would leave a silent hole), while the
///   console still gets everything.
/// - Console: the same lines are handed to Console::Output in one call, so they are
///   printed together.
///
/// Thread-safe: one mutex per ComponentStream serializes OnOutput and Close (a plugin's
/// threads may write while its children's output streams in); order within a stream is
/// kept, lines of different streams interleave whole. The console and secrets must
/// outlive it.
class ComponentStream : public exec::OutputSink {
 public:
  /// Told, once, why the log could not be written (called under the stream's lock: it
  /// must not call back into the stream).
  using LogErrorFn = std::function<void(const absl::Status& error)>;

  /// A stream whose log is `log_path`, created (with its directory) by the first output:
  /// a component that prints nothing has no log file. A log that cannot be created is
  /// a log error like a failed write (log_status, on_log_error); the console still gets
  /// the output. Never fails today; a StatusOr for callers' sake.
  static absl::StatusOr<std::unique_ptr<ComponentStream>> Open(std::string component,
                                                               std::string log_path,
                                                               const SecretSet& secrets,
                                                               console::Console& console,
                                                               LogErrorFn on_log_error = {});
  /// Close().
  ~ComponentStream() override;
  ComponentStream(const ComponentStream&) = delete;
  ComponentStream& operator=(const ComponentStream&) = delete;

  /// Takes bytes of `stream`; empty chunks are ignored.
  void OnOutput(int stream, std::string_view chunk) override;

  /// Sends out the unfinished last line of each stream, with a '\n' added (stdout's
  /// first). Idempotent; more output afterwards is still accepted (and needs another
  /// Close). The log stays open until destruction.
  void Close();

  /// The last `n` lines of the log (see console::ReadLastLines); NotFound when nothing
  /// was written.
  absl::StatusOr<std::vector<std::string>> Tail(size_t n) const;

  const std::string& component() const { return component_; }
  const std::string& log_path() const { return log_path_; }
  /// OK, or the first error writing the log.
  absl::Status log_status() const;

 private:
  ComponentStream(std::string component, std::string log_path, const SecretSet& secrets,
                  console::Console& console, LogErrorFn on_log_error);

  // Creates and opens the log (and its directory); 0, or -errno.
  int OpenLogLocked();

  // Takes the run's secrets anew when they changed since the last call.
  void UpdateMaskerLocked();
  // Masks `lines`, writes them to the log, then to the console.
  void EmitLocked(int stream, LineBlock lines);
  void WriteLogLocked(std::string_view head, std::string_view body);

  const std::string component_;
  const std::string log_path_;
  const SecretSet& secrets_;
  console::Console& console_;
  const LogErrorFn on_log_error_;

  // Guards the members below. std::mutex, not absl::Mutex: ThreadSanitizer cannot see
  // Debian's uninstrumented libabsl.
  mutable std::mutex mu_;
  exec::UniqueFd log_;  // invalid until the first output
  std::shared_ptr<const SecretMasker> masker_;  // The secrets as of masker_generation_.
  uint64_t masker_generation_ = 0;
  LineBlocks lines_[2];  // stdout, stderr
  std::string masked_head_;  // Masker scratch; reused.
  std::string masked_body_;
  absl::Status log_status_;
};

}  // namespace gantry::stream

#endif  // GANTRY_CORE_STREAM_COMPONENT_STREAM_H_
