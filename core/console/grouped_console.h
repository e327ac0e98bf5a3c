// `--output grouped`: each component's output as one block when it ends.
#ifndef GANTRY_CORE_CONSOLE_GROUPED_CONSOLE_H_
#define GANTRY_CORE_CONSOLE_GROUPED_CONSOLE_H_

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "core/console/status_console.h"

namespace gantry::console {

/// Keeps each component's lines (both streams, in arrival order) in memory and prints
/// them, unlabelled, right after its finished status line, in the same write: blocks
/// never mix. Retries add to the same block. Lines are neutralised as they come (see
/// exec/inert_text.h; SGR colours kept only with options.color).
///
/// Memory: past options.grouped_limit bytes, a component keeps its first and its last
/// grouped_limit/2 bytes (whole lines) and the block says how many lines were left out
/// between, pointing at the log (which always has all of them).
///
/// Under GitHub Actions (options.github_actions) a non-empty block is wrapped in
/// "::group::<component> (<status>)" ... "::endgroup::", and when a line of it starts
/// with "::", in ::stop-commands:: as well, so component output can neither close the
/// group nor issue workflow commands.
class GroupedConsole : public StatusConsole {
 public:
  explicit GroupedConsole(ConsoleOptions options);
  void Output(const std::string& component, int stream, LineBlock lines) override;

 protected:
  std::string FinishedBlock(const record::ComponentRecord& component) override;

 private:
  // One component's output so far.
  struct Buffer {
    std::string head;        // The first lines, up to half the limit; whole lines.
    std::string tail;        // Lines after head; trimmed at the front past the limit.
    bool overflowed = false;  // Lines go to tail (head is full).
    size_t dropped_lines = 0;  // Cut from the front of tail.
  };
  void Append(Buffer& buffer, std::string_view lines) const;
  void Trim(Buffer& buffer, size_t keep) const;

  const size_t half_limit_;
  std::mutex mu_;  // Guards buffers_ (std::mutex: see terminal.h).
  absl::flat_hash_map<std::string, Buffer> buffers_;
};

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_GROUPED_CONSOLE_H_
