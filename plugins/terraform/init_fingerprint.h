// What `terraform init` depends on in the sources, as one number.
#ifndef GANTRY_PLUGINS_TERRAFORM_INIT_FINGERPRINT_H_
#define GANTRY_PLUGINS_TERRAFORM_INIT_FINGERPRINT_H_

#include <cstdint>
#include <string>

namespace gantry::terraform {

/// A fingerprint of terraform's init inputs under `dir`: the relative path and bytes of
/// every *.tf, *.tf.json and .terraform.lock.hcl, at any depth (a local module changes
/// what init installs), skipping .terraform directories. FNV-1a 64: for noticing a
/// change, not for security.
uint64_t FingerprintInitInputs(const std::string& dir);

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_INIT_FINGERPRINT_H_
