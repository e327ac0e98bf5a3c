// Part of the Gantry SDK test kit (see gantry/testing/fake_host.hpp); not an API of its own.
// Cuts a child's output into lines for GANTRY_SPAWN_LINES exactly as the host does
// (core/exec/line_splitter.h): the kit is header-only and links nothing of the host, so
// this is a copy of its rules, kept small. C++17.
#ifndef GANTRY_TESTING_DETAIL_LINE_SPLITTER_HPP
#define GANTRY_TESTING_DETAIL_LINE_SPLITTER_HPP

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace gantry {
namespace testing {
namespace detail {

/// A line ends at '\n', which is not part of it, nor is the '\r' of "\r\n". Bytes after
/// the last '\n' wait for more, or for Flush() (as is). A line longer than 1 MiB is
/// handed out in 1 MiB pieces.
class KitLineSplitter {
 public:
  using LineFn = std::function<void(std::string_view line)>;
  static constexpr size_t kMaxLine = size_t{1} << 20;

  void Feed(std::string_view chunk, const LineFn& on_line) {
    for (size_t nl = chunk.find('\n'); nl != std::string_view::npos; nl = chunk.find('\n')) {
      Append(chunk.substr(0, nl), on_line);
      std::string_view line = partial_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      on_line(line);
      partial_.clear();
      chunk.remove_prefix(nl + 1);
    }
    Append(chunk, on_line);
  }

  /// Hands out the unfinished last line, if any.
  void Flush(const LineFn& on_line) {
    if (partial_.empty()) return;
    on_line(partial_);
    partial_.clear();
  }

 private:
  void Append(std::string_view bytes, const LineFn& on_line) {
    while (partial_.size() + bytes.size() > kMaxLine) {
      const size_t take = kMaxLine - partial_.size();
      partial_.append(bytes.substr(0, take));
      bytes.remove_prefix(take);
      on_line(partial_);
      partial_.clear();
    }
    partial_.append(bytes);
  }

  std::string partial_;
};

}  // namespace detail
}  // namespace testing
}  // namespace gantry

#endif  // GANTRY_TESTING_DETAIL_LINE_SPLITTER_HPP
