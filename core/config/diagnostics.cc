#include "core/config/diagnostics.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace gantry::config {

std::string SourceLocation::ToString() const {
  if (line <= 0) return file;
  if (column <= 0) return absl::StrCat(file, ":", line);
  return absl::StrCat(file, ":", line, ":", column);
}

void Diagnostics::Error(const SourceLocation& where, std::string message) {
  messages_.push_back({where, absl::StrCat(where.ToString(), ": error: ", message)});
}

void Diagnostics::Warning(const SourceLocation& where, std::string message) {
  warnings_.push_back({where, absl::StrCat(where.ToString(), ": warning: ", message)});
}

std::vector<std::string> Diagnostics::messages() const { return Sorted(messages_); }

std::vector<std::string> Diagnostics::warnings() const { return Sorted(warnings_); }

std::vector<std::string> Diagnostics::Sorted(const std::vector<Entry>& entries) {
  std::vector<const Entry*> sorted;
  for (const Entry& entry : entries) sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Entry* a, const Entry* b) {
    return std::tie(a->where.file, a->where.line, a->where.column) <
           std::tie(b->where.file, b->where.line, b->where.column);
  });
  std::vector<std::string> out;
  for (const Entry* entry : sorted) out.push_back(entry->text);
  return out;
}

absl::Status Diagnostics::ToStatus() const {
  if (messages_.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrJoin(messages(), "\n"));
}

}  // namespace gantry::config
