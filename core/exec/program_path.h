// Where posix_spawnp would find a program, looked up once per process.
#ifndef GANTRY_CORE_EXEC_PROGRAM_PATH_H_
#define GANTRY_CORE_EXEC_PROGRAM_PATH_H_

#include <optional>
#include <string>

namespace gantry::exec {

/// The file posix_spawnp(3) would run for `program`, a name without '/': the first
/// entry of the host's PATH (what posix_spawnp searches, whatever the child's
/// environment says) holding an executable regular file of that name. nullopt when the
/// name holds a '/', when none is found, or when PATH has an empty or relative entry
/// (posix_spawnp would search it from the child's working directory).
///
/// Why: posix_spawnp tries execve(2) on every PATH entry in turn inside the child, while
/// the spawning thread waits; with a long PATH that is a dozen failed execve per
/// component. Found paths are kept for the life of the process (keyed by PATH and name),
/// so a program installed later in an earlier PATH entry is not seen; call Forget when
/// running the found file fails, then fall back to posix_spawnp. Thread-safe.
std::optional<std::string> FindProgram(const std::string& program);

/// Drops what FindProgram keeps for `program` (the file went away or changed).
void ForgetProgram(const std::string& program);

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_PROGRAM_PATH_H_
