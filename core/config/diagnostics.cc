#include "core/config/diagnostics.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace gantry::config {

std::string SourceLocation::ToString() const {
  if (line <= 0) return file;
  if (column <= 0) return absl::StrCat(file, ":", line);
  return absl::StrCat(file, ":", line, ":", column);
}

void Diagnostics::Error(const SourceLocation& where, std::string message) {
  messages_.push_back(absl::StrCat(where.ToString(), ": error: ", message));
}

absl::Status Diagnostics::ToStatus() const {
  if (messages_.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrJoin(messages_, "\n"));
}

}  // namespace gantry::config
