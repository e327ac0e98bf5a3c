// Masking a finished log again, with secrets learned after it was written.
#ifndef GANTRY_CORE_STREAM_MASK_AGAIN_H_
#define GANTRY_CORE_STREAM_MASK_AGAIN_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/stream/secret_masker.h"

namespace gantry::stream {

/// Masks the file at `path` (a component's log, whole lines) with `masker`. When that
/// changes anything, the masked text followed by `note` replaces the file atomically
/// (record::WriteFileAtomically, mode 0644) and the result is true; otherwise the file
/// is left alone and the result is false. For secrets the run learned while a component
/// ran (its own sensitive outputs, most likely): what it printed of them before is masked
/// in its log (the console has shown it). Reads the whole file into memory: meant for
/// that rare case, not for every log.
absl::StatusOr<bool> MaskFileAgain(const std::string& path, const SecretMasker& masker,
                                   std::string_view note);

}  // namespace gantry::stream

#endif  // GANTRY_CORE_STREAM_MASK_AGAIN_H_
