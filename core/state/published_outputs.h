// One component's outputs as a CI job publishes them (a job artifact) for the jobs that
// need them: `gantry apply C --outputs-to DIR` writes them, `--outputs-from DIR` reads
// them instead of the local outputs store. Sensitive values are sealed (output_seal.h),
// or withheld when there is no key: never written in clear.
#ifndef GANTRY_CORE_STATE_PUBLISHED_OUTPUTS_H_
#define GANTRY_CORE_STATE_PUBLISHED_OUTPUTS_H_

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/record/run_record.h"
#include "core/state/output_seal.h"

namespace gantry::state {

struct PublishedOutputs {
  std::string component;
  std::string target;
  std::string operation;  ///< "plan": what a plan said the outputs will be
  std::string run_id;
  /// Every output that can be read (sensitive ones opened, when reading).
  std::map<std::string, record::OutputValue> outputs;
  /// Sensitive outputs left out, with why: the writer had no key, or the reader has none.
  std::map<std::string, std::string> withheld;
};

/// Current version of the published file format.
inline constexpr int kPublishedOutputsSchema = 1;

/// DIR/<component>.json ("network/vpc" -> DIR/network/vpc.json, names as ContainedName).
std::filesystem::path PublishedOutputsPath(const std::filesystem::path& dir,
                                           std::string_view component);

/// Writes `data` to PublishedOutputsPath atomically (0600, parents made 0700):
///
///     {"schema":1,"component":"database","target":"default","operation":"apply",
///      "run_id":"...","outputs":{"endpoint":{"value":"db:5432","sensitive":false},
///        "password":{"sealed":"<base64>","sensitive":true}}}
///
/// A sensitive output is sealed with `seal`; without one it is written as
/// {"withheld":true,"sensitive":true}. `data.withheld` is written the same way.
absl::Status WritePublishedOutputs(const std::filesystem::path& dir, const PublishedOutputs& data,
                                   const OutputSeal* seal);

/// Reads one published file. Sealed values are opened with `seal`; without one they are
/// withheld (a reference to them then fails, saying why). DataLoss naming the file for a
/// file gantry did not write, a value that does not open, or one moved from elsewhere.
absl::StatusOr<PublishedOutputs> ReadPublishedOutputs(const std::filesystem::path& file,
                                                      const OutputSeal* seal);

/// Every published file under `dir` (a missing `dir` has none), by component. A file
/// whose place does not match its component (copied by hand?) is an error naming it.
absl::StatusOr<std::map<std::string, PublishedOutputs>> ReadPublishedDir(
    const std::filesystem::path& dir, const OutputSeal* seal);

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_PUBLISHED_OUTPUTS_H_
