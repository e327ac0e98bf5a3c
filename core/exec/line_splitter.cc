#include "core/exec/line_splitter.h"

#include <algorithm>
#include <utility>

namespace gantry::exec {

namespace {

std::string_view WithoutCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

LineSplitter::LineSplitter(size_t max_line) : max_line_(std::max<size_t>(max_line, 1)) {}

void LineSplitter::Feed(std::string_view chunk, absl::FunctionRef<void(std::string_view)> on_line) {
  for (size_t nl = chunk.find('\n'); nl != std::string_view::npos; nl = chunk.find('\n')) {
    const std::string_view line = chunk.substr(0, nl);
    chunk.remove_prefix(nl + 1);
    if (partial_.empty() && line.size() <= max_line_) {
      on_line(WithoutCr(line));  // The common case: straight from the chunk, no copy.
      continue;
    }
    Append(line, on_line);
    on_line(WithoutCr(partial_));
    partial_.clear();  // Keeps its capacity for the next tail.
  }
  Append(chunk, on_line);
}

void LineSplitter::Append(std::string_view bytes,
                          absl::FunctionRef<void(std::string_view)> on_line) {
  // Invariant: partial_.size() <= max_line_.
  while (partial_.size() + bytes.size() > max_line_) {
    const size_t take = max_line_ - partial_.size();
    partial_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    on_line(partial_);
    partial_.clear();
  }
  partial_.append(bytes);
}

std::optional<std::string> LineSplitter::Flush() {
  if (partial_.empty()) return std::nullopt;
  std::string line = std::move(partial_);
  partial_.clear();
  return line;
}

}  // namespace gantry::exec
