#include "core/stream/mask_again.h"

#include <cerrno>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "core/record/file_output.h"

namespace gantry::stream {

absl::StatusOr<bool> MaskFileAgain(const std::string& path, const SecretMasker& masker,
                                   std::string_view note) {
  if (masker.empty()) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in && errno == ENOENT) return false;  // no log: the component printed nothing
  if (!in) return absl::ErrnoToStatus(errno, absl::StrCat("cannot read '", path, "'"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = std::move(buffer).str();
  std::string scratch;
  const std::string_view masked = masker.Mask(text, &scratch);
  if (masked.data() == text.data()) return false;  // Nothing matched.
  std::string contents(masked);
  contents.append(note);
  if (absl::Status written = record::WriteFileAtomically(path, contents); !written.ok())
    return written;
  return true;
}

}  // namespace gantry::stream
