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

/// Appends the secrets a sensitive output holds to `secrets`. For a JSON output
/// (GANTRY_OUTPUT_JSON) that parses: its text when it is one line, then what
/// AppendSecretsOf(parsed value) appends, so a downstream component printing the value it
/// received (`${db.creds}`, exported as compact JSON) or one string of it (`jq -r
/// .password`) prints `***`. Otherwise the value as it is.
void AppendSecretsOf(const record::OutputValue& output, std::vector<std::string>& secrets);

/// The same for a JSON value (a sensitive var, a parsed output): a string as it is;
/// another value as its compact JSON text (nlohmann's dump(), as vars are exported) and
/// every string at any depth. Object keys, numbers, booleans and null are not secrets
/// of their own, only as part of the whole text.
void AppendSecretsOf(const nlohmann::json& value, std::vector<std::string>& secrets);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_SECRET_SET_H_
