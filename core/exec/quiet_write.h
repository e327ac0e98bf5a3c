// Writing to a pipe whose reader may be gone, without a SIGPIPE.
#ifndef GANTRY_CORE_EXEC_QUIET_WRITE_H_
#define GANTRY_CORE_EXEC_QUIET_WRITE_H_

#include <sys/types.h>

#include <cstddef>

namespace gantry::exec {

/// write(2), except that a reader having gone away is only the error EPIPE: the SIGPIPE
/// it raises is blocked on this thread and consumed, so the host is not killed whatever
/// the process's SIGPIPE disposition (tests and embedders may leave it at its default).
/// Returns what write returns, with errno set as it left it.
[[nodiscard]] ssize_t QuietWrite(int fd, const void* data, size_t size);

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_QUIET_WRITE_H_
