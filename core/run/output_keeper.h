// What a component's successful run leaves of its outputs: the record's masked copy, a
// word about outputs its type did not declare, and the outputs made visible to later
// components and, for apply, persistent.
#ifndef GANTRY_CORE_RUN_OUTPUT_KEEPER_H_
#define GANTRY_CORE_RUN_OUTPUT_KEEPER_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/exec/output_sink.h"
#include "core/plugin/output_spec.h"
#include "core/record/background_sync.h"
#include "core/record/run_record.h"
#include "core/run/output_book.h"
#include "core/stream/secret_masker.h"

namespace gantry::run {

/// The record's copy of `outputs` (journal, events, summaries, trace, `runs show`): every
/// key and value masked with `masker`. An output whose value holds a secret becomes
/// sensitive in `outputs` too, so that later components referencing it learn it as one;
/// `notes` hears of it, and of names masked. `outputs` keeps the real keys and values.
std::map<std::string, record::OutputValue> OutputsForRecord(Outputs& outputs,
                                                            const stream::SecretMasker& masker,
                                                            exec::OutputSink& notes);

/// A plugin that declares its outputs and sets another has a bug in its declaration:
/// references to that output are refused by validate. Said (the log and `notes`), not
/// failed.
void WarnUndeclaredOutputs(const Outputs& outputs, const std::vector<plugin::OutputSpec>& declared,
                           const std::string& component, const std::string& type,
                           const stream::SecretMasker& masker, exec::OutputSink& notes);

/// Where and how a component's outputs are kept.
struct OutputsHome {
  std::string component;
  std::string operation;
  std::string run_id;
  std::filesystem::path path;           ///< the component's outputs file (Layout::OutputsPath)
  absl::Time now;                        ///< written into the file
  record::BackgroundSync* durable = nullptr;  ///< syncs the file; null: synced before return
};

/// Makes `outputs` visible to the run's later components through `book` and, by
/// operation: apply persists them (no outputs, no file: most components have none);
/// destroy forgets them, in the book and on disk (what was destroyed has none any more);
/// plan records them as planned, for this run's plans of dependents only; any other
/// operation records what it set, without persisting.
absl::Status KeepOutputs(const Outputs& outputs, const OutputsHome& home, OutputBook& book);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_OUTPUT_KEEPER_H_
