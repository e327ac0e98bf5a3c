#include "core/stream/secret_set.h"

#include <algorithm>

namespace gantry::stream {

void SecretSet::Add(const std::vector<std::string>& secrets) {
  std::lock_guard lock(mu_);
  bool added = false;
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) continue;
    secrets_.push_back(secret);
    added = true;
  }
  if (!added) return;
  masker_.reset();  // rebuilt on the next Snapshot
  ++generation_;
}

std::shared_ptr<const SecretMasker> SecretSet::Snapshot() const {
  std::lock_guard lock(mu_);
  if (!masker_) masker_ = std::make_shared<const SecretMasker>(secrets_);
  return masker_;
}

}  // namespace gantry::stream
