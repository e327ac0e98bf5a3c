#include "core/run/output_keeper.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/state/output_store.h"
#include "gantry/abi.h"
#include "spdlog/spdlog.h"

namespace gantry::run {

std::map<std::string, record::OutputValue> OutputsForRecord(Outputs& outputs,
                                                            const stream::SecretMasker& masker,
                                                            exec::OutputSink& notes) {
  if (masker.empty()) return outputs;  // The usual case: nothing to scan.
  std::map<std::string, record::OutputValue> shown;
  for (auto& [key, output] : outputs) {
    std::string shown_key = masker.Mask(key);
    if (!output.sensitive() && masker.Contains(output.value)) {
      output.flags |= GANTRY_OUTPUT_SENSITIVE;
      notes.OnOutput(2, absl::StrCat("gantry: output '", shown_key, "' holds a secret: ",
                                     "recorded masked, treated as sensitive\n"));
    }
    if (shown_key != key) {
      notes.OnOutput(2, absl::StrCat("gantry: the name of output '", shown_key,
                                     "' holds a secret: recorded masked\n"));
      // Two names masked alike stay two outputs.
      for (int n = 2; shown.count(shown_key) != 0; ++n)
        shown_key = absl::StrCat(masker.Mask(key), " (", n, ")");
    }
    shown[shown_key] = record::OutputValue{masker.Mask(output.value), output.flags};
  }
  return shown;
}

void WarnUndeclaredOutputs(const Outputs& outputs, const std::vector<plugin::OutputSpec>& declared,
                           const std::string& component, const std::string& type,
                           const stream::SecretMasker& masker, exec::OutputSink& notes) {
  const std::vector<std::string> names = plugin::OutputNames(declared);
  for (const auto& [key, output] : outputs) {
    if (std::find(names.begin(), names.end(), key) != names.end()) continue;
    const std::string text = absl::StrCat(
        "output '", masker.Mask(key), "' is not among the outputs declared for type '", type,
        "' (", names.empty() ? "none" : absl::StrJoin(names, ", "),
        "); references to it are refused by gantry validate");
    spdlog::warn("[{}] {}", component, text);
    notes.OnOutput(2, absl::StrCat("gantry: ", text, "\n"));
  }
}

absl::Status KeepOutputs(const Outputs& outputs, const OutputsHome& home, OutputBook& book) {
  if (home.operation == "apply") {
    book.Record(home.component, outputs);
    if (outputs.empty()) return state::RemoveOutputs(home.path, home.durable);
    state::StoredOutputs stored;
    stored.outputs = outputs;
    stored.run_id = home.run_id;
    stored.operation = home.operation;
    stored.time = home.now;
    return state::WriteOutputs(home.path, stored, home.durable);
  }
  if (home.operation == "destroy") {
    book.Record(home.component, {});
    return state::RemoveOutputs(home.path, home.durable);
  }
  if (home.operation == "plan") {
    book.RecordPlanned(home.component, outputs);
  } else if (!outputs.empty()) {
    book.Record(home.component, outputs);
  }
  return absl::OkStatus();
}

}  // namespace gantry::run
