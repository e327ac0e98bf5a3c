#include "core/run/secret_set.h"

#include <algorithm>

namespace gantry::run {
namespace {

void AppendStringLeaves(const nlohmann::json& value, std::vector<std::string>& secrets) {
  if (value.is_string()) {
    secrets.push_back(value.get<std::string>());
  } else if (value.is_structured()) {
    for (const nlohmann::json& item : value) AppendStringLeaves(item, secrets);
  }
}

}  // namespace

void SecretSet::Add(const std::vector<std::string>& secrets) {
  std::lock_guard lock(mu_);
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) continue;
    secrets_.push_back(secret);
    masker_.reset();  // rebuilt on the next Snapshot
  }
}

std::shared_ptr<const stream::SecretMasker> SecretSet::Snapshot() {
  std::lock_guard lock(mu_);
  if (!masker_) masker_ = std::make_shared<const stream::SecretMasker>(secrets_);
  return masker_;
}

void AppendSecretsOf(const record::OutputValue& output, std::vector<std::string>& secrets) {
  secrets.push_back(output.value);
  if (!output.json()) return;
  const nlohmann::json parsed =
      nlohmann::json::parse(output.value, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_discarded()) AppendStringLeaves(parsed, secrets);
}

void AppendSecretsOf(const nlohmann::json& var, std::vector<std::string>& secrets) {
  if (var.is_string()) {
    secrets.push_back(var.get<std::string>());
    return;
  }
  secrets.push_back(var.dump());
  AppendStringLeaves(var, secrets);
}

}  // namespace gantry::run
