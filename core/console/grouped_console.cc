#include "core/console/grouped_console.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/exec/inert_text.h"

namespace gantry::console {
namespace {

size_t CountLines(std::string_view text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

bool HasWorkflowCommand(std::string_view text) {
  return text.substr(0, 2) == "::" || text.find("\n::") != std::string_view::npos;
}

// An unguessable ::stop-commands:: token: output cannot end the pause it does not know.
std::string PauseToken() {
  std::random_device random;
  std::uniform_int_distribution<uint64_t> bits;
  uint64_t high = bits(random);
  uint64_t low = bits(random);
  return absl::StrFormat("gantry-%016x%016x", high, low);
}

}  // namespace

GroupedConsole::GroupedConsole(ConsoleOptions options)
    : StatusConsole(std::move(options)),
      half_limit_(std::max<size_t>(this->options().grouped_limit / 2, 1)) {}

void GroupedConsole::Output(const std::string& component, int, LineBlock lines) {
  if (lines.empty()) return;
  // Outside the lock; each piece holds whole lines, so each is neutralised on its own.
  std::string head_scratch, body_scratch;
  const std::string_view head = exec::Neutralise(lines.head, options().color, &head_scratch);
  const std::string_view body = exec::Neutralise(lines.body, options().color, &body_scratch);
  std::lock_guard<std::mutex> lock(mu_);
  Buffer& buffer = buffers_[component];
  if (!head.empty()) Append(buffer, head);
  if (!body.empty()) Append(buffer, body);
}

void GroupedConsole::Append(Buffer& buffer, std::string_view lines) const {
  if (!buffer.overflowed) {
    const size_t room = half_limit_ - std::min(half_limit_, buffer.head.size());
    if (lines.size() <= room) {
      buffer.head.append(lines);
      if (buffer.head.back() != '\n') buffer.head.push_back('\n');
      return;
    }
    // Fill head with the whole lines that fit; the rest starts the tail.
    const size_t cut = lines.substr(0, room).rfind('\n');
    const size_t taken = cut == std::string_view::npos ? 0 : cut + 1;
    buffer.head.append(lines.substr(0, taken));
    lines.remove_prefix(taken);
    buffer.overflowed = true;
  }
  buffer.tail.append(lines);
  if (buffer.tail.back() != '\n') buffer.tail.push_back('\n');
  // Trim lazily, at twice the size kept: amortized linear.
  if (buffer.tail.size() > 2 * half_limit_) Trim(buffer, half_limit_);
}

void GroupedConsole::Trim(Buffer& buffer, size_t keep) const {
  if (buffer.tail.size() <= keep) return;
  // Drop whole lines from the front until at most `keep` bytes are left.
  size_t cut = buffer.tail.size() - keep;
  if (buffer.tail[cut - 1] != '\n') {
    const size_t nl = buffer.tail.find('\n', cut);
    cut = nl == std::string::npos ? buffer.tail.size() : nl + 1;
  }
  buffer.dropped_lines += CountLines(std::string_view(buffer.tail).substr(0, cut));
  buffer.tail.erase(0, cut);
}

std::string GroupedConsole::FinishedBlock(const record::ComponentRecord& component) {
  Buffer buffer;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = buffers_.find(component.name);
    if (it == buffers_.end()) return "";
    buffer = std::move(it->second);
    buffers_.erase(it);
  }
  Trim(buffer, half_limit_);
  if (buffer.head.empty() && buffer.tail.empty()) return "";

  std::string body = std::move(buffer.head);
  if (buffer.dropped_lines > 0) {
    absl::StrAppend(&body, "... ", buffer.dropped_lines,
                    buffer.dropped_lines == 1 ? " line" : " lines", " left out here",
                    component.log_path.empty() ? "" : absl::StrCat(": see ", component.log_path),
                    " ...\n");
  }
  body += buffer.tail;
  if (!options().github_actions) return body;

  std::string block = absl::StrCat("::group::", component.name, " (",
                                   record::ShownStatus(component, operation()), ")\n");
  if (HasWorkflowCommand(body)) {
    const std::string token = PauseToken();
    absl::StrAppend(&block, "::stop-commands::", token, "\n", body, "::", token, "::\n");
  } else {
    block += body;
  }
  block += "::endgroup::\n";
  return block;
}

}  // namespace gantry::console
