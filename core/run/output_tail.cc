#include "core/run/output_tail.h"

namespace gantry::run {

void OutputTail::OnOutput(int stream, std::string_view chunk) {
  next_.OnOutput(stream, chunk);
  std::lock_guard lock(mu_);
  if (chunk.size() >= max_bytes_) {
    tail_.assign(chunk.substr(chunk.size() - max_bytes_));
    return;
  }
  tail_.append(chunk);
  // Trim in bulk, at twice the size, so a stream of small chunks costs amortized O(1).
  if (tail_.size() > 2 * max_bytes_) tail_.erase(0, tail_.size() - max_bytes_);
}

std::string OutputTail::Text() const {
  std::lock_guard lock(mu_);
  return tail_.size() > max_bytes_ ? tail_.substr(tail_.size() - max_bytes_) : tail_;
}

void OutputTail::Clear() {
  std::lock_guard lock(mu_);
  tail_.clear();
}

}  // namespace gantry::run
