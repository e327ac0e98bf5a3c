#include "core/run/secret_set.h"

#include <algorithm>

namespace gantry::run {

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

}  // namespace gantry::run
