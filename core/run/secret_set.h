// The secrets known so far in a run: sensitive vars, and outputs marked sensitive.
#ifndef GANTRY_CORE_RUN_SECRET_SET_H_
#define GANTRY_CORE_RUN_SECRET_SET_H_

#include <memory>
#include <string>
#include <vector>

#include <mutex>
#include "core/record/run_record.h"
#include "core/stream/secret_masker.h"
#include "nlohmann/json.hpp"

namespace gantry::run {

/// Grows as the run learns secrets (a component records a sensitive output that later
/// components may print). Thread-safe; a snapshot is an immutable masker that stays valid
/// as long as it is held.
class SecretSet {
 public:
  void Add(const std::vector<std::string>& secrets);
  /// A masker for every secret added so far.
  std::shared_ptr<const stream::SecretMasker> Snapshot();

 private:
  std::mutex mu_;
  std::vector<std::string> secrets_;
  std::shared_ptr<const stream::SecretMasker> masker_;
};

/// Appends the secrets a sensitive output holds to `secrets`: its value and, for a JSON
/// output (GANTRY_OUTPUT_JSON) that parses, every string leaf of it, since a component
/// may print one alone (`jq -r .password`). Object keys are not secrets.
void AppendSecretsOf(const record::OutputValue& output, std::vector<std::string>& secrets);

/// The same for a sensitive var: a string as it is; another value as its JSON text (as
/// vars are exported) and every string leaf of it.
void AppendSecretsOf(const nlohmann::json& var, std::vector<std::string>& secrets);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_SECRET_SET_H_
