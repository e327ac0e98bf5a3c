// packer's -machine-readable output: `timestamp,target,type,data...` lines, commas in the
// data written `%!(PACKER_COMMA)` and newlines `\n`. The plugin keeps the raw stream off
// the console, shows the `ui` lines as the text packer would have printed, and reads the
// artifacts and errors of this run from it.
#ifndef GANTRY_PLUGINS_PACKER_MACHINE_READABLE_H_
#define GANTRY_PLUGINS_PACKER_MACHINE_READABLE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::packer {

struct MachineLine {
  std::string timestamp;
  /// The build the line is about ("b.null.one"); empty for the run as a whole.
  std::string target;
  std::string type;
  /// The data fields, unescaped.
  std::vector<std::string> data;
};

/// One line, or nullopt when it is not machine-readable (a plugin's stray print): at
/// least three fields and a timestamp of digits.
std::optional<MachineLine> ParseMachineLine(std::string_view line);

/// `%!(PACKER_COMMA)` -> ',', `\n` -> newline, `\r` -> carriage return.
std::string Unescape(std::string_view field);

/// What a line shows on the component's streams.
struct ShownText {
  bool is_error = false;  ///< stderr rather than stdout
  std::string text;       ///< ends with one newline
};

/// Everything one packer command printed, read line by line.
class MachineReadableLog {
 public:
  /// Reads one line; returns what to show for it (a `ui` line's text, or a line that is
  /// not machine-readable as it is), or nothing for the data lines.
  std::optional<ShownText> Add(std::string_view line);

  /// The builds that reported artifacts, in the order they did.
  const std::vector<std::string>& builds_with_artifacts() const { return builds_; }
  /// Each of those builds' first artifact id (the lowest index that has an id).
  std::map<std::string, std::string> FirstArtifactIds() const;
  /// packer's error, for the component's failure message: each failed build's own error
  /// ("b.null.one: * Post-processor failed: ..."), else the first `ui,error` text, each
  /// made one line; "" when packer reported none.
  std::string ErrorSummary() const;

 private:
  std::vector<std::string> builds_;
  std::map<std::string, std::map<int, std::string>> artifact_ids_;  // build -> index -> id
  std::vector<std::string> build_errors_;
  std::vector<std::string> ui_errors_;
};

/// `text` on one line: its lines trimmed, blank ones dropped, joined with a space, cut
/// at `max_size` bytes (with "...").
std::string OneLine(std::string_view text, std::size_t max_size = 400);

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_MACHINE_READABLE_H_
