// A run's outputs exchanged as files with other runs (CI jobs): --outputs-from DIR reads
// the dependencies' published outputs instead of the local outputs store, --outputs-to
// DIR publishes each component's own (state/published_outputs.h).
#ifndef GANTRY_CORE_RUN_OUTPUT_PUBLISHING_H_
#define GANTRY_CORE_RUN_OUTPUT_PUBLISHING_H_

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/run/output_book.h"
#include "core/state/output_seal.h"
#include "core/state/published_outputs.h"

namespace gantry::run {

/// Where a run publishes its components' outputs, and the key that seals sensitive ones
/// (none: they are withheld, and said so).
struct OutputPublisher {
  std::filesystem::path dir;
  std::string target;
  std::optional<state::OutputSeal> seal;
};

/// Publishes what `component`'s successful `operation` set (a plan: what it will set).
absl::Status Publish(const OutputPublisher& publisher, const std::string& component,
                     const std::string& operation, const std::string& run_id,
                     const Outputs& outputs);

/// The outputs published under `dir` for `target`: an error naming the file when one is
/// unreadable or was published for another target. Sensitive ones are opened with `seal`.
struct PublishedBook {
  std::map<std::string, state::PublishedOutputs> by_component;

  /// An OutputBook reading applied outputs from here, never from the local store; what
  /// plans published is recorded as planned (as if planned in this run).
  std::unique_ptr<OutputBook> MakeBook() const;
  /// One line per output that cannot be read here (withheld), saying why.
  std::vector<std::string> Withheld() const;
};
absl::StatusOr<PublishedBook> ReadPublished(const std::filesystem::path& dir,
                                            const std::string& target,
                                            const state::OutputSeal* seal);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_OUTPUT_PUBLISHING_H_
