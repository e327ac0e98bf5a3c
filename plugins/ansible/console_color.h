// Whether a tool's output may be coloured, as gantry's own console would be.
// (The terraform plugin has the same function: a candidate for the kit.)
#ifndef GANTRY_PLUGINS_ANSIBLE_CONSOLE_COLOR_H_
#define GANTRY_PLUGINS_ANSIBLE_CONSOLE_COLOR_H_

namespace gantry::ansible {

/// The console gantry writes to is a terminal, NO_COLOR is unset or empty, and TERM is
/// not "dumb".
bool ConsoleWantsColor();

}  // namespace gantry::ansible

#endif  // GANTRY_PLUGINS_ANSIBLE_CONSOLE_COLOR_H_
