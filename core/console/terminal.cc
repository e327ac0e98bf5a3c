#include "core/console/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include "core/record/file_output.h"

namespace gantry::console {
namespace {

constexpr std::string_view kEraseLine = "\r\x1b[K";
constexpr std::string_view kClearToEnd = "\x1b[K";
constexpr int kDefaultWidth = 80;

// `text` cut to at most `columns` characters (UTF-8 aware: continuation bytes take no
// column).
std::string_view Fit(std::string_view text, int columns) {
  int used = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (used == columns) return text.substr(0, i);
    ++used;
  }
  return text;
}

}  // namespace

Terminal::Terminal(FILE* out, bool live, int width, absl::Duration interval,
                   std::function<std::string()> status_text)
    : out_(out),
      live_(live),
      width_(width),
      interval_(interval),
      status_text_(std::move(status_text)) {}

Terminal::~Terminal() { StopStatus(); }

int Terminal::Width() const {
  if (width_ > 0) return width_;
  winsize size{};
  const int fd = fileno(out_);
  if (fd >= 0 && ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return kDefaultWidth;
}

std::string Terminal::StatusLocked() {
  std::string text = status_text_ ? status_text_() : std::string();
  // One column short of the width: writing the last column makes some terminals wrap.
  const int columns = Width() - 1;
  text.resize(Fit(text, columns > 0 ? columns : 1).size());
  return text;
}

void Terminal::PutLocked(std::string_view bytes) {
  if (bytes.empty() || write_error_ != 0) return;
  // Whatever others left in the FILE's buffer goes first (no syscall when empty).
  if (fflush(out_) != 0) clearerr(out_);
  const int fd = fileno(out_);
  if (fd < 0) {  // No descriptor (a memory stream): through stdio.
    if (fwrite(bytes.data(), 1, bytes.size(), out_) != bytes.size()) clearerr(out_);
    if (fflush(out_) != 0) clearerr(out_);
    return;
  }
  // One write(2) for the whole text: stdio would split a large one in up to three. An
  // error (a closed pipe, a full disk) is kept for the run to report at its end.
  iovec piece{const_cast<char*>(bytes.data()), bytes.size()};
  write_error_ = record::WriteGathered(fd, &piece, 1);
}

int Terminal::write_error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return write_error_;
}

void Terminal::RedrawLocked() {
  // Over the old line, then clear what is left of it: no blank frame in between.
  const std::string status = StatusLocked();
  buffer_.clear();
  buffer_.push_back('\r');
  buffer_.append(status).append(kClearToEnd);
  PutLocked(buffer_);
}

void Terminal::Write(std::string_view text) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!shown_) {
    PutLocked(text);
    return;
  }
  buffer_.clear();
  buffer_.append(kEraseLine).append(text).append(StatusLocked());
  PutLocked(buffer_);
}

void Terminal::StartStatus() {
  if (!live_) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (shown_ || stopped_) return;
    shown_ = true;
    PutLocked(StatusLocked());
  }
  if (interval_ > absl::ZeroDuration()) ticker_ = std::thread([this] { TickerLoop(); });
}

void Terminal::RefreshStatus() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!shown_) return;
  RedrawLocked();
}

void Terminal::StopStatus() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    if (shown_) PutLocked(kEraseLine);
    shown_ = false;
  }
  stop_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

void Terminal::TickerLoop() {
  // Capped: a huge period would overflow the deadline wait_for computes from now().
  const auto period = absl::ToChronoNanoseconds(std::min(interval_, absl::Hours(1)));
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopped_) {
    if (stop_.wait_for(lock, period, [this] { return stopped_; })) break;
    RedrawLocked();
  }
}

}  // namespace gantry::console
