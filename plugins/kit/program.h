// Finding the tool a plugin drives, and saying how it ended.
#ifndef GANTRY_PLUGINS_KIT_PROGRAM_H_
#define GANTRY_PLUGINS_KIT_PROGRAM_H_

#include <string>
#include <string_view>

#include "gantry/plugin.hpp"

namespace gantry::kit {

/// The program to run: `binary` itself when it is a bare name (looked up in PATH) or
/// absolute; a relative path with a '/' is taken from the project directory.
std::string ProgramPath(const std::string& binary, std::string_view project_dir);

/// Whether `program` (as ProgramPath gives it) names an executable file, in PATH for a
/// bare name.
bool ProgramExists(const std::string& program);

/// Whether a tool's output may be coloured, as gantry's own console is: GANTRY_COLOR
/// says so when it is "always" or "never" (the host's decision, from --color and the
/// terminal); otherwise (a host from before --color) the console is a terminal, NO_COLOR
/// is unset or empty, and TERM is not "dumb".
bool ConsoleWantsColor();

/// How a finished command ended, for a message: "exited with status 2", "was killed by
/// signal 9".
std::string EndText(const SpawnResult& result);

}  // namespace gantry::kit

#endif  // GANTRY_PLUGINS_KIT_PROGRAM_H_
