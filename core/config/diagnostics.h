// Problems found in a deployment file, each with its place, reported all at once.
#ifndef GANTRY_CORE_CONFIG_DIAGNOSTICS_H_
#define GANTRY_CORE_CONFIG_DIAGNOSTICS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace gantry::config {

/// A place in a config file; line and column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  /// "file:line:col", "file:line" or "file".
  std::string ToString() const;
};

/// Collects every problem of a load instead of stopping at the first.
class Diagnostics {
 public:
  void Error(const SourceLocation& where, std::string message);
  /// Shown with the errors; fails nothing.
  void Warning(const SourceLocation& where, std::string message);
  /// No error (warnings do not count).
  bool empty() const { return messages_.empty(); }
  /// "file:line:col: error: ...", ordered by file, line and column.
  std::vector<std::string> messages() const;
  /// "file:line:col: warning: ...", ordered as messages().
  std::vector<std::string> warnings() const;
  /// OK when empty, else InvalidArgument with one message per line.
  absl::Status ToStatus() const;

 private:
  struct Entry {
    SourceLocation where;
    std::string text;
  };
  static std::vector<std::string> Sorted(const std::vector<Entry>& entries);

  std::vector<Entry> messages_;
  std::vector<Entry> warnings_;
};

}  // namespace gantry::config

#endif  // GANTRY_CORE_CONFIG_DIAGNOSTICS_H_
