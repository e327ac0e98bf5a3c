// The mark every process started for a component carries, so that gantry (and its
// guardian, after gantry itself was killed) can find it again, however far it wandered.
#ifndef GANTRY_CORE_EXEC_PROCESS_TAG_H_
#define GANTRY_CORE_EXEC_PROCESS_TAG_H_

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::exec {

/// Environment variables set in every process started for a component. Children inherit
/// them, so a descendant that left the component's process group (setsid, a daemon's
/// double fork) is still known by them — unless it clears its environment (`env -i`),
/// which only the end-of-run sweep catches (see LeftoverSweep).
inline constexpr char kRunIdVar[] = "GANTRY_RUN_ID";
inline constexpr char kComponentVar[] = "GANTRY_COMPONENT";

/// Whose process it is: one component of one run.
struct ProcessTag {
  std::string run_id;
  std::string component;

  /// The "NAME=value" entries to add to a child's environment.
  std::vector<std::string> Environment() const;
  friend bool operator==(const ProcessTag&, const ProcessTag&) = default;
};

/// A live process found with a tag.
struct TaggedProcess {
  pid_t pid = 0;
  std::string command;  ///< its name (/proc/PID/comm), for messages
  ProcessTag tag;
};

/// The tag in the environment block `environ` ("NAME=value" entries, each ended by a NUL,
/// as /proc/PID/environ holds it); nullopt when it has no GANTRY_RUN_ID. The component is
/// empty when GANTRY_COMPONENT is missing.
std::optional<ProcessTag> ParseTag(std::string_view environ);

/// The tag of process `pid`, read from /proc; nullopt when it has none, or when it
/// cannot be read (gone, a zombie, another user's).
std::optional<ProcessTag> ReadTag(pid_t pid, std::string* command = nullptr);

/// Every live process on the machine whose tag `wanted` accepts (one pass over /proc;
/// processes of other users cannot be read and are never found). The caller's own
/// process is skipped.
std::vector<TaggedProcess> FindTaggedProcesses(
    const std::function<bool(const ProcessTag&)>& wanted);

/// "1234 (sleep), 1240 (sh)": for messages.
std::string DescribeProcesses(const std::vector<TaggedProcess>& processes);

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_PROCESS_TAG_H_
