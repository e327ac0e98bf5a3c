// packer's TMPDIR for one run: a fresh directory, removed when the run ends. packer puts
// the unix sockets of its plugins there, and a socket's path must stay under 108 bytes,
// which a directory in the workspace (.gantry/workspaces/<run id>/<component>/...) can
// exceed: so it lives under the plugin's cache (.gantry/cache/packer/tmp/), or, when even
// that path is too long, in the system's temporary directory.
#ifndef GANTRY_PLUGINS_PACKER_TEMP_DIR_H_
#define GANTRY_PLUGINS_PACKER_TEMP_DIR_H_

#include <string>

namespace gantry::packer {

/// The longest TMPDIR that leaves room for packer's "/packer-plugin<digits>" socket name.
inline constexpr std::size_t kMaxTempDirLength = 80;

class RunTempDir {
 public:
  /// Creates a directory under `parent` (made if need be), or in the system's temporary
  /// directory when that one's path would be longer than kMaxTempDirLength.
  explicit RunTempDir(const std::string& parent);
  ~RunTempDir();
  RunTempDir(const RunTempDir&) = delete;
  RunTempDir& operator=(const RunTempDir&) = delete;

  /// The directory; "" when none could be made (error() says why).
  const std::string& path() const { return path_; }
  const std::string& error() const { return error_; }
  /// Whether it is outside `parent` (its path there was too long).
  bool outside() const { return outside_; }

 private:
  std::string path_;
  std::string error_;
  bool outside_ = false;
};

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_TEMP_DIR_H_
