#include "core/stream/component_stream.h"

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/console/log_tail.h"
#include "core/record/file_output.h"
#include "core/stream/burst_buffer.h"

namespace gantry::stream {
namespace {

// Lines are cut past this, as exec::LineSplitter cuts them.
constexpr size_t kMaxLine = size_t{1} << 20;

int StreamIndex(int stream) { return stream == 2 ? 1 : 0; }

}  // namespace

absl::StatusOr<std::unique_ptr<ComponentStream>> ComponentStream::Open(
    std::string component, std::string log_path, const SecretSet& secrets,
    console::Console& console, LogErrorFn on_log_error) {
  return std::unique_ptr<ComponentStream>(new ComponentStream(
      std::move(component), std::move(log_path), secrets, console, std::move(on_log_error)));
}

// Creating a file is the dearest thing a component does here (~0.3 ms on ext4, where
// opening one that exists takes 4 µs): most components print nothing, so the log is
// created by the first line written to it.
int ComponentStream::OpenLogLocked() {
  const auto open_log = [this] {
    int fd;
    do {
      fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    } while (fd < 0 && errno == EINTR);
    return fd;
  };
  int fd = open_log();
  if (fd < 0 && errno == ENOENT) {
    // The logs directory exists after the run's first log (or nested names' first).
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(log_path_).parent_path(), ec);
    if (ec) return -ec.value();
    fd = open_log();
  }
  if (fd < 0) return -errno;
  log_ = exec::UniqueFd(fd);
  return 0;
}

ComponentStream::ComponentStream(std::string component, std::string log_path,
                                 const SecretSet& secrets, console::Console& console,
                                 LogErrorFn on_log_error)
    : component_(std::move(component)),
      log_path_(std::move(log_path)),
      secrets_(secrets),
      console_(console),
      on_log_error_(std::move(on_log_error)),
      lines_{LineBlocks(kMaxLine), LineBlocks(kMaxLine)} {
  std::lock_guard<std::mutex> lock(mu_);
  UpdateMaskerLocked();
}

ComponentStream::~ComponentStream() { Close(); }

void ComponentStream::OnOutput(int stream, std::string_view chunk) {
  if (chunk.empty()) return;
  stream = stream == 2 ? 2 : 1;
  std::lock_guard<std::mutex> lock(mu_);
  UpdateMaskerLocked();  // Before Feed: a cut of a long line must see the new secrets.
  const LineBlock lines = lines_[StreamIndex(stream)].Feed(chunk);
  if (!lines.empty()) EmitLocked(stream, lines);
}

void ComponentStream::Close() {
  std::lock_guard<std::mutex> lock(mu_);
  UpdateMaskerLocked();
  for (int stream : {1, 2}) {
    const std::string_view last = lines_[StreamIndex(stream)].Flush();
    if (!last.empty()) EmitLocked(stream, {last, {}});
  }
}

void ComponentStream::UpdateMaskerLocked() {
  // Read before the snapshot, so the snapshot is never older than what was read.
  const uint64_t generation = secrets_.generation();
  if (masker_ != nullptr && generation == masker_generation_) return;
  masker_ = secrets_.Snapshot();
  masker_generation_ = generation;
  for (LineBlocks& lines : lines_) lines.SetMasker(masker_.get());
}

void ComponentStream::EmitLocked(int stream, LineBlock lines) {
  // Each piece holds whole lines, so each can be masked on its own.
  const std::string_view head = masker_->Mask(lines.head, &masked_head_);
  const std::string_view body = masker_->Mask(lines.body, &masked_body_);
  WriteLogLocked(head, body);
  console_.Output(component_, stream, {head, body});
  ShrinkAfterBurst(masked_head_);
  ShrinkAfterBurst(masked_body_);
}

void ComponentStream::WriteLogLocked(std::string_view head, std::string_view body) {
  if (!log_status_.ok()) return;  // Logged up to the first failure, nothing after.
  if (!log_.valid()) {
    if (const int error = -OpenLogLocked(); error != 0) {
      log_status_ = absl::ErrnoToStatus(error, absl::StrCat("cannot create the log ", log_path_));
      if (on_log_error_) on_log_error_(log_status_);
      return;
    }
  }
  iovec pieces[] = {{const_cast<char*>(head.data()), head.size()},
                    {const_cast<char*>(body.data()), body.size()}};
  const int error = record::WriteGathered(log_.get(), pieces, 2);
  if (error == 0) return;
  log_status_ = absl::ErrnoToStatus(error, absl::StrCat("cannot write the log ", log_path_));
  if (on_log_error_) on_log_error_(log_status_);
}

absl::StatusOr<std::vector<std::string>> ComponentStream::Tail(size_t n) const {
  return console::ReadLastLines(log_path_, n);
}

absl::Status ComponentStream::log_status() const {
  std::lock_guard<std::mutex> lock(mu_);
  return log_status_;
}

}  // namespace gantry::stream
