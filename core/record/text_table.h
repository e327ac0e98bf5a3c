// Plain-text tables for the terminal: `gantry runs list` and `gantry runs show`.
#ifndef GANTRY_CORE_RECORD_TEXT_TABLE_H_
#define GANTRY_CORE_RECORD_TEXT_TABLE_H_

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace gantry::record {

/// Columns padded to their widest cell (in bytes: names and statuses are ASCII), two
/// spaces apart, no trailing spaces. The first row is the header.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) { rows_.push_back(std::move(header)); }

  /// A row of cells; missing cells are empty, extra ones are kept.
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

  void Print(std::ostream& out) const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_TEXT_TABLE_H_
