#include "core/record/event_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/record/event_json.h"
#include "core/record/file_output.h"

namespace gantry::record {
namespace {

bool IsCompletion(RunEvent::Kind kind) {
  switch (kind) {
    case RunEvent::Kind::kRunStarted:
    case RunEvent::Kind::kComponentFinished:
    case RunEvent::Kind::kComponentReused:
    case RunEvent::Kind::kRunFinished:
      return true;
    case RunEvent::Kind::kComponentStarted:
    case RunEvent::Kind::kComponentRetrying:
    case RunEvent::Kind::kComponentSkipped:
    case RunEvent::Kind::kComponentReady:
    case RunEvent::Kind::kComponentDeferred:
    case RunEvent::Kind::kComponentAdmitted:
    case RunEvent::Kind::kLimitChanged:
      return false;
  }
  return false;
}

}  // namespace

EventLogOptions EventLogOptions::Journal() {
  EventLogOptions options;
  options.sync_completions = true;
  options.create_directories = true;
  return options;
}

EventLogOptions EventLogOptions::EventsFile() {
  EventLogOptions options;
  options.truncate = true;
  return options;
}

absl::StatusOr<std::unique_ptr<EventLog>> EventLog::Open(const std::string& path,
                                                         const EventLogOptions& options) {
  if (options.create_directories) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return ErrnoError(ec.value(), "cannot create the directory of", path);
  }
  int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC;
  if (options.truncate) flags |= O_TRUNC;
  int fd;
  do {
    fd = ::open(path.c_str(), flags, 0666);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return ErrnoError(errno, "cannot open", path);
  return std::unique_ptr<EventLog>(new EventLog(path, fd, options));
}

EventLog::~EventLog() { Close().IgnoreError(); }

absl::Status EventLog::Append(const RunEvent& event) {
  std::string line = EventToJson(event);
  line.push_back('\n');
  absl::MutexLock lock(&mu_);
  if (!error_.ok()) return error_;
  if (fd_ < 0) return absl::FailedPreconditionError(absl::StrCat(path_, " is closed"));
  iovec piece{line.data(), line.size()};
  const int write_error = WriteGathered(fd_, &piece, 1);
  if (write_error != 0) reader_gone_ = write_error == EPIPE;  // set once: errors are sticky
  absl::Status status =
      write_error == 0 ? absl::OkStatus() : ErrnoError(write_error, "cannot write to", path_);
  if (status.ok() && options_.sync_completions && IsCompletion(event.kind)) {
    if (options_.background_sync != nullptr) {
      options_.background_sync->Sync(path_);
    } else {
      status = Sync();
    }
  }
  if (!status.ok()) error_ = status;
  return status;
}

absl::Status EventLog::Close() {
  absl::MutexLock lock(&mu_);
  if (fd_ < 0) return error_;
  absl::Status status = Sync();
  // Not retried on EINTR: on Linux the descriptor is released either way.
  if (::close(fd_) != 0 && errno != EINTR && status.ok())
    status = ErrnoError(errno, "cannot close", path_);
  fd_ = -1;
  if (error_.ok()) error_ = status;
  return error_;
}

bool EventLog::reader_gone() const {
  absl::MutexLock lock(&mu_);
  return reader_gone_;
}

absl::Status EventLog::Sync() { return SyncFile(fd_, path_, /*data_only=*/true); }

}  // namespace gantry::record
