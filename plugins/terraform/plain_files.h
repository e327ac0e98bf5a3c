// The few file operations the plugin needs, with errors as text for the user.
#ifndef GANTRY_PLUGINS_TERRAFORM_PLAIN_FILES_H_
#define GANTRY_PLUGINS_TERRAFORM_PLAIN_FILES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gantry::terraform {

/// The file's bytes, or nullopt when it cannot be read (absent, a directory...).
std::optional<std::string> ReadFile(const std::string& path);

/// Writes `content` to `path` through a temporary file and a rename, so a reader sees the
/// old file or the new one, never half of one. Returns "" or what went wrong.
std::string WriteFileAtomically(const std::string& path, std::string_view content);

/// Creates `path` and its parents (mode 0755, as umask allows). Returns "" or why not.
std::string MakeDirectories(const std::string& path);

/// A fingerprint of terraform's init inputs under `dir`: the relative path and bytes of
/// every *.tf, *.tf.json and .terraform.lock.hcl, at any depth (a local module changes
/// what init installs), skipping .terraform directories. FNV-1a 64: for noticing a
/// change, not for security.
uint64_t FingerprintInitInputs(const std::string& dir);

/// 64-bit FNV-1a of `data`, continuing from `hash`.
uint64_t Fnv1a(std::string_view data, uint64_t hash = 0xcbf29ce484222325ULL);

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_PLAIN_FILES_H_
